import type { PartName } from "@/lib/schemas/entities";
import type { StyleSnapshot } from "@/lib/schemas/styles";
import { getStyle, STYLE_PRESETS } from "@/lib/styles";
import { PART_WORDS } from "../../anatomy";
import { VERB } from "../compose-prose";
import { joinAnd, withArticle } from "../english";
import { MEDIUM_NEGATIVE, mergeNegative } from "../negative";
import { isMonochrome } from "../plan";
import { ANATOMY_NEGATIVE, COMMON_NEGATIVE, DEFAULT_MEDIA, FAMILY_FINISH, HANDS_NEGATIVE } from "../vocab/craft";
import { findMedium } from "../vocab/media";
import { hasPhrase, phraseRegExp } from "../words";
import { ART_ONLY, type Category, classify, PHOTO_ONLY } from "./classify";
import type { Edit, EditContext } from "./context";
import { quote } from "./context";
import { allSegments, type Doc, everySegment, isLocked, type Located, openingRun } from "./doc";
import { addSegment, type Placement, removeSegment, replaceSegment } from "./doc-ops";
import { cutPhrase } from "./edit-remove";

/**
 * "as a watercolor", "make it anime", or a new preset picked for an existing version: the new
 * medium takes the old one's place, and what only made sense for the old one goes with it
 * (lens talk for a painting, brushwork for a photo, the old preset's own phrases). A preset
 * swaps its camera, detail, and (where the idea's own time, weather or mood does not decide
 * them) its lighting and palette in place, as a fresh refinement with that preset would.
 */
type StyleEdit = Extract<Edit, { kind: "style" }>;

const KNOWN_MEDIA: readonly string[] = [
  ...STYLE_PRESETS.map((s) => s.medium),
  ...Object.values(DEFAULT_MEDIA).flatMap((list) => list.map((m) => m.medium)),
];

function isMediumSegment(text: string): boolean {
  return KNOWN_MEDIA.some((m) => hasPhrase(text, m)) || classify(text) === "medium";
}

/** Sub-phrases of presets other than `keep`, which belong to those presets alone. */
function otherPresetPhrases(keepId: string | undefined): string[] {
  return STYLE_PRESETS.filter((s) => s.id !== keepId).flatMap((s) =>
    [s.lighting, s.palette, s.camera, s.detail].flatMap((p) => p.split(/\s*,\s*/)),
  );
}

function bare(text: string): string {
  return text
    .replace(/^(lit by|in|with|finished with|rendered as|captured as|shot as)\s+/i, "")
    .replace(/^(a|an|the)\s+/i, "")
    .trim()
    .toLowerCase();
}

function wrongForFamily(text: string, family: StyleEdit["family"]): boolean {
  const lensy = family === "photo" || family === "render";
  return (!lensy && PHOTO_ONLY.test(text)) || (family === "photo" && ART_ONLY.test(text));
}

function mediumText(doc: Doc, medium: string): string {
  return doc.dialect === "tags" ? medium : withArticle(medium);
}

function subPhrases(text: string): string[] {
  return text.split(/\s*,\s*/).filter(Boolean);
}

type Swap = { part: PartName; category: Category; placement: Placement; texts: string[] };

/** The preset's text for one part, in place of the segments that held that part. */
function swapPart(ctx: EditContext, swap: Swap): string[] {
  const { doc } = ctx;
  // What this same instruction just asked for ("close-up, as an oil painting") stays.
  if (allSegments(doc).some((l) => l.seg.added && l.seg.part === swap.part)) return [];
  const opening = openingRun(doc);
  const targets = allSegments(doc).filter(
    (l) =>
      !opening.includes(l.seg) &&
      (l.seg.part === swap.part || (!l.seg.part && classify(l.seg.text) === swap.category)) &&
      !isLocked(doc, l),
  );
  const replaced = targets.map((t) => t.seg.text);
  // Prose says a part in one clause; tags give each sub-phrase its own tag.
  const texts =
    doc.dialect === "tags" ? swap.texts : [swap.part === "details" ? joinAnd(swap.texts) : swap.texts.join(", ")];
  const [first, ...rest] = targets;
  if (!first) {
    for (const t of texts) addSegment(doc, swap.placement, t, undefined, swap.part);
    return replaced;
  }
  replaceSegment(doc, first, texts[0] as string);
  first.seg.part = swap.part;
  // The remaining sub-phrases follow the first, in the same group.
  let anchor: Located = first;
  for (const t of texts.slice(1)) {
    const group = doc.groups[anchor.group];
    const at = group ? group.indexOf(anchor.seg) : -1;
    if (!group || at < 0) break;
    const seg = { text: t, added: true, part: swap.part };
    group.splice(at + 1, 0, seg);
    anchor = { group: anchor.group, index: at + 1, seg };
  }
  for (const r of rest) removeSegment(doc, r.seg);
  return replaced;
}

