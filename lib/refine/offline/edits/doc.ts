import type { Dialect } from "@/lib/schemas/common";
import type { PartName } from "@/lib/schemas/entities";
import { capitalize, polishProse } from "../english";
import { hasSyntax } from "../syntax";
import { formatTag, joinTags, parseTags, tagSpans } from "../tags";
import { COLOR_WORDS, PALETTE_TERMS } from "../vocab/colors";
import { contentWords, hasWord } from "../words";

/**
 * A prompt as editable segments: clauses grouped in sentences for prose, tags in one group for
 * the tags dialect. Edits replace, remove and insert segments, so the rest of the prompt stays
 * exactly as it was, whoever wrote it (this refiner, a chat model or a person).
 */
export type Segment = {
  text: string;
  weight?: number;
  /** What joins it to the segment before in prose; ", " unless it was split from the middle of a clause. */
  joinBefore?: string;
  /** Put there by the current edit: a budget must not take back what was just asked for. */
  added?: boolean;
  /** The part of the prompt's anatomy this segment belongs to. */
  part?: PartName;
  /** In a locked part: no edit and no budget may change or remove it. */
  frozen?: boolean;
  /**
   * Prompt syntax kept as typed ("(masterpiece:1.2)", "<lora:x:0.8> BREAK forest", the idea's
   * own tag list): frozen too, so no edit rewrites it; only "remove X" may take a whole item
   * that is nothing but X.
   */
  verbatim?: boolean;
};

export type Doc = { dialect: Dialect; groups: Segment[][]; ideaWords: readonly string[] };

const COLOR_MODIFIERS = new Set(
  "soft deep pale muted warm cool dusty rich bright dark light faded icy burnt".split(" "),
);

/** "cream and soft snow blue" after "in amber": a list of colours continues the clause before it. */
function isColorContinuation(text: string): boolean {
  const words = contentWords(text.toLowerCase());
  return words.length > 0 && words.length <= 4 && words.every((w) => COLOR_WORDS.has(w) || COLOR_MODIFIERS.has(w));
}

/** Splits at commas and semicolons outside brackets. */
function splitClauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of sentence) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    if ((ch === "," || ch === ";") && depth === 0) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  const merged: string[] = [];
  for (const raw of out.map((s) => s.trim()).filter(Boolean)) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && isColorContinuation(raw)) merged[merged.length - 1] = `${prev}, ${raw}`;
    else merged.push(raw);
  }
  return merged;
}

/**
 * `verbatimBody` is the idea's own prompt syntax ("(masterpiece:1.2), 1girl, red hood"): the
 * segments that spell it, and any other segment holding prompt syntax, are kept as typed.
 */
export function parseDoc(prompt: string, dialect: Dialect, ideaWords: readonly string[], verbatimBody?: string): Doc {
  const bodyEnd = verbatimBody && prompt.startsWith(verbatimBody) ? verbatimBody.length : 0;
  if (dialect === "tags") {
    const tags = parseTags(prompt);
    const raw = tagSpans(prompt);
    const segs = tags.map((t, i): Segment => {
      const span = raw[i];
      const typed = span ? prompt.slice(span.start, span.end) : formatTag(t);
      // A weight this refiner would write back the same way is editable; anything else is syntax.
      const syntax = formatTag(t) !== typed || hasSyntax(t.text) || (span !== undefined && span.end <= bodyEnd);
      return syntax ? { text: typed, verbatim: true, frozen: true } : { text: t.text, weight: t.weight };
    });
    return { dialect, ideaWords, groups: [segs] };
  }
  const sentences = prompt
    .replace(/\s+/g, " ")
    .trim()
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(])/u)
    .map((s) => s.replace(/[.!?]+$/, "").trim())
    .filter(Boolean);
  const doc: Doc = { dialect, ideaWords, groups: sentences.map((s) => splitClauses(s).flatMap(splitPaletteTail)) };
  let cursor = 0;
  for (const { seg } of everySegment(doc)) {
    const at = prompt.indexOf(seg.text, cursor);
    if (at >= 0) cursor = at + seg.text.length;
    if ((at >= 0 && at < bodyEnd) || hasSyntax(seg.text)) {
      seg.verbatim = true;
      seg.frozen = true;
    }
  }
  return doc;
}

/**
 * "a watercolor painting in amber and cream": the palette rides on the medium's clause. It is
 * split off (and joined back with the same space) so a medium edit keeps the colours and a
 * palette edit finds them.
 */
