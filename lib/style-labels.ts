import type { BuiltInStyleId, StyleId } from "./schemas/styles";

/**
 * What the browser needs of a style preset: its id, name, one line for the Style combobox and
 * its sample picture. The preset's parts (the words a refiner weaves in) live in lib/styles.ts,
 * which only the server loads (issue 12: the full preset text was 3 kB of the Studio's first load).
 */
export type StyleLabel = {
  id: StyleId;
  label: string;
  /** One line for the Style combobox's description. */
  description: string;
  /** A sample made by the offline renderer from a fixed idea (scripts/style-samples.ts), served from public/. */
  sample: string;
};

const sample = (id: BuiltInStyleId) => `/styles/${id}.webp`;

const LABELS: readonly (Omit<StyleLabel, "sample"> & { id: BuiltInStyleId })[] = [
  {
    id: "cinematic-photo",
    label: "Cinematic photo",
    description: "A still from a film: natural motivated light, shallow focus, a graded look.",
  },
  {
    id: "watercolor",
    label: "Watercolor",
    description: "Loose washes on textured paper, soft edges and light left as bare paper.",
  },
  {
    id: "oil-painting",
    label: "Oil painting",
    description: "A classical oil on canvas: rich pigments, directional light, visible brushwork.",
  },
  {
    id: "anime",
    label: "Anime",
    description: "A key-visual look: clean line art, cel shading, vivid color, painted backgrounds.",
  },
  {
    id: "3d-render",
    label: "3D render",
    description: "A polished stylized render: soft studio light, tactile materials, gentle depth of field.",
  },
  {
    id: "pixel-art",
    label: "Pixel art",
    description: "A 16-bit game scene: a crisp pixel grid, a limited palette, deliberate dithering.",
  },
  {
    id: "ink-sketch",
    label: "Ink sketch",
    description: "Pen and brush on paper: confident line, cross-hatched shadow, a single muted wash.",
  },
  {
    id: "isometric",
    label: "Isometric",
    description: "A tidy isometric diorama: orthographic 30-degree view, clean shapes, soft even light.",
  },
  {
    id: "film-noir",
    label: "Film noir",
    description: "A 1940s crime-film still: hard low-key light, deep shadows, stark black and white.",
  },
  {
    id: "charcoal-drawing",
    label: "Charcoal drawing",
    description: "Smudged charcoal on toned paper: bold gestural marks, soft gradients, chalk highlights.",
  },
  {
    id: "woodblock-print",
    label: "Woodblock print",
    description: "An ukiyo-e style woodblock print: carved outlines, flat colour areas, a flattened space.",
  },
  {
    id: "comic-book",
    label: "Comic book",
    description: "A printed comic panel: bold inked outlines, halftone shading, punchy primary colours.",
  },
  {
    id: "claymation",
    label: "Claymation",
    description: "A stop-motion miniature: handmade plasticine figures on a lit tabletop set.",
  },
  {
    id: "vaporwave",
    label: "Vaporwave",
    description: "Retro-digital nostalgia: neon glow, pastel pink and teal, a receding perspective grid.",
  },
  {
    id: "low-poly",
    label: "Low poly",
    description: "A faceted low-polygon scene: flat-shaded triangles, clean edges, a fresh pastel palette.",
  },
];

export const STYLE_LABELS: readonly (StyleLabel & { id: BuiltInStyleId })[] = LABELS.map((s) => ({
  ...s,
  sample: sample(s.id),
}));

export function getStyleLabel(id: StyleId | null | undefined): StyleLabel | undefined {
  return id ? STYLE_LABELS.find((s) => s.id === id) : undefined;
}
