import { withArticle } from "../english";
import { hasWord } from "../words";
import { type Category, classify } from "./classify";
import type { PartName } from "@/lib/schemas/entities";
import { type Doc, everySegment, type Located, openingRun, type Segment } from "./doc";

/** The small set of changes every edit is made of: replace, remove, add in the right place. */

/** Words that tie a clause to its sentence ("lit by", "in"); a replacement keeps them. */
const CONNECTOR =
  /^(lit by|bathed in|under|with|in|and|as|shot as|captured as|rendered as|painted as|drawn as|finished with|framed as|colored in)\s+/i;

export function replaceSegment(doc: Doc, at: Located, next: string, weight?: number): void {
  let text = next;
  if (doc.dialect === "tags") text = next.replace(/^(a|an|the)\s+/i, "");
  else {
    const connector = CONNECTOR.exec(at.seg.text)?.[0];
    if (connector && !CONNECTOR.test(next)) text = `${connector.toLowerCase()}${next}`;
  }
  // Found by identity, not index: earlier removals in the same edit may have shifted indexes.
  for (const group of doc.groups) {
    const i = group.indexOf(at.seg);
    if (i >= 0) {
      // The replacement stands where the old text stood, in the same part of the anatomy.
      const next: Segment = {
        text,
        weight: weight ?? at.seg.weight,
        joinBefore: at.seg.joinBefore,
        added: true,
        ...(at.seg.part ? { part: at.seg.part } : {}),
      };
      group[i] = next;
      at.seg = next;
      return;
    }
  }
}

export function removeSegment(doc: Doc, seg: Segment): void {
  for (const group of doc.groups) {
    const i = group.indexOf(seg);
    if (i >= 0) group.splice(i, 1);
  }
  doc.groups = doc.groups.filter((g) => g.length > 0);
}

export function findCategory(doc: Doc, category: Category): Located[] {
  return everySegment(doc).filter((l) => classify(l.seg.text) === category);
}

/** Where an addition about `place` goes. "lead" joins the idea's own opening. */
export type Placement = "lead" | "lead-phrase" | "light" | "medium" | "framing" | "palette" | "detail";

const NEW_SENTENCE: Record<Exclude<Placement, "lead" | "lead-phrase">, (t: string) => string> = {
  light: (t) => `Lit by ${t}`,
  medium: (t) => withArticle(t),
  framing: (t) => t,
  palette: (t) => `Colored in ${t}`,
  detail: (t) => t,
};

/** Which part of the anatomy an addition in each place belongs to, unless the edit says otherwise. */
const PLACEMENT_PART: Record<Placement, PartName | undefined> = {
  lead: undefined,
  "lead-phrase": undefined,
  light: "lighting",
  medium: "medium",
  framing: "composition",
  palette: "palette",
  detail: "details",
};

/** The index just after the idea's own leading tags. */
function afterIdeaTags(doc: Doc, tags: Segment[]): number {
  let i = 0;
  // The idea's own prompt syntax is one run: nothing goes inside it.
  while (i < tags.length && (tags[i]?.verbatim || doc.ideaWords.some((w) => hasWord(tags[i]?.text ?? "", w)))) i++;
  return Math.max(i, 1);
}

/**
 * Adds a segment where it belongs. `part` names the anatomy part it joins (null: none); by
 * default it is the one its placement implies (a light joins the lighting).
 */
export function addSegment(
  doc: Doc,
  placement: Placement,
  text: string,
  weight?: number,
  part: PartName | null = PLACEMENT_PART[placement] ?? null,
): void {
  const seg: Segment = {
    text: doc.dialect === "tags" ? text.replace(/^(a|an|the)\s+/i, "") : text,
    weight,
    added: true,
    ...(part ? { part } : {}),
  };
  if (doc.groups.length === 0) doc.groups.push([]);
  const first = doc.groups[0] as Segment[];

  if (doc.dialect === "tags") {
    if (placement === "lead" || placement === "lead-phrase") first.splice(afterIdeaTags(doc, first), 0, seg);
    else {
      const quality = first.findIndex((s) => classify(s.text) === "quality");
      first.splice(quality >= 0 ? quality : first.length, 0, seg);
    }
    return;
  }

  const opening = openingRun(doc);
  if (placement === "lead-phrase") {
    // "at night", "in autumn": continues the idea's opening clause, never inside a locked part.
    const last = opening[opening.length - 1];
    if (last && !last.frozen) last.text = `${last.text} ${text}`;
    // After prompt syntax it is an item of its own: "forest, at night", never "(forest:1.2) at night".
    else first.splice(opening.length, 0, { ...seg, joinBefore: last ? (last.verbatim ? ", " : " ") : undefined });
    return;
  }
  if (placement === "lead") {
    first.splice(Math.min(Math.max(1, opening.length), first.length), 0, seg);
    return;
  }

  const near: Category[] =
    placement === "light"
      ? ["light", "mood"]
      : placement === "framing"
        ? ["framing", "medium"]
        : placement === "palette"
          ? ["palette", "medium", "framing"]
          : [placement];
  for (const category of near) {
    const hits = findCategory(doc, category).filter((l) => !(l.group === 0 && l.index === 0));
    const last = hits[hits.length - 1];
    if (last) {
      const group = doc.groups[last.group] as Segment[];
      const glue = placement === "palette" && category !== "palette" ? `in ${text}` : text;
      // Never wedge between a clause and the palette glued onto it ("... film in amber tones").
      let at = last.index + 1;
      // Nor inside a part's run of segments (a locked lighting must stay one unbroken phrase).
      while (group[at]?.joinBefore === " " || (group[at]?.part && group[at]?.part === group[at - 1]?.part)) at++;
      group.splice(at, 0, { ...seg, text: glue });
      return;
    }
  }
  const sentence: Segment = { ...seg, text: NEW_SENTENCE[placement](text) };
  if (placement === "detail") doc.groups.push([sentence]);
  else doc.groups.splice(1, 0, [sentence]);
}