function splitPaletteTail(clause: string): Segment[] {
  // The last "in ..." that is all about colour: "a fox in the snow in amber tones" splits before "in amber".
  const starts = [...clause.matchAll(/\s(?=in\s|with a palette\s)/g)].map((m) => m.index ?? 0).reverse();
  for (const at of starts) {
    const tail = clause.slice(at + 1);
    const colours = contentWords(tail.toLowerCase()).filter((w) => COLOR_WORDS.has(w)).length;
    if (at > 0 && (PALETTE_TERMS.test(tail) || colours >= 2)) {
      return [{ text: clause.slice(0, at) }, { text: tail, joinBefore: " " }];
    }
  }
  return [{ text: clause }];
}

// Private-use placeholders for typed syntax while prose is polished (quotes.ts uses U+E000 to U+E002).
const HOLD_OPEN = "\uE003";
const HOLD_CLOSE = "\uE004";
const HOLD_BASE = 0xe800;
const HOLD_RE = /\uE003([\uE800-\uEFFF])\uE004/g;

export function renderDoc(doc: Doc): string {
  // A placeholder for quoted lettering (\uE000) counts as words.
  const groups = doc.groups.map((g) => g.filter((s) => /[\p{L}\p{N}\uE000]/u.test(s.text))).filter((g) => g.length > 0);
  if (doc.dialect === "tags") return joinTags(groups.flat());
  // Typed syntax is held out of the polish (capitals, articles, doubled words) and put back as typed:
  // "solo, 1girl" never becomes "Solo, 1girl".
  const typed: string[] = [];
  const hold = (seg: Segment) => {
    if (!seg.verbatim) return seg.text;
    typed.push(seg.text);
    return `${HOLD_OPEN}${String.fromCharCode(HOLD_BASE + typed.length - 1)}${HOLD_CLOSE}`;
  };
  const sentence = (g: Segment[]) =>
    g.map((s, i) => (i === 0 ? hold(s) : `${s.joinBefore ?? ", "}${hold(s)}`)).join("");
  const text = polishProse(groups.map((g) => `${g[0]?.verbatim ? sentence(g) : capitalize(sentence(g))}.`).join(" "));
  return text.replace(HOLD_RE, (_m, ch: string) => typed[ch.charCodeAt(0) - HOLD_BASE] ?? "");
}

export function segmentText(seg: Segment, dialect: Dialect): string {
  return dialect === "tags" ? formatTag(seg) : seg.text;
}

export type Located = { group: number; index: number; seg: Segment };

/** Every segment, locked ones included: for reading the prompt, never for changing it. */
export function everySegment(doc: Doc): Located[] {
  return doc.groups.flatMap((g, group) => g.map((seg, index) => ({ group, index, seg })));
}

/** The segments edits may touch: locked parts are left out, so no edit can change them. */
export function allSegments(doc: Doc): Located[] {
  return everySegment(doc).filter((l) => !l.seg.frozen);
}

/** The prompt's opening: its first segment and the pieces glued to it ("A lighthouse" + " on a cliff"). */
export function openingRun(doc: Doc): Segment[] {
  const first = doc.groups[0] ?? [];
  const run: Segment[] = [];
  for (const [i, seg] of first.entries()) {
    // Prompt syntax that opens the prompt is one opening, however many items it has.
    const typed = seg.verbatim && run.every((s) => s.verbatim);
    if (i > 0 && seg.joinBefore !== " " && !typed) break;
    run.push(seg);
  }
  return run;
}

/**
 * Whether a segment must stay: it is the prompt's opening, or it holds a word of the idea that
 * no other segment (nor its replacement) still says. This is how the idea's words survive edits.
 * Identity, not position, marks the opening, since edits move segments around.
 */
export function isLocked(doc: Doc, at: Located, replacement?: string, droppable: readonly string[] = []): boolean {
  if (openingRun(doc).includes(at.seg)) return true;
  // Words the edit is replacing ("sunset" when it becomes night) do not hold a segment in place.
  const own = doc.ideaWords.filter(
    (w) => hasWord(at.seg.text, w) && !droppable.some((d) => d.toLowerCase() === w.toLowerCase()),
  );
  if (own.length === 0) return false;
  const others = everySegment(doc).filter((o) => o.seg !== at.seg);
  return own.some((w) => !others.some((o) => hasWord(o.seg.text, w)) && !(replacement && hasWord(replacement, w)));
}

export function fullText(doc: Doc): string {
  return everySegment(doc)
    .map((l) => l.seg.text)
    .join(", ");
}
