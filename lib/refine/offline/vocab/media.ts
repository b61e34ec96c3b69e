import { type BuiltInStyleId, isBuiltInStyleId } from "@/lib/schemas/styles";

/**
 * How a picture is made. The family decides which camera and finish words make sense:
 * lens talk only for photos and renders, brushwork only for paintings.
 */
export type MediumFamily = "photo" | "painting" | "drawing" | "illustration" | "render" | "pixel" | "graphic";

/** Medium names as they appear in ideas and prompts, longest first so "oil painting" beats "painting". */
export const MEDIUM_NAMES: readonly (readonly [name: string, family: MediumFamily])[] = [
  ["oil painting", "painting"],
  ["acrylic painting", "painting"],
  ["watercolor painting", "painting"],
  ["watercolour painting", "painting"],
  ["digital painting", "painting"],
  ["matte painting", "painting"],
  ["pencil drawing", "drawing"],
  ["pencil sketch", "drawing"],
  ["charcoal drawing", "drawing"],
  ["charcoal sketch", "drawing"],
  ["ink drawing", "drawing"],
  ["ink sketch", "drawing"],
  ["line art", "drawing"],
  ["pixel art", "pixel"],
  ["pixel-art", "pixel"],
  ["3d render", "render"],
  ["3d model", "render"],
  ["low poly", "render"],
  ["low-poly", "render"],
  ["concept art", "illustration"],
  ["stained glass", "illustration"],
  ["flat vector", "graphic"],
  ["flat design", "graphic"],
  ["flat illustration", "graphic"],
  ["product shot", "photo"],
  ["product photo", "photo"],
  ["product photograph", "photo"],
  ["product photography", "photo"],
  ["studio shot", "photo"],
  ["studio photo", "photo"],
  ["packshot", "photo"],
  ["film still", "photo"],
  ["photograph", "photo"],
  ["photography", "photo"],
  ["photorealistic", "photo"],
  ["photo", "photo"],
  ["polaroid", "photo"],
  ["selfie", "photo"],
  ["snapshot", "photo"],
  ["watercolor", "painting"],
  ["watercolour", "painting"],
  ["gouache", "painting"],
  ["painting", "painting"],
  ["fresco", "painting"],
  ["mural", "painting"],
  ["sketch", "drawing"],
  ["drawing", "drawing"],
  ["doodle", "drawing"],
  ["engraving", "drawing"],
  ["woodcut", "drawing"],
  ["linocut", "drawing"],
  ["etching", "drawing"],
  ["illustration", "illustration"],
  ["anime", "illustration"],
  ["manga", "illustration"],
  ["cartoon", "illustration"],
  ["comic", "illustration"],
  ["vector", "illustration"],
  ["poster", "illustration"],
  ["isometric", "illustration"],
  ["ukiyo-e", "illustration"],
  ["collage", "illustration"],
  ["mosaic", "illustration"],
  ["logo", "graphic"],
  ["icon", "graphic"],
  ["emblem", "graphic"],
  ["sticker", "graphic"],
  ["badge", "graphic"],
  ["infographic", "graphic"],
  ["tattoo design", "graphic"],
  ["render", "render"],
  ["cgi", "render"],
  ["claymation", "render"],
  ["voxel", "render"],
];

const MEDIUM_PATTERNS = MEDIUM_NAMES.map(
  ([name, family]) => [new RegExp(`(?<![\\w-])${name.replace(/[-]/g, "[- ]?")}(?![\\w-])`), name, family] as const,
);

export function findMedium(text: string): { name: string; family: MediumFamily } | undefined {
  const lower = text.toLowerCase();
  const found = MEDIUM_PATTERNS.find(([pattern]) => pattern.test(lower));
  if (!found) return undefined;
  // "a vector logo", "line art icon": the graphic is what is made, the rest says how it is drawn.
  if (found[2] === "illustration" || found[2] === "drawing") {
    const graphic = MEDIUM_PATTERNS.find(([pattern, , family]) => family === "graphic" && pattern.test(lower));
    if (graphic) return { name: graphic[1], family: "graphic" };
  }
  return { name: found[1], family: found[2] };
}

/** Words that mean the idea already says how it is lit. */
export const LIGHT_WORDS =
  /(?<![\w-])(lit|lighting|backlit|backlight|lamplight|candlelight|candlelit|firelight|torchlight|moonlight|moonlit|sunlight|sunlit|starlight|starlit|neon|glow|glowing|spotlight|spotlit|silhouette|silhouetted|rim light|god rays|volumetric light|light rays|chiaroscuro|bioluminescent|illuminated|lantern-lit)(?![\w-])/i;

export function findLight(text: string): string | undefined {
  return LIGHT_WORDS.exec(text)?.[1]?.toLowerCase();
}

