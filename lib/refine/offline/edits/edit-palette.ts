import { classify } from "./classify";
import { type EditContext, quote } from "./context";
import { allSegments, isLocked } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/** "in blue tones", "black and white", "warmer colors": the new palette replaces the old. */
export function applyPalette(ctx: EditContext, palette: string): void {
  const { doc } = ctx;
  const replaced: string[] = [];
  let placed = false;
  for (const at of allSegments(doc)) {
    if (classify(at.seg.text) !== "palette" || isLocked(doc, at, palette)) continue;
    replaced.push(at.seg.text);
    if (!placed) {
      replaceSegment(doc, at, palette, doc.dialect === "tags" ? 1.1 : undefined);
      placed = true;
    } else removeSegment(doc, at.seg);
  }
  if (!placed) addSegment(doc, "palette", palette, doc.dialect === "tags" ? 1.1 : undefined);
  ctx.notes.push(
    replaced.length > 0
      ? `Changed the palette to ${quote(palette)}, replacing ${replaced.map(quote).join(", ")}.`
      : `Added palette: ${quote(palette)}.`,
  );
}