/** Which of a preset's parts a restyle swaps: the idea's own time, weather, mood and framing still decide theirs. */
function presetSwaps(ctx: EditContext, preset: StyleSnapshot): Swap[] {
  const { analysis } = ctx;
  const swaps: Swap[] = [
    { part: "details", category: "detail", placement: "detail", texts: subPhrases(preset.detail) },
  ];
  if (!analysis.framing) {
    swaps.unshift({
      part: "composition",
      category: "framing",
      placement: "framing",
      texts: subPhrases(preset.camera),
    });
  }
  if (!analysis.time && !analysis.weather && analysis.moods.length === 0 && !analysis.light) {
    swaps.unshift({ part: "lighting", category: "light", placement: "light", texts: subPhrases(preset.lighting) });
  }
  const ideaHues = analysis.moods[0]?.palette ?? analysis.season?.palette ?? analysis.time?.palette;
  if (!ideaHues || isMonochrome(preset)) {
    swaps.push({ part: "palette", category: "palette", placement: "palette", texts: subPhrases(preset.palette) });
  }
  return swaps;
}

function lockedNote(ctx: EditContext, part: PartName, preset: string): void {
  ctx.notes.push(`The ${PART_WORDS[part]} is locked, so ${preset} left it word for word.`);
}

export function applyStyle(ctx: EditContext, edit: StyleEdit): void {
  const { doc } = ctx;
  const preset: StyleSnapshot | undefined = edit.preset ?? getStyle(edit.styleId);
  const name = preset ? `the ${preset.label} preset` : edit.name;
  const removed: string[] = [];
  const mediumLocked = ctx.locks.has("medium");
  let placed = mediumLocked;
  if (mediumLocked) lockedNote(ctx, "medium", name);

  for (const at of allSegments(doc)) {
    const text = at.seg.text;
    if (mediumLocked || !isMediumSegment(text)) continue;
    if (at.seg.part !== "subject" && at.seg.part !== "setting" && !isLocked(doc, at)) {
      removed.push(text);
      if (!placed) {
        replaceSegment(doc, at, mediumText(doc, edit.medium), doc.dialect === "tags" ? 1.1 : undefined);
        at.seg.part = "medium";
        // "Drawn as a 3D render" reads wrong: the verb follows the new medium.
        at.seg.text = at.seg.text.replace(
          /^(captured|rendered|drawn|designed|shot|painted) as /i,
          () => `${VERB[edit.family].toLowerCase()} as `,
        );
        placed = true;
      } else removeSegment(doc, at.seg);
      continue;
    }
    // The idea named its medium ("watercolor of a cat"): the instruction overrides it in place.
    const named = findMedium(text);
    if (named) {
      at.seg.text = text.replace(phraseRegExp(named.name), edit.name);
      removed.push(named.name);
      placed = true;
    }
  }
  if (!placed) addSegment(doc, "medium", edit.medium, doc.dialect === "tags" ? 1.1 : undefined);

  if (preset) {
    for (const swap of presetSwaps(ctx, preset)) {
      if (ctx.locks.has(swap.part)) {
        lockedNote(ctx, swap.part, name);
        continue;
      }
      removed.push(...swapPart(ctx, swap));
    }
  }

  // What is left of other presets, or only makes sense for another kind of medium, goes.
  const presetPhrases = otherPresetPhrases(edit.styleId);
  for (const at of allSegments(doc)) {
    if (at.seg.added) continue;
    const text = at.seg.text;
    const inner = bare(text);
    if ((presetPhrases.some((p) => bare(p) === inner) || wrongForFamily(text, edit.family)) && !isLocked(doc, at)) {
      removed.push(text);
      removeSegment(doc, at.seg);
    }
  }

  // Finishing words tied to another kind of medium ("visible confident brushwork" on a photo).
  const foreignFinish = (Object.keys(FAMILY_FINISH) as (keyof typeof FAMILY_FINISH)[])
    // A preset brings its own finish, so every generic finish goes; otherwise only the other kinds'.
    .filter((f) => preset !== undefined || f !== edit.family)
    .flatMap((f) => FAMILY_FINISH[f]);
  for (const at of allSegments(doc)) {
    // The new preset's own words were just put there: "physically based materials" is its medium.
    if (at.seg.added) continue;
    for (const finish of foreignFinish) {
      if (!hasPhrase(at.seg.text, finish)) continue;
      const rest = cutPhrase(at.seg.text, finish);
      removed.push(finish);
      if (rest && /[\p{L}]/u.test(rest) && rest.split(/\s+/).length > 1) at.seg.text = rest;
      else removeSegment(doc, at.seg);
    }
  }

  if (preset) {
    // Where the idea's own hues stay, the preset's palette joins them, as in a fresh refinement.
    const has = (p: string) => everySegment(doc).some((l) => hasPhrase(l.seg.text, p));
    const firstPalette = subPhrases(preset.palette)[0] as string;
    // A palette this same instruction asked for wins over the preset's ("warmer" beats black-and-white).
    const asked = allSegments(doc).find((l) => l.seg.added && l.seg.part === "palette")?.seg;
    if (asked && !has(firstPalette)) {
      ctx.notes.push(
        `Kept the palette asked for, ${quote(asked.text)}, instead of the ${preset.label} preset's ${quote(firstPalette)}.`,
      );
    } else if (!ctx.locks.has("palette") && !has(firstPalette)) addSegment(doc, "palette", firstPalette);
  } else {
    // No preset: the medium's own finish replaces the one just taken out.
    const finish = FAMILY_FINISH[edit.family][0] as string;
    if (!everySegment(doc).some((l) => hasPhrase(l.seg.text, finish))) addSegment(doc, "detail", finish);
  }

  if (doc.dialect === "tags" && !ctx.locks.has("negative")) {
    // Only the previous preset's own exclusions go; the common defects stay guarded.
    const common = new Set([...COMMON_NEGATIVE, ...ANATOMY_NEGATIVE, ...HANDS_NEGATIVE]);
    const oldNegatives = new Set(
      (ctx.style && ctx.style.id !== edit.styleId ? ctx.style.negative.split(/\s*,\s*/) : [])
        .filter((n) => !common.has(n))
        .map((n) => n.toLowerCase()),
    );
    // The old medium's guards go too: a photo's "painting" must not stay on a watercolor.
    for (const guard of Object.values(MEDIUM_NEGATIVE).flat()) oldNegatives.add(guard.toLowerCase());
    const kept = ctx.negative.filter((n) => !oldNegatives.has(n.toLowerCase()));
    const add = preset ? preset.negative.split(/\s*,\s*/) : (MEDIUM_NEGATIVE[edit.family] ?? []);
    const merged = mergeNegative(kept, add, "", edit.family === "pixel");
    ctx.negative.splice(0, ctx.negative.length, ...merged.split(/\s*,\s*/).filter(Boolean));
  }
  // A medium that is no preset of ours leaves no preset in force.
  ctx.style = preset;
  const unique = [...new Set(removed)];
  ctx.notes.push(
    unique.length > 0
      ? `Switched the medium to ${edit.name}${preset ? ` (the ${preset.label} preset)` : ""}: replaced ${unique.map(quote).join(", ")}.`
      : `Set the medium to ${edit.name}${preset ? ` (the ${preset.label} preset)` : ""}.`,
  );
}