export type StyleNames = { short: string; aliases: readonly string[]; family: MediumFamily };

/**
 * A style's short name and family: a built-in's from STYLE_NAMES; an own style's read from its
 * medium (its first phrase, and the family of the medium named in it; an illustration when it
 * names none), so own styles get the same camera and finish rules as the built-ins.
 */
export function styleNames(style: { id: string; medium: string }): StyleNames {
  if (isBuiltInStyleId(style.id)) return STYLE_NAMES[style.id];
  const short = (style.medium.split(/\s*,\s*/)[0] ?? style.medium).replace(/^(a|an|the)\s+/i, "").trim();
  return { short, aliases: [], family: findMedium(style.medium)?.family ?? "illustration" };
}

/** Each preset's short name, the words that ask for it, and its family. */
export const STYLE_NAMES: Readonly<Record<BuiltInStyleId, StyleNames>> = {
  "cinematic-photo": {
    short: "cinematic photograph",
    aliases: [
      "cinematic photo",
      "cinematic",
      "film still",
      "photograph",
      "photo",
      "photorealistic",
      "realistic",
      "photography",
      "real life",
    ],
    family: "photo",
  },
  watercolor: { short: "watercolor painting", aliases: ["watercolour", "watercolor"], family: "painting" },
  "oil-painting": { short: "oil painting", aliases: ["oil painting", "oils", "oil"], family: "painting" },
  anime: {
    short: "anime illustration",
    aliases: ["anime", "manga", "ghibli", "cel-shaded", "cel shaded"],
    family: "illustration",
  },
  "3d-render": {
    short: "3D render",
    aliases: ["3d render", "3d", "cgi", "render", "pixar", "blender", "clay render"],
    family: "render",
  },
  "pixel-art": {
    short: "pixel art",
    aliases: ["pixel art", "pixel-art", "pixels", "8-bit", "16-bit", "retro game", "sprite"],
    family: "pixel",
  },
  "ink-sketch": {
    short: "ink sketch",
    aliases: ["ink sketch", "ink drawing", "pen and ink", "ink", "sketch", "pen drawing", "line drawing"],
    family: "drawing",
  },
  isometric: { short: "isometric illustration", aliases: ["isometric", "diorama"], family: "illustration" },
  "film-noir": { short: "film-noir photograph", aliases: ["film noir", "film-noir", "noir"], family: "photo" },
  "charcoal-drawing": {
    short: "charcoal drawing",
    aliases: ["charcoal drawing", "charcoal sketch", "charcoal"],
    family: "drawing",
  },
  "woodblock-print": {
    short: "woodblock print",
    aliases: ["ukiyo-e", "woodblock print", "woodblock", "woodcut"],
    family: "illustration",
  },
  "comic-book": {
    short: "comic-book illustration",
    aliases: ["comic book", "comic-book", "comic", "graphic novel"],
    family: "illustration",
  },
  claymation: {
    short: "claymation scene",
    aliases: ["claymation", "clay animation", "plasticine", "stop-motion", "stop motion", "clay"],
    family: "render",
  },
  vaporwave: {
    short: "vaporwave illustration",
    aliases: ["vaporwave", "synthwave", "retrowave", "outrun"],
    family: "illustration",
  },
  "low-poly": { short: "low-poly render", aliases: ["low poly", "low-poly", "faceted"], family: "render" },
};

/** Media without a preset that an instruction may still ask for. */
export const OTHER_MEDIA: readonly { aliases: readonly string[]; medium: string; family: MediumFamily }[] = [
  {
    aliases: ["pencil drawing", "pencil sketch", "pencil", "graphite"],
    medium: "graphite pencil drawing with soft shading",
    family: "drawing",
  },
  { aliases: ["gouache"], medium: "gouache painting with flat matte color", family: "painting" },
  { aliases: ["acrylic"], medium: "bold acrylic painting", family: "painting" },
  { aliases: ["digital painting", "digital art"], medium: "detailed digital painting", family: "painting" },
  { aliases: ["concept art"], medium: "cinematic concept-art painting", family: "painting" },
  { aliases: ["cartoon"], medium: "clean cartoon illustration with bold outlines", family: "illustration" },
  {
    aliases: ["vector", "flat illustration", "flat design"],
    medium: "flat vector illustration with crisp shapes",
    family: "illustration",
  },
  {
    aliases: ["storybook", "children's book", "picture book"],
    medium: "storybook illustration in soft gouache",
    family: "illustration",
  },
  { aliases: ["stained glass"], medium: "stained-glass window design with bold leading", family: "illustration" },
  { aliases: ["polaroid"], medium: "faded instant-film polaroid photograph", family: "photo" },
  {
    aliases: ["black and white photo", "black-and-white photo"],
    medium: "black-and-white film photograph",
    family: "photo",
  },
];
