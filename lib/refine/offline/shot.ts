import type { MediumFamily } from "./vocab/media";

/**
 * What the idea's own words say about how the picture is made, beyond a medium name: that it
 * is a photograph ("macro shot", "DSLR", "35mm"), flat ("pixel art", "vector", "poster"),
 * minimalist, or seen from a particular viewpoint. These words decide the rest of the plan, so
 * a macro shot gets no far horizon and a pixel-art knight no skin texture.
 */
export type View = "isometric" | "top-down" | "macro";

export type Shot = {
  /** The idea asks for a photograph, though it may name no photo medium ("macro shot of a dew drop"). */
  photo: boolean;
  /** A flat or pixel medium: no film grain, skin texture or natural light realism. */
  flat: boolean;
  /** Few shapes and empty space: no intricate detail, no layered depth. */
  minimal: boolean;
  /** Anime, manga, cartoon, comic: drawn in flat cel shading, so skin is shaded, never textured. */
  cel: boolean;
  view?: View;
};

const PHOTO_WORDS =
  /(?<![\w-])(photos?|photograph(?:s|y|ic)?|photo-?real(?:istic)?|product shot|studio shot|packshot|macro|dslr|mirrorless|\d{2,3}\s?mm|f\/\d+(?:\.\d+)?|portrait photo|headshot|polaroid|snapshot|selfie|(?:angle|close-up|closeup|wide|establishing|aerial|drone|long|medium|tracking|street|action|candid) shot|long exposure|bokeh|flat[- ]?lay|film still|kodak|portra|fujifilm|leica|nikon)(?![\w-])/i;
const FLAT_WORDS =
  /(?<![\w-])(pixel[- ]?art|pixels?|8-bit|16-bit|sprite|vector|flat (?:design|illustration|vector|colou?rs?|shading|style|art)|icon|logo|emblem|sticker|badge|poster|minimalist|minimal|infographic|silhouette art)(?![\w-])/i;
const CEL_WORDS = /(?<![\w-])(anime|manga|cartoon|comic|comics|cel[- ]shaded|cel[- ]shading)(?![\w-])/i;
const MINIMAL_WORDS = /(?<![\w-])(minimalist|minimalism|minimal|simple shapes|bauhaus)(?![\w-])/i;
const ISOMETRIC = /(?<![\w-])(isometric|diorama)(?![\w-])/i;
const TOP_DOWN =
  /(?<![\w-])(top-down|top down|overhead|bird'?s[- ]eye|birds-eye|flat ?lay|aerial|drone shot|from above)(?![\w-])/i;
const MACRO = /(?<![\w-])(macro|extreme close-?up)(?![\w-])/i;
/** Drawn media a photo word would not overrule: "a watercolor of a photo studio" is still a painting. */
const DRAWN: ReadonlySet<MediumFamily> = new Set(["painting", "drawing", "illustration", "pixel", "graphic"]);

export function readShot(text: string, medium: MediumFamily | undefined): Shot {
  const flat = medium === "pixel" || medium === "graphic" || FLAT_WORDS.test(text);
  const photo = medium === "photo" || (!flat && !(medium && DRAWN.has(medium)) && PHOTO_WORDS.test(text));
  const view: View | undefined = ISOMETRIC.test(text)
    ? "isometric"
    : TOP_DOWN.test(text)
      ? "top-down"
      : MACRO.test(text)
        ? "macro"
        : undefined;
  return { photo, flat, minimal: MINIMAL_WORDS.test(text), cel: CEL_WORDS.test(text), ...(view ? { view } : {}) };
}
