import type { MediumChoice } from "./craft";
import type { MediumFamily } from "./media";

/**
 * Craft words for what the idea's own words say about the shot (see ../shot.ts): a photograph
 * named only by its lens or its kind of shot, a flat medium, a minimalist layout, an isometric
 * or overhead view. Each list holds alternatives; the idea's hash picks one.
 */

/** A photograph the idea asks for without naming a medium ("macro shot of a dew drop"). */
export const PHOTO_MEDIA: Readonly<Record<"macro" | "studio" | "overhead" | "any", readonly MediumChoice[]>> = {
  overhead: [
    { medium: "overhead flat-lay photograph", family: "photo" },
    { medium: "top-down editorial photograph", family: "photo" },
  ],
  macro: [
    { medium: "macro photograph", family: "photo" },
    { medium: "close-up macro photograph", family: "photo" },
  ],
  studio: [
    { medium: "clean studio product photograph", family: "photo" },
    { medium: "polished commercial studio photograph", family: "photo" },
  ],
  any: [{ medium: "photograph", family: "photo" }],
};

/** The camera for a photograph whose idea named its framing but no lens or aperture. */
export const MACRO_CAMERA: readonly (readonly string[])[] = [
  ["100mm macro lens at f/2.8", "shallow depth of field"],
  ["macro lens at f/4", "razor-thin depth of field with soft bokeh"],
];

/** Light for a flat or pixel medium: shading, not a real lighting setup. */
export const FLAT_LIGHT: Readonly<Partial<Record<MediumFamily, readonly string[]>>> = {
  pixel: ["a single hard light with simple two-tone shading", "flat retro-game light with hard-edged shadows"],
  illustration: ["flat even light with simple cel shading", "a single clean light with bold graphic shadows"],
  painting: ["flat even light with simple shapes of shadow", "clean graphic light and shade"],
  drawing: ["clean graphic light and shade", "simple flat light and shade"],
  render: ["soft even light with simple shading", "clean flat lighting with soft shadows"],
};

export const MINIMAL_FRAMING: readonly (readonly string[])[] = [
  ["minimal composition with generous negative space"],
  ["a single bold shape centered in open space"],
  ["clean uncluttered layout with plenty of empty space"],
];

/** Isometric: parallel projection, so no perspective that converges. */
export const ISOMETRIC_FRAMING: readonly (readonly string[])[] = [
  ["clean isometric projection seen from a raised corner", "parallel edges throughout"],
  ["tidy isometric cutaway seen from above", "every block in crisp parallel projection"],
];

export const TOP_DOWN_FRAMING: readonly (readonly string[])[] = [
  ["straight-down overhead view", "shapes laid out clearly across the frame"],
  ["top-down view looking straight down", "a clear graphic arrangement"],
];

/** Finish for a minimalist idea: simplicity, never intricacy. */
export const MINIMAL_FINISH: readonly string[] = [
  "clean simple shapes",
  "smooth flat color fields",
  "crisp clean edges",
];

/** Palettes for a studio shot: a plain backdrop, not a place. */
export const STUDIO_PALETTES: readonly { main: string; accent: string }[] = [
  { main: "clean whites and soft greys", accent: "one bold color" },
  { main: "neutral studio greys", accent: "subtle warm highlights" },
];
