import type { MediumFamily } from "./media";
import type { PlaceKind } from "./places";
import type { Genre, SubjectKind, Surface } from "./subjects";

/**
 * The craft defaults used when neither the idea nor a style preset says: which medium, how
 * the shot is framed, which palette, what finishing detail. Each list holds good
 * alternatives; a hash of the idea picks one, so an idea always gets the same choice.
 */

export type Focus = "animal" | "person" | "landscape" | "street" | "object" | "interior";

export function focusOf(subject: SubjectKind | undefined, place: PlaceKind | undefined, wide = false): Focus {
  if (subject === "animal" || subject === "creature") return "animal";
  if (subject === "person") return "person";
  if (subject && subject !== "structure" && !wide) return "object";
  if (place === "interior") return "interior";
  // A building is shown in its surroundings, like a landscape.
  if (place === "urban") return "street";
  return "landscape";
}

export type MediumChoice = { medium: string; family: MediumFamily };

const M = (medium: string, family: MediumFamily): MediumChoice => ({ medium, family });

export const DEFAULT_MEDIA: Record<Focus | Genre | "storybook" | "portrait", readonly MediumChoice[]> = {
  animal: [M("wildlife photograph", "photo"), M("richly detailed digital painting", "painting")],
  person: [M("candid cinematic photograph", "photo"), M("richly painted digital illustration", "painting")],
  portrait: [M("cinematic portrait photograph", "photo"), M("painterly digital portrait", "painting")],
  landscape: [M("cinematic landscape photograph", "photo"), M("atmospheric matte painting", "painting")],
  street: [M("cinematic street photograph", "photo"), M("atmospheric digital matte painting", "painting")],
  object: [M("cinematic still-life photograph", "photo"), M("richly detailed digital painting", "painting")],
  interior: [M("cinematic interior photograph", "photo"), M("warm painterly illustration", "illustration")],
  fantasy: [M("epic fantasy digital painting", "painting"), M("detailed fantasy concept painting", "painting")],
  scifi: [M("cinematic sci-fi concept painting", "painting"), M("photoreal sci-fi film still", "photo")],
  storybook: [
    M("storybook illustration in soft gouache", "illustration"),
    M("whimsical painterly illustration", "illustration"),
  ],
};

/** Camera and framing, by family (lens talk only where there is a lens) and focus. */
const LENS_FRAMING: Record<Focus, readonly (readonly string[])[]> = {
  animal: [
    ["eye-level shot on a 200mm telephoto lens", "shallow depth of field"],
    ["low eye-level angle on an 85mm lens", "creamy background blur"],
  ],
  person: [
    ["eye-level medium shot on a 50mm lens", "shallow depth of field"],
    ["candid 35mm framing with {subject} off-center", "soft background bokeh"],
  ],
  landscape: [
    ["wide establishing shot on a 24mm lens", "strong foreground interest leading the eye into the distance"],
    ["sweeping wide-angle view", "layered depth from foreground to far horizon"],
  ],
  street: [
    ["low street-level view on a 24mm lens", "deep perspective receding into the distance"],
    ["elevated wide view on a 35mm lens", "layered depth fading into the haze"],
  ],
  object: [
    ["three-quarter view on a 50mm lens", "subject sharp against a softly blurred background"],
    ["close low angle on a 35mm lens", "shallow depth of field"],
  ],
  interior: [
    ["wide 28mm interior view at chest height", "deep focus from foreground to back wall"],
    ["doorway view on a 35mm lens", "soft depth of field"],
  ],
};

const ART_FRAMING: Record<Focus, readonly (readonly string[])[]> = {
  animal: [
    ["intimate close composition with {subject} slightly off-center"],
    ["balanced composition with {subject} framed by the setting"],
  ],
  person: [
    ["medium-wide composition with {subject} slightly off-center"],
    ["candid eye-level composition with room around the figures"],
  ],
  landscape: [
    ["sweeping wide composition with layered depth"],
    ["panoramic composition with a low horizon and a vast sky"],
  ],
  street: [["deep one-point perspective down the street"], ["towering vertical composition with layered depth"]],
  object: [
    ["centered still-life composition with room to breathe"],
    ["close three-quarter view with a clear silhouette"],
  ],
  interior: [
    ["wide interior view drawing the eye toward the back of the room"],
    ["cozy corner composition with layered depth"],
  ],
};

/** A product or studio shot against a backdrop: framed for the object, with nothing of a place around it. */
const STUDIO_FRAMING: Readonly<Record<"lens" | "art", readonly (readonly string[])[]>> = {
  lens: [
    ["three-quarter product view on a 100mm lens", "crisp focus from front to back"],
    ["straight-on product framing on a 90mm lens", "a clean silhouette against the backdrop"],
  ],
  art: [["centered product composition with a clean silhouette"], ["three-quarter view with room to breathe"]],
};

export function studioFramingOptions(family: MediumFamily): readonly (readonly string[])[] {
  return family === "photo" || family === "render" ? STUDIO_FRAMING.lens : STUDIO_FRAMING.art;
}

/** Studio light, for a product or studio shot whose idea does not say how it is lit. */
export const STUDIO_LIGHT: readonly string[] = [
  "soft diffused studio light with gentle shadows",
  "soft even studio lighting with a subtle gradient",
];

