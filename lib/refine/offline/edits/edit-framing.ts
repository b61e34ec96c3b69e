import { withArticle } from "../english";
import type { FramingEntry } from "../vocab/framing";
import { findMedium } from "../vocab/media";
import { PHOTO_ONLY, SHOT_TERMS } from "./classify";
import { type EditContext, quote } from "./context";
import { allSegments, fullText, isLocked } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/** "close-up", "wide shot", "from above": one shot type replaces another (depth of field may stay). */
export function applyFraming(ctx: EditContext, framing: FramingEntry): void {
  const { doc } = ctx;
  const text = fullText(doc);
  const family = findMedium(text)?.family;
  const lensy = PHOTO_ONLY.test(text) || family === "photo" || family === "render";
  const phrase =
    doc.dialect === "tags"
      ? framing.key
      : lensy && framing.lens
        ? `${framing.phrase} on ${withArticle(framing.lens)}`
        : framing.phrase;

  const replaced: string[] = [];
  let placed = false;
  for (const at of allSegments(doc)) {
    if (!SHOT_TERMS.test(at.seg.text) || isLocked(doc, at, phrase)) continue;
    // What another part says ("a clear sky overhead", the subject's own words) is not the framing.
    if (at.seg.part ? at.seg.part !== "composition" : at.seg.added) continue;
    replaced.push(at.seg.text);
    if (!placed) {
      replaceSegment(doc, at, phrase, doc.dialect === "tags" ? 1.2 : undefined);
      placed = true;
    } else removeSegment(doc, at.seg);
  }
  if (!placed) addSegment(doc, "framing", phrase, doc.dialect === "tags" ? 1.2 : undefined);
  if (doc.dialect === "tags" && lensy && framing.lens) addSegment(doc, "framing", framing.lens);
  ctx.notes.push(
    replaced.length > 0
      ? `Reframed as ${framing.key}: replaced ${replaced.map(quote).join(", ")}.`
      : `Added framing: ${quote(phrase)}.`,
  );
}
