import type { BuiltInStyleId } from "@/lib/schemas/styles";

/**
 * The bolder choices candidates take (lib/refine/directions.ts). Each list holds alternatives
 * a hash of the idea picks from, so the same idea always gets the same bold candidate.
 */

/** A striking light for a scene whose idea names no time or weather. */
export const BOLD_LIGHTS: readonly string[] = [
  "dramatic rim light carving the silhouette out of deep shadow",
  "a single hard shaft of light cutting through the gloom",
  "high-contrast chiaroscuro from one low hard light source",
  "volumetric god rays slanting through drifting haze",
];

/** Said beside the light of the idea's own time or weather, so that light still rules. */
export const BOLD_ACCENTS: readonly string[] = [
  "hard rim light and long dramatic shadows",
  "deep high-contrast shadows with glowing highlights",
  "volumetric rays cutting through the haze",
];

export const BOLD_PALETTES: readonly { main: string; accent: string }[] = [
  { main: "saturated teal and burnt orange", accent: "molten gold" },
  { main: "deep crimson and inky black", accent: "ember orange" },
  { main: "electric violet and cobalt blue", accent: "hot magenta" },
  { main: "midnight blue and burnished gold", accent: "pale ivory" },
];

/** Unusual camera work for media with a lens. `{subject}` becomes "the fox". */
export const BOLD_LENS_FRAMING: readonly (readonly string[])[] = [
  ["dramatic worm's-eye view on a 14mm ultra-wide lens", "towering exaggerated perspective"],
  ["extreme close-up on a 100mm macro lens", "background dissolving into soft blur"],
  ["aerial bird's-eye view looking straight down", "{subject} small in a vast frame"],
  ["tilted dutch angle on a 24mm lens", "dark foreground shapes framing {subject}"],
];

/** Unusual composition for drawn and painted media. */
export const BOLD_ART_FRAMING: readonly (readonly string[])[] = [
  ["dramatic worm's-eye view with towering exaggerated perspective"],
  ["bird's-eye view looking straight down with {subject} small in a vast frame"],
  ["tight off-kilter close-up cropping boldly into {subject}"],
  ["{subject} framed through dark foreground silhouettes"],
];

/** Presets a reimagined medium is drawn from: the ones that look most unlike each other. */
export const REIMAGINED_STYLES: readonly BuiltInStyleId[] = [
  "woodblock-print",
  "claymation",
  "charcoal-drawing",
  "film-noir",
  "watercolor",
  "pixel-art",
  "comic-book",
  "low-poly",
];
