import { withArticle } from "../english";
import { type FramingEntry, findFraming } from "../vocab/framing";
import { findMedium } from "../vocab/media";
import { hasWord, words } from "../words";
import { PHOTO_ONLY, SHOT_TERMS } from "./classify";
import { type EditContext, quote } from "./context";
import { allSegments, fullText, isLocked, type Segment } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/**
 * A shot type that opens a clause: "Tight close-up of a fox", "A wide shot of the harbor".
 * Once the framing changes it contradicts the new one, so it goes and the clause keeps its thing.
 */
const SHOT_LEAD =
  /^(?:an?\s+)?(?:(?:tight|extreme|close|wide|dramatic|low|high|medium|intimate|cinematic|detailed|sweeping)[\s-]+)*(?:close-?up|closeup|macro|wide[\s-]angle|wide|medium|long|establishing|full[\s-]body|aerial|bird's-eye|overhead|low[\s-]angle|high[\s-]angle|top-down)(?:\s+(?:shot|view|photo|photograph|portrait|image))?\s+of\s+/i;

/** A tag that is only a shot type ("portrait", "close-up", "macro"). */
function isShotTag(ctx: EditContext, text: string): boolean {
  return ctx.doc.dialect === "tags" && findFraming(text) !== undefined && words(text).length <= 3;
}

/** Cuts a leading shot type out of a clause, unless the idea itself said it. */
function dropShotLead(ctx: EditContext, seg: Segment): string | undefined {
  const lead = SHOT_LEAD.exec(seg.text)?.[0];
  if (!lead || ctx.doc.ideaWords.some((w) => hasWord(lead, w))) return undefined;
  const rest = seg.text.slice(lead.length).trim();
  if (!rest) return undefined;
  seg.text = rest;
  return lead.trim();
}

/** "close-up", "wide shot", "from above": one shot type replaces another (depth of field may stay). */
export function applyFraming(ctx: EditContext, framing: FramingEntry): boolean {
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
    // The subject's own shot words ("Tight close-up of a fox") go, the subject stays.
    const lead = dropShotLead(ctx, at.seg);
    if (lead) {
      replaced.push(lead);
      continue;
    }
    if (!(SHOT_TERMS.test(at.seg.text) || isShotTag(ctx, at.seg.text)) || isLocked(doc, at, phrase)) continue;
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
  return true;
}
