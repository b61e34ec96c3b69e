import type { IdeaAnalysis } from "./analyze";
import { pick } from "./hash";
import { type Phrase, phrase } from "./parts";
import { DEFAULT_MEDIA, FAMILY_FINISH, type Focus, type MediumChoice } from "./vocab/craft";
import type { MediumFamily } from "./vocab/media";
import {
  FLAT_LIGHT,
  ISOMETRIC_FRAMING,
  MACRO_CAMERA,
  MINIMAL_FINISH,
  MINIMAL_FRAMING,
  PHOTO_MEDIA,
  TOP_DOWN_FRAMING,
} from "./vocab/shots";

/**
 * The plan's choices that the idea's own shot words decide (see shot.ts): a photo medium for
 * "macro shot of…", flat shading for pixel art, a parallel projection for an isometric view,
 * and a finish that suits the medium, picked so that prompts do not all close alike.
 */

const WATERY = /watercolou?r|gouache/;
const WATERCOLOR_FINISH: readonly string[] = [
  "soft wet-on-wet washes",
  "soft granulating pigment",
  "crisp paper-white highlights",
];

/** A flat idea with no medium named: pixel words make pixel art, the rest a flat vector illustration. */
const PIXEL = /(?<![\w-])(pixel|pixels|8-bit|16-bit|sprite)(?![\w-])/i;

/** The medium the idea's shot words call for when it names none, or undefined to choose as usual. */
export function shotMedium(analysis: IdeaAnalysis, focus: Focus, seed: number): MediumChoice | undefined {
  const { shot } = analysis;
  if (shot.flat) {
    return PIXEL.test(analysis.idea)
      ? { medium: "retro pixel-art illustration", family: "pixel" }
      : { medium: "flat vector illustration with crisp shapes", family: "illustration" };
  }
  // An extreme close-up or macro shot is a lens's view: shallow focus, never a landscape.
  if (shot.view === "macro") return pick(PHOTO_MEDIA.macro, seed, "medium");
  const photo = shot.photo || analysis.studio || analysis.lens !== undefined;
  if (!photo) return undefined;
  if (analysis.studio) return pick(PHOTO_MEDIA.studio, seed, "medium");
  if (shot.view === "top-down") return pick(PHOTO_MEDIA.overhead, seed, "medium");
  const pool = DEFAULT_MEDIA[analysis.framing?.key === "portrait" ? "portrait" : focus].filter(
    (m) => m.family === "photo",
  );
  return pick(pool.length > 0 ? pool : PHOTO_MEDIA.any, seed, "medium");
}

/** Shading for a flat or pixel medium, instead of a real light setup. */
export function flatLight(analysis: IdeaAnalysis, family: MediumFamily, seed: number): Phrase[] | undefined {
  if (!analysis.shot.flat && !analysis.shot.minimal) return undefined;
  const options = FLAT_LIGHT[family];
  return options ? [phrase(pick(options, seed, "light"))] : undefined;
}

/** Framing the idea's viewpoint or layout words decide, or undefined to frame as usual. */
export function shotFraming(analysis: IdeaAnalysis, seed: number): string[] | undefined {
  const { view, minimal } = analysis.shot;
  if (view === "isometric") return [...pick(ISOMETRIC_FRAMING, seed, "framing")];
  if (view === "top-down") return [...pick(TOP_DOWN_FRAMING, seed, "framing")];
  if (minimal) return [...pick(MINIMAL_FRAMING, seed, "framing")];
  return undefined;
}

/** The lens for a photograph whose idea named only its framing ("macro shot"): shallow focus, no horizon. */
export function keptFramingCamera(analysis: IdeaAnalysis, family: MediumFamily, seed: number): string[] | undefined {
  if (family !== "photo" || analysis.lens || analysis.shot.view !== "macro") return undefined;
  return [...pick(MACRO_CAMERA, seed, "framing")];
}

/** The medium's finish, one of several so closings vary; never grain on a studio shot, never intricacy when minimal. */
export function finishFor(analysis: IdeaAnalysis, family: MediumFamily, seed: number): string {
  if (analysis.shot.minimal && family !== "graphic") return pick(MINIMAL_FINISH, seed, "finish");
  // A watercolor is washes on paper: no impasto, glazes or canvas.
  const watery = family === "painting" && WATERY.test(analysis.medium?.name ?? "");
  const pool = watery ? WATERCOLOR_FINISH : FAMILY_FINISH[family].filter((f) => !(analysis.studio && /grain/.test(f)));
  return pick(pool, seed, "finish");
}
