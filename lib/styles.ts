import type { BuiltInStyleId, StyleId, StyleSnapshot } from "./schemas/styles";
import { STYLE_LABELS, type StyleLabel } from "./style-labels";

/**
 * A style preset as structured parts, so both dialects can apply it faithfully:
 * prose weaves the phrases into sentences, tags emits them as weighted tags.
 *
 * Writing rule for every part: commas separate self-contained sub-phrases and nothing else
 * (no comma-separated adjectives), because the tags dialect splits on them and a budget
 * trims them one at a time from the end. So put the most important sub-phrase first.
 */
export type StylePreset = StyleLabel & StyleParts;

type StyleParts = {
  medium: string;
  lighting: string;
  palette: string;
  camera: string;
  detail: string;
  /** Tags for the negative prompt of tag-dialect backends. */
  negative: string;
};

// Names, descriptions and samples come from lib/style-labels.ts (what the browser loads); the
// parts stay here, for the refiners and the server-rendered pages.
const PARTS: Readonly<Record<BuiltInStyleId, StyleParts>> = {
  "cinematic-photo": {
    medium: "cinematic film still photographed on 35mm film",
    lighting: "motivated natural light with soft contrast, gentle highlight roll-off",
    palette: "a restrained filmic color grade with rich blacks",
    camera: "anamorphic 50mm lens at eye level, shallow depth of field",
    detail: "true-to-life textures, subtle film grain, faint halation around highlights",
    negative: "cartoon, illustration, painting, drawing, 3d render, cgi, plastic skin, oversaturated, overexposed, hdr",
  },
  watercolor: {
    medium: "loose watercolor painting on cold-press paper",
    lighting: "soft diffused daylight, highlights left as bare white paper",
    palette: "transparent muted washes with gentle color blooms",
    camera: "airy composition with generous empty paper around the subject",
    detail: "visible paper grain, soft wet-on-wet edges, delicate pencil underdrawing",
    negative:
      "photograph, photorealistic, 3d render, digital gradients, heavy black outlines, oversaturated, muddy colors",
  },
  "oil-painting": {
    medium: "traditional oil painting on linen canvas",
    lighting: "directional chiaroscuro light from one side, deep warm shadows",
    palette: "rich earth pigments with luminous glazed highlights",
    camera: "classical composition with a strong painterly focal point",
    detail: "visible impasto brushstrokes, canvas weave showing through, fine craquelure",
    negative: "photograph, photorealistic, digital art, vector, flat colors, airbrushed, smooth plastic look",
  },
  anime: {
    medium: "anime illustration with clean cel shading",
    lighting: "bright soft key light with crisp cel-shaded shadows, luminous rim light",
    palette: "vivid saturated colors with clean gradients",
    camera: "dynamic key-visual framing with a slight low angle",
    detail: "crisp clean linework, expressive eyes, richly painted background",
    negative: "photorealistic, photograph, 3d render, western cartoon, sketchy lines, muddy colors, deformed face",
  },
  "3d-render": {
    medium: "stylized 3D render with physically based materials",
    lighting: "soft studio lighting with global illumination, gentle ambient occlusion",
    palette: "clean saturated colors with soft gradients",
    camera: "three-quarter view through a 50mm virtual lens, gentle depth of field",
    detail: "subtle subsurface scattering, smooth bevelled edges, tactile surface materials",
    negative: "photograph, 2d, flat illustration, sketch, noisy render, jagged edges, low-poly artifacts",
  },
  "pixel-art": {
    medium: "16-bit pixel-art scene",
    lighting: "simple two-tone shading with one clear light direction",
    palette: "a limited retro palette of about sixteen colors",
    camera: "side-on game-scene view on a crisp pixel grid",
    detail: "clean pixel clusters, deliberate dithering, no anti-aliasing",
    negative: "blurry, anti-aliased, smooth gradients, photorealistic, 3d render, jpeg artifacts, noisy",
  },
  "ink-sketch": {
    medium: "ink sketch in pen and brush on off-white paper",
    lighting: "strong light and shadow built from cross-hatching",
    palette: "black ink with a single muted sepia wash",
    camera: "loose vignette composition fading out at the edges",
    detail: "confident lines of varied weight, expressive hatching, a few stray ink spatters",
    negative: "photograph, photorealistic, 3d render, full color, smooth shading, digital gradients",
  },
  isometric: {
    medium: "isometric diorama illustration",
    lighting: "soft even top-down light with clean ambient occlusion",
    palette: "a cheerful harmonious palette with crisp accent colors",
    camera: "true isometric 30-degree angle, flat orthographic projection",
    detail: "tidy miniature details, clean edges, crisp readable shapes",
    negative: "perspective distortion, fisheye, photograph, blurry, messy, cluttered, text",
  },
  "film-noir": {
    medium: "black-and-white film noir photograph",
    lighting: "hard low-key light from a single source, venetian-blind shadows slicing across the scene",
    palette: "stark black-and-white monochrome with deep inky blacks",
    camera: "low dutch angle on a 35mm lens, deep focus",
    detail: "silver-gelatin film grain, glistening wet surfaces, drifting atmospheric haze",
    negative: "color photo, oversaturated, cartoon, illustration, anime, flat lighting, pastel colors",
  },
  "charcoal-drawing": {
    medium: "expressive charcoal drawing on toned paper",
    lighting: "dramatic light and shadow modelled in smudged charcoal",
    palette: "monochrome charcoal greys with white chalk highlights",
    camera: "loose academic composition with a strong focal point",
    detail: "visible paper tooth, soft smudged gradients, bold gestural strokes",
    negative: "full color, photograph, photorealistic, 3d render, digital painting, clean vector lines",
  },
  "woodblock-print": {
    medium: "ukiyo-e woodblock print",
    lighting: "flat even light with no cast shadows",
    palette: "a restrained palette of indigo and vermilion on cream paper",
    camera: "flattened perspective with a bold diagonal composition",
    detail: "crisp carved outlines, visible wood grain texture, flat areas of printed color",
    negative:
      "photograph, photorealistic, 3d render, soft gradients, glossy digital painting, heavy shading, lens blur",
  },
  "comic-book": {
    medium: "comic-book illustration with bold inked outlines",
    lighting: "punchy graphic lighting with solid black shadows",
    palette: "vibrant primary reds and yellows with flat halftone fills",
    camera: "dynamic panel composition from a dramatic low angle",
    detail: "crisp halftone dot shading, confident varied line weights, clean flat color fills",
    negative: "photograph, photorealistic, 3d render, painterly, blurry, muddy colors, soft gradients",
  },
  claymation: {
    medium: "claymation stop-motion scene with handmade plasticine figures",
    lighting: "soft miniature studio lighting with gentle shadows",
    palette: "cheerful saturated plasticine colors",
    camera: "tabletop miniature set seen through a macro lens, shallow depth of field",
    detail: "visible fingerprints in the clay, slightly lumpy handmade shapes, tiny handcrafted props",
    negative: "photorealistic, 2d, flat illustration, smooth cgi, plastic sheen, uncanny faces",
  },
  vaporwave: {
    medium: "vaporwave digital illustration",
    lighting: "glowing neon rim light with a soft haze",
    palette: "a pastel palette of hot pink and electric teal",
    camera: "centered retro composition over a receding perspective grid",
    detail: "retro 1980s computer graphics, glossy chrome accents, subtle scan lines",
    negative: "muted colors, desaturated, photorealistic, gritty textures, dull lighting, brown tones",
  },
  "low-poly": {
    medium: "low-poly 3D scene with faceted flat shading",
    lighting: "soft directional light with gentle ambient occlusion",
    palette: "a fresh pastel palette with crisp gradients",
    camera: "three-quarter view through a 35mm virtual lens, soft depth of field",
    detail: "visible triangular facets, clean geometric edges, minimal surface texture",
    negative: "photograph, photorealistic, high-poly, smooth organic surfaces, noisy textures, 2d illustration",
  },
};

export const STYLE_PRESETS: readonly (StylePreset & { id: BuiltInStyleId })[] = STYLE_LABELS.map((s) => ({
  ...s,
  ...PARTS[s.id],
}));

/** A built-in preset; undefined for none and for own styles (those live in the store). */
export function getStyle(id: StyleId | null | undefined): StylePreset | undefined {
  return id ? STYLE_PRESETS.find((s) => s.id === id) : undefined;
}

/**
 * The style a refiner applies: a built-in preset, or an own style the caller resolved from the
 * store or from a version's snapshot (refiners are adapters and never read the store themselves).
 */
export function styleFor(
  id: StyleId | null | undefined,
  ...known: readonly (StyleSnapshot | null | undefined)[]
): StyleSnapshot | undefined {
  if (!id) return undefined;
  return getStyle(id) ?? known.find((s) => s?.id === id) ?? undefined;
}

/** What a version records of the style it was refined in: id, name and the parts as they were. */
export function snapshotOf(style: StyleSnapshot): StyleSnapshot {
  const { id, label, medium, lighting, palette, camera, detail, negative } = style;
  return { id, label, medium, lighting, palette, camera, detail, negative };
}
