import { classify } from "./classify";
import { type EditContext, quote } from "./context";
import { allSegments, isLocked, openingRun } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/**
 * A new light. As an accent it joins the light the idea's own time or weather gives (night
 * keeps its moonlight); otherwise it takes the old light's place.
 */
export function applyLight(ctx: EditContext, light: string, accent: boolean): void {
  const { doc } = ctx;
  const weight = doc.dialect === "tags" ? 1.1 : undefined;
  if (accent) {
    addSegment(doc, "light", light);
    ctx.notes.push(`Added light: ${quote(light)}.`);
    return;
  }
  const opening = openingRun(doc);
  const targets = allSegments(doc).filter(
    (l) =>
      !opening.includes(l.seg) &&
      (l.seg.part === "lighting" || (!l.seg.part && classify(l.seg.text) === "light")) &&
      !isLocked(doc, l),
  );
  const [first, ...rest] = targets;
  if (!first) {
    addSegment(doc, "light", light, weight);
    ctx.notes.push(`Added light: ${quote(light)}.`);
    return;
  }
  const replaced = targets.map((t) => t.seg.text);
  replaceSegment(doc, first, light, weight);
  first.seg.part = "lighting";
  for (const r of rest) removeSegment(doc, r.seg);
  ctx.notes.push(`Relit the scene with ${quote(light)}, replacing ${replaced.map(quote).join(", ")}.`);
}
