import { joinAnd, withArticle } from "../english";
import { mergeNegative } from "../negative";
import { STYLE_PRESETS, getStyle } from "@/lib/styles";
import { ANATOMY_NEGATIVE, COMMON_NEGATIVE, DEFAULT_MEDIA, FAMILY_FINISH, HANDS_NEGATIVE } from "../vocab/craft";
import { findMedium } from "../vocab/media";
import { hasPhrase, phraseRegExp } from "../words";
import { ART_ONLY, classify, PHOTO_ONLY } from "./classify";
import type { Edit, EditContext } from "./context";
import { quote } from "./context";
import { allSegments, type Doc, isLocked } from "./doc";
import { addSegment, findCategory, removeSegment, replaceSegment } from "./doc-ops";
import { cutPhrase } from "./edit-remove";

/**
 * "as a watercolor", "make it anime": the new medium takes the old one's place, and what only
 * made sense for the old one goes with it (lens talk for a painting, brushwork for a photo,
 * the old preset's own phrases). The new preset's camera and finish come in.
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

export function applyStyle(ctx: EditContext, edit: StyleEdit): void {
  const { doc } = ctx;
  const preset = getStyle(edit.styleId);
  const removed: string[] = [];
  let placed = false;

  const presetPhrases = otherPresetPhrases(edit.styleId);
  for (const at of allSegments(doc)) {
    const text = at.seg.text;
    if (isMediumSegment(text)) {
      if (!isLocked(doc, at)) {
        removed.push(text);
        if (!placed) {
          replaceSegment(doc, at, mediumText(doc, edit.medium), doc.dialect === "tags" ? 1.1 : undefined);
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
      continue;
    }
    const inner = bare(text);
    if ((presetPhrases.some((p) => bare(p) === inner) || wrongForFamily(text, edit.family)) && !isLocked(doc, at)) {
      removed.push(text);
      removeSegment(doc, at.seg);
    }
  }
  if (!placed) addSegment(doc, "medium", edit.medium, doc.dialect === "tags" ? 1.1 : undefined);

  // Finishing words tied to another kind of medium ("visible confident brushwork" on a photo).
  const foreignFinish = (Object.keys(FAMILY_FINISH) as (keyof typeof FAMILY_FINISH)[])
    // A preset brings its own finish, so every generic finish goes; otherwise only the other kinds'.
    .filter((f) => preset !== undefined || f !== edit.family)
    .flatMap((f) => FAMILY_FINISH[f]);
  for (const at of allSegments(doc)) {
    for (const finish of foreignFinish) {
      if (!hasPhrase(at.seg.text, finish)) continue;
      const rest = cutPhrase(at.seg.text, finish);
      removed.push(finish);
      if (rest && /[\p{L}]/u.test(rest) && rest.split(/\s+/).length > 1) at.seg.text = rest;
      else removeSegment(doc, at.seg);
    }
  }

  if (preset) {
    const has = (p: string) => allSegments(doc).some((l) => hasPhrase(l.seg.text, p));
    if (findCategory(doc, "framing").length === 0)
      for (const p of preset.camera.split(/\s*,\s*/)) addSegment(doc, "framing", p);
    if (findCategory(doc, "palette").length === 0)
      addSegment(doc, "palette", preset.palette.split(/\s*,\s*/)[0] as string);
    if (findCategory(doc, "light").length === 0)
      addSegment(doc, "light", preset.lighting.split(/\s*,\s*/)[0] as string);
    const details = preset.detail.split(/\s*,\s*/).filter((p) => !has(p));
    if (doc.dialect === "tags") for (const p of details) addSegment(doc, "detail", p);
    else if (details.length > 0) addSegment(doc, "detail", joinAnd(details));
  } else {
    // No preset: the medium's own finish replaces the one just taken out.
    const finish = FAMILY_FINISH[edit.family][0] as string;
    if (!allSegments(doc).some((l) => hasPhrase(l.seg.text, finish))) addSegment(doc, "detail", finish);
  }

  if (doc.dialect === "tags") {
    // Only the previous preset's own exclusions go; the common defects stay guarded.
    const common = new Set([...COMMON_NEGATIVE, ...ANATOMY_NEGATIVE, ...HANDS_NEGATIVE]);
    const oldNegatives = new Set(
      (ctx.style && ctx.style.id !== edit.styleId ? ctx.style.negative.split(/\s*,\s*/) : [])
        .filter((n) => !common.has(n))
        .map((n) => n.toLowerCase()),
    );
    const kept = ctx.negative.filter((n) => !oldNegatives.has(n.toLowerCase()));
    const merged = mergeNegative(kept, preset ? preset.negative.split(/\s*,\s*/) : [], "", edit.family === "pixel");
    ctx.negative.splice(0, ctx.negative.length, ...merged.split(/\s*,\s*/).filter(Boolean));
  }
  if (preset) ctx.style = preset;
  ctx.notes.push(
    removed.length > 0
      ? `Switched the medium to ${edit.name}${preset ? ` (the ${preset.label} preset)` : ""}: replaced ${removed.map(quote).join(", ")}.`
      : `Set the medium to ${edit.name}${preset ? ` (the ${preset.label} preset)` : ""}.`,
  );
}