/** A logo or icon is laid out, not framed. */
const GRAPHIC_LAYOUT: readonly (readonly string[])[] = [
  ["centered composition on a plain background"],
  ["balanced centered layout with generous margins"],
];

export function framingOptions(family: MediumFamily, focus: Focus): readonly (readonly string[])[] {
  if (family === "graphic") return GRAPHIC_LAYOUT;
  return family === "photo" || family === "render" ? LENS_FRAMING[focus] : ART_FRAMING[focus];
}

/** Finishing detail: one phrase for the subject's surface, one for the medium's finish. */
export const SURFACE_DETAIL: Record<Surface, string> = {
  fur: "fine fur texture",
  feathers: "crisp individual feathers",
  scales: "glinting scale detail",
  skin: "natural skin texture",
  material: "crisp material texture",
  foliage: "delicate leaf and petal detail",
  translucent: "delicate translucent detail",
};

/** The finish a scene without a subject gets, by kind of place. */
export const PLACE_DETAIL: Record<PlaceKind | "none", string> = {
  nature: "intricate natural detail",
  water: "fine ripples with glinting spray",
  urban: "intricate architectural detail",
  interior: "rich lived-in textures",
  space: "fine starfield detail",
  none: "intricate fine detail",
};

/** The finish for a scene with no known subject or place: one of several, so prompts do not close alike. */
export const GENERIC_DETAIL: readonly string[] = [
  "intricate fine detail",
  "crisp fine detail",
  "careful small details",
  "fine textural detail",
];

/** Alternatives for a made thing's surface, so objects do not all close on the same words. */
export const MATERIAL_DETAIL: readonly string[] = [
  "crisp material texture",
  "tactile surface detail",
  "fine material detail",
];

export const EYES_DETAIL = "catchlights in the eyes";

/**
 * The finish each kind of medium can end on. The first is its signature (an edit that changes
 * the medium adds it); the second suits a crisp studio shot; a hash picks among them all, so
 * prompts do not all close on the same words.
 */
export const FAMILY_FINISH: Record<MediumFamily, readonly string[]> = {
  photo: [
    "subtle film grain",
    "true-to-life color",
    "natural edge-to-edge sharpness",
    "rich tonal range",
    "clean highlight detail",
  ],
  painting: [
    "visible confident brushwork",
    "soft painterly edges",
    "layered glazes of rich color",
    "loose expressive brush marks",
    "rich painterly color",
  ],
  drawing: ["expressive linework", "visible paper texture", "delicate cross-hatching", "confident gestural strokes"],
  illustration: [
    "clean confident linework",
    "soft textured shading",
    "crisp cel-shaded forms",
    "gentle hand-drawn texture",
    "bold clean shapes",
  ],
  render: [
    "physically based materials",
    "soft ambient occlusion",
    "subtle subsurface scattering",
    "crisp global illumination",
  ],
  pixel: ["clean pixel clusters", "deliberate dithering", "a crisp limited palette", "sharp pixel-perfect outlines"],
  graphic: ["clean vector shapes", "crisp flat color"],
};

/** Palettes for when no mood, season or time of day suggests one. */
export const DEFAULT_PALETTES: Record<PlaceKind | "none", readonly { main: string; accent: string }[]> = {
  nature: [
    { main: "earthy greens and warm ochre", accent: "soft sky blue" },
    { main: "moss green and weathered stone grey", accent: "warm gold" },
  ],
  water: [
    { main: "sea-glass green and deep blue", accent: "warm sand" },
    { main: "slate blue and silver", accent: "sunlit turquoise" },
  ],
  urban: [
    { main: "slate grey and warm brick", accent: "teal" },
    { main: "concrete grey and muted ochre", accent: "signal red" },
  ],
  interior: [
    { main: "warm wood tones and cream", accent: "deep green" },
    { main: "honeyed oak and soft linen white", accent: "muted terracotta" },
  ],
  space: [
    { main: "inky black and deep violet", accent: "glowing cyan" },
    { main: "deep blue and nebula magenta", accent: "starlight white" },
  ],
  none: [
    { main: "warm naturalistic tones", accent: "muted teal" },
    { main: "soft earthy neutrals", accent: "deep ink blue" },
  ],
};

/** Default light by the kind of place, when nothing in the idea or style says. */
export const DEFAULT_LIGHT: Record<PlaceKind | "none", readonly string[]> = {
  nature: ["soft natural light with gentle shadows", "warm low sunlight raking across the scene"],
  water: ["soft light glinting off the water", "luminous haze over the water"],
  urban: ["soft overcast light with gentle shadows", "warm low sunlight raking between the buildings"],
  interior: ["soft window light with gentle falloff", "warm practical lamps and soft window light"],
  space: ["hard starlight with deep black shadows", "the glow of a distant star rimming every edge"],
  none: ["soft directional key light with gentle shadows", "soft natural window light"],
};

export const QUALITY_TAGS: readonly string[] = ["masterpiece", "best quality", "highly detailed"];

/** Defects every tag-dialect negative prompt guards against. */
export const COMMON_NEGATIVE: readonly string[] = [
  "blurry",
  "lowres",
  "jpeg artifacts",
  "watermark",
  "signature",
  "text",
  "cropped",
  "worst quality",
];

export const ANATOMY_NEGATIVE: readonly string[] = ["bad anatomy", "extra limbs", "deformed"];
export const HANDS_NEGATIVE: readonly string[] = ["bad hands", "extra fingers"];
