import type { StyleId } from "./schemas/styles";

/**
 * A style preset as structured parts, so both dialects can apply it faithfully:
 * prose weaves the phrases into sentences, tags emits them as weighted tags.
 *
 * Writing rule for every part: commas separate self-contained sub-phrases and nothing else
 * (no comma-separated adjectives), because the tags dialect splits on them and a budget
 * trims them one at a time from the end. So put the most important sub-phrase first.
 */
export type StylePreset = {
  id: StyleId;
  label: string;
  /** One line for the Style combobox's description. */
  description: string;
  medium: string;
  lighting: string;
  palette: string;
  camera: string;
  detail: string;
  /** Tags for the negative prompt of tag-dialect backends. */
  negative: string;
  /** A sample made by the offline renderer from a fixed idea (scripts/style-samples.ts), served from public/. */
  sample: string;
};

const sample = (id: StyleId) => `/styles/${id}.webp`;

export const STYLE_PRESETS: readonly StylePreset[] = [
  {
    id: "cinematic-photo",
    label: "Cinematic photo",
    description: "A still from a film: natural motivated light, shallow focus, a graded look.",
    medium: "cinematic film still photographed on 35mm film",
    lighting: "motivated natural light with soft contrast, gentle highlight roll-off",
    palette: "a restrained filmic color grade with rich blacks",
    camera: "anamorphic 50mm lens at eye level, shallow depth of field",
    detail: "true-to-life textures, subtle film grain, faint halation around highlights",
    negative: "cartoon, illustration, painting, drawing, 3d render, cgi, plastic skin, oversaturated, overexposed, hdr",
    sample: sample("cinematic-photo"),
  },
  {
    id: "watercolor",
    label: "Watercolor",
    description: "Loose washes on textured paper, soft edges and light left as bare paper.",
    medium: "loose watercolor painting on cold-press paper",
    lighting: "soft diffused daylight, highlights left as bare white paper",
    palette: "transparent muted washes with gentle color blooms",
    camera: "airy composition with generous empty paper around the subject",
    detail: "visible paper grain, soft wet-on-wet edges, delicate pencil underdrawing",
    negative:
      "photograph, photorealistic, 3d render, digital gradients, heavy black outlines, oversaturated, muddy colors",
    sample: sample("watercolor"),
  },
  {
    id: "oil-painting",
    label: "Oil painting",
    description: "A classical oil on canvas: rich pigments, directional light, visible brushwork.",
    medium: "traditional oil painting on linen canvas",
    lighting: "directional chiaroscuro light from one side, deep warm shadows",
    palette: "rich earth pigments with luminous glazed highlights",
    camera: "classical composition with a strong painterly focal point",
    detail: "visible impasto brushstrokes, canvas weave showing through, fine craquelure",
    negative: "photograph, photorealistic, digital art, vector, flat colors, airbrushed, smooth plastic look",
    sample: sample("oil-painting"),
  },
  {
    id: "anime",
    label: "Anime",
    description: "A key-visual look: clean line art, cel shading, vivid color, painted backgrounds.",
    medium: "anime illustration with clean cel shading",
    lighting: "bright soft key light with crisp cel-shaded shadows, luminous rim light",
    palette: "vivid saturated colors with clean gradients",
    camera: "dynamic key-visual framing with a slight low angle",
    detail: "crisp clean linework, expressive eyes, richly painted background",
    negative: "photorealistic, photograph, 3d render, western cartoon, sketchy lines, muddy colors, deformed face",
    sample: sample("anime"),
  },
  {
    id: "3d-render",
    label: "3D render",
    description: "A polished stylized render: soft studio light, tactile materials, gentle depth of field.",
    medium: "stylized 3D render with physically based materials",
    lighting: "soft studio lighting with global illumination, gentle ambient occlusion",
    palette: "clean saturated colors with soft gradients",
    camera: "three-quarter view through a 50mm virtual lens, gentle depth of field",
    detail: "subtle subsurface scattering, smooth bevelled edges, tactile surface materials",
    negative: "photograph, 2d, flat illustration, sketch, noisy render, jagged edges, low-poly artifacts",
    sample: sample("3d-render"),
  },
  {
    id: "pixel-art",
    label: "Pixel art",
    description: "A 16-bit game scene: a crisp pixel grid, a limited palette, deliberate dithering.",
    medium: "16-bit pixel-art scene",
    lighting: "simple two-tone shading with one clear light direction",
    palette: "a limited retro palette of about sixteen colors",
    camera: "side-on game-scene view on a crisp pixel grid",
    detail: "clean pixel clusters, deliberate dithering, no anti-aliasing",
    negative: "blurry, anti-aliased, smooth gradients, photorealistic, 3d render, jpeg artifacts, noisy",
    sample: sample("pixel-art"),
  },
  {
    id: "ink-sketch",
    label: "Ink sketch",
    description: "Pen and brush on paper: confident line, cross-hatched shadow, a single muted wash.",
    medium: "ink sketch in pen and brush on off-white paper",
    lighting: "strong light and shadow built from cross-hatching",
    palette: "black ink with a single muted sepia wash",
    camera: "loose vignette composition fading out at the edges",
    detail: "confident lines of varied weight, expressive hatching, a few stray ink spatters",
    negative: "photograph, photorealistic, 3d render, full color, smooth shading, digital gradients",
    sample: sample("ink-sketch"),
  },
  {
    id: "isometric",
    label: "Isometric",
    description: "A tidy isometric diorama: orthographic 30-degree view, clean shapes, soft even light.",
    medium: "isometric diorama illustration",
    lighting: "soft even top-down light with clean ambient occlusion",
    palette: "a cheerful harmonious palette with crisp accent colors",
    camera: "true isometric 30-degree angle, flat orthographic projection",
    detail: "tidy miniature details, clean edges, crisp readable shapes",
    negative: "perspective distortion, fisheye, photograph, blurry, messy, cluttered, text",
    sample: sample("isometric"),
  },
  {
    id: "film-noir",
    label: "Film noir",
    description: "A 1940s crime-film still: hard low-key light, deep shadows, stark black and white.",
    medium: "black-and-white film noir photograph",
    lighting: "hard low-key light from a single source, venetian-blind shadows slicing across the scene",
    palette: "stark black-and-white monochrome with deep inky blacks",
    camera: "low dutch angle on a 35mm lens, deep focus",
    detail: "silver-gelatin film grain, glistening wet surfaces, drifting atmospheric haze",
    negative: "color photo, oversaturated, cartoon, illustration, anime, flat lighting, pastel colors",
    sample: sample("film-noir"),
  },
  {
    id: "charcoal-drawing",
    label: "Charcoal drawing",
    description: "Smudged charcoal on toned paper: bold gestural marks, soft gradients, chalk highlights.",
    medium: "expressive charcoal drawing on toned paper",
    lighting: "dramatic light and shadow modelled in smudged charcoal",
    palette: "monochrome charcoal greys with white chalk highlights",
    camera: "loose academic composition with a strong focal point",
    detail: "visible paper tooth, soft smudged gradients, bold gestural strokes",
    negative: "full color, photograph, photorealistic, 3d render, digital painting, clean vector lines",
    sample: sample("charcoal-drawing"),
  },
  {
    id: "woodblock-print",
    label: "Woodblock print",
    description: "An ukiyo-e style woodblock print: carved outlines, flat colour areas, a flattened space.",
    medium: "ukiyo-e woodblock print",
    lighting: "flat even light with no cast shadows",
    palette: "a restrained palette of indigo and vermilion on cream paper",
    camera: "flattened perspective with a bold diagonal composition",
    detail: "crisp carved outlines, visible wood grain texture, flat areas of printed color",
    negative:
      "photograph, photorealistic, 3d render, soft gradients, glossy digital painting, heavy shading, lens blur",
    sample: sample("woodblock-print"),
  },
  {
    id: "comic-book",
    label: "Comic book",
    description: "A printed comic panel: bold inked outlines, halftone shading, punchy primary colours.",
    medium: "comic-book illustration with bold inked outlines",
    lighting: "punchy graphic lighting with solid black shadows",
    palette: "vibrant primary reds and yellows with flat halftone fills",
    camera: "dynamic panel composition from a dramatic low angle",
    detail: "crisp halftone dot shading, confident varied line weights, clean flat color fills",
    negative: "photograph, photorealistic, 3d render, painterly, blurry, muddy colors, soft gradients",
    sample: sample("comic-book"),
  },
  {
    id: "claymation",
    label: "Claymation",
    description: "A stop-motion miniature: handmade plasticine figures on a lit tabletop set.",
    medium: "claymation stop-motion scene with handmade plasticine figures",
    lighting: "soft miniature studio lighting with gentle shadows",
    palette: "cheerful saturated plasticine colors",
    camera: "tabletop miniature set seen through a macro lens, shallow depth of field",
    detail: "visible fingerprints in the clay, slightly lumpy handmade shapes, tiny handcrafted props",
    negative: "photorealistic, 2d, flat illustration, smooth cgi, plastic sheen, uncanny faces",
    sample: sample("claymation"),
  },
  {
    id: "vaporwave",
    label: "Vaporwave",
    description: "Retro-digital nostalgia: neon glow, pastel pink and teal, a receding perspective grid.",
    medium: "vaporwave digital illustration",
    lighting: "glowing neon rim light with a soft haze",
    palette: "a pastel palette of hot pink and electric teal",
    camera: "centered retro composition over a receding perspective grid",
    detail: "retro 1980s computer graphics, glossy chrome accents, subtle scan lines",
    negative: "muted colors, desaturated, photorealistic, gritty textures, dull lighting, brown tones",
    sample: sample("vaporwave"),
  },
  {
    id: "low-poly",
    label: "Low poly",
    description: "A faceted low-polygon scene: flat-shaded triangles, clean edges, a fresh pastel palette.",
    medium: "low-poly 3D scene with faceted flat shading",
    lighting: "soft directional light with gentle ambient occlusion",
    palette: "a fresh pastel palette with crisp gradients",
    camera: "three-quarter view through a 35mm virtual lens, soft depth of field",
    detail: "visible triangular facets, clean geometric edges, minimal surface texture",
    negative: "photograph, photorealistic, high-poly, smooth organic surfaces, noisy textures, 2d illustration",
    sample: sample("low-poly"),
  },
];

export function getStyle(id: StyleId | null | undefined): StylePreset | undefined {
  return id ? STYLE_PRESETS.find((s) => s.id === id) : undefined;
}
