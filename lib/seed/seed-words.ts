/*
 * What a seeded data folder is made of (npm run seed): words, backends, models and sizes, drawn by
 * a small seeded random generator so two runs with the same seed give the same rows. Word
 * frequencies are skewed (a few common subjects, a long tail of rare ones, some beyond ASCII) so a
 * search hits many rows for one word and a handful for another, as a real gallery's would.
 */

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Skewed towards the start of the list: the first items are common, the last ones rare. */
export const pickSkewed = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() ** 2.5 * list.length)] as T;

export const SUBJECTS = [
  "fox",
  "lighthouse",
  "cat",
  "astronaut",
  "dragon",
  "robot",
  "garden",
  "castle",
  "owl",
  "whale",
  "samurai",
  "café",
  "violinist",
  "greenhouse",
  "tram",
  "mushroom",
  "koi",
  "zeppelin",
  "straße",
  "piñata",
  "façade",
  "smörgåsbord",
  "jalapeño",
  "crème brûlée",
  "éclat",
  "naïve mural",
  "marionette",
  "narwhal",
  "orrery",
  "quokka",
] as const;

export const SETTINGS = [
  "in the snow",
  "at dusk",
  "under a full moon",
  "on a cliff above a stormy sea",
  "in a neon city street in the rain",
  "in a misty forest",
  "on mars",
  "in a sunlit kitchen",
  "by a frozen lake",
  "in an autumn market",
  "on a rooftop at night",
  "in a desert canyon",
] as const;

export const ADJECTIVES = ["red", "tiny", "ancient", "glowing", "cozy", "lonely", "golden", "rusty", "giant", "two"];

export const FINISHES = [
  "watercolor",
  "oil painting",
  "35mm photo",
  "isometric",
  "pixel art",
  "cel-shaded",
  "ink sketch",
  "studio lighting",
  "volumetric light",
  "soft focus",
  "high detail",
  "golden hour",
];

export const STYLES = [
  null,
  null,
  null,
  "watercolor",
  "cinematic-photo",
  "anime",
  "oil-painting",
  "pixel-art",
] as const;

export const INSTRUCTIONS = ["make it misty", "add a lantern", "warmer colours", "closer shot", "fewer people"];

/** Backends as the app names them, each with the models it is seen with and the sizes it makes. */
export const BACKENDS = [
  { id: "offline", models: ["offline-sketch-v1"], sizes: ["512x512", "768x768"], seeded: true },
  {
    id: "openai",
    models: ["gpt-image-1.5", "gpt-image-1"],
    sizes: ["1024x1024", "1024x1536", "1536x1024"],
    seeded: false,
  },
  {
    id: "automatic1111",
    models: ["sd_xl_base_1.0", "dreamshaper_8", "juggernautXL_v9"],
    sizes: ["512x512", "832x1216", "1024x1024"],
    seeded: true,
  },
  { id: "comfyui", models: ["flux1-dev", "sd3.5_large"], sizes: ["768x768", "1024x1024", "832x1216"], seeded: true },
] as const;

/** Every size some backend makes: one real image file each, which every seeded image of that size links to. */
export const SIZES = [...new Set(BACKENDS.flatMap((b) => b.sizes))];

/** Seeds come from a pool, so one seed is shared by a few images, as a re-run with a kept seed gives. */
export const SEED_POOL = 5000;
export const seedFromPool = (n: number) => (n * 2_654_435_761) % 4_294_967_296;
