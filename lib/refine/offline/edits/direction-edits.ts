import { findFraming } from "../vocab/framing";
import { findMedium, styleNames } from "../vocab/media";
import type { CandidateDirection } from "../../types";
import { boldFraming, boldKinds, boldLight, boldPalette, boldSeed, reimaginedStyle } from "../direction";
import { STYLE_PRESETS } from "@/lib/styles";
import { isMonochrome } from "../plan";
import type { Edit, EditContext } from "./context";
import { everySegment, fullText } from "./doc";

/**
 * A bolder candidate of a further refinement: after the instruction's own edits, one more
 * set of edits in the candidate's direction, never touching what the instruction or a lock
 * already decided, so the candidate differs from the faithful one where it is free to.
 */
export function directionEdits(
  ctx: EditContext,
  direction: CandidateDirection | undefined,
  seed: number,
  asked: readonly Edit[],
): { edits: Edit[]; note?: string } {
  const { analysis, locks } = ctx;
  const askedKind = (...kinds: Edit["kind"][]) => asked.some((e) => kinds.includes(e.kind));
  const family = findMedium(fullText(ctx.doc))?.family ?? "photo";

  const at = direction ? boldSeed(seed, direction) : { seed, offset: 0 };
  for (const kind of boldKinds(direction)) {
    if (kind === "dramatic-light") {
      const edits: Edit[] = [];
      const lightFree = !locks.has("lighting") && !analysis.light && !askedKind("time", "weather", "mood", "light");
      const paletteFree = !locks.has("palette") && !askedKind("palette", "mood");
      if (lightFree) {
        const accent = Boolean(analysis.time || analysis.weather);
        edits.push({ kind: "light", light: boldLight(at, accent), accent });
      }
      if (paletteFree) {
        const hues = boldPalette(at);
        const palette =
          ctx.doc.dialect === "tags"
            ? `${hues.main} palette`
            : `a bold palette of ${hues.main} with accents of ${hues.accent}`;
        edits.push({ kind: "palette", palette });
      }
      if (edits.length > 0) return { edits, note: "Took it bolder: dramatic light and palette." };
      continue;
    }
    if (kind === "unexpected-camera") {
      if (locks.has("composition") || analysis.framing || askedKind("framing") || family === "graphic") continue;
      // A locked part that names a shot ("Tight close-up of a fox") would contradict any new one.
      if (everySegment(ctx.doc).some((l) => l.seg.frozen && findFraming(l.seg.text) && l.seg.part !== "composition"))
        continue;
      const subject = analysis.subject ? `the ${analysis.subject.head}` : "the main subject";
      const framing = boldFraming(at, family, subject);
      const first = framing[0] as string;
      return {
        edits: [{ kind: "framing", framing: { key: first, aliases: [], phrase: framing.join(", ") } }],
        note: "Took it bolder: an unexpected composition.",
      };
    }
    if (locks.has("medium") || analysis.medium || askedKind("style")) continue;
    // A palette or mood just asked for wins: no black-and-white medium to contradict it.
    const exclude = askedKind("palette", "mood") ? STYLE_PRESETS.filter(isMonochrome).map((p) => p.id) : [];
    const style = reimaginedStyle(at, family, ctx.style?.id, exclude);
    if (!style) continue;
    const names = styleNames(style);
    return {
      edits: [{ kind: "style", styleId: style.id, medium: style.medium, family: names.family, name: names.short }],
      note: `Took it bolder: reimagined the medium as ${names.short}.`,
    };
  }
  return { edits: [] };
}
