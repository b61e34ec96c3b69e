import { singular } from "../words";

/**
 * What exists only because of something else: snow makes powder drifts and snowflakes, steam
 * makes curls and wisps. "remove the snow" must take these too, or the prompt keeps showing
 * what it was asked to remove.
 */
const DEPENDENTS: Readonly<Record<string, readonly string[]>> = {
  snow: [
    "powder drifts",
    "snowdrifts",
    "snowflakes",
    "snowfall",
    "falling snow",
    "fresh powder",
    "flurries",
    "frost",
    "snowy",
    "snow-covered",
    "snow-capped",
    "snow-dusted",
    "snow-laden",
    "frost-covered",
    "frosted",
  ],
  rain: ["raindrops", "rain-slicked", "rainy", "puddles", "drizzle", "downpour", "slick surfaces", "wet reflections"],
  fog: ["foggy", "mist", "misty", "haze", "hazy", "fog-shrouded"],
  mist: ["misty", "fog", "foggy", "haze", "hazy"],
  steam: ["steamy", "steaming", "vapor", "vapour"],
  smoke: ["smoky", "smoke-filled", "smouldering", "smoldering"],
  fire: ["flames", "embers", "sparks", "firelight", "fiery"],
  star: ["starlight", "starlit", "starry", "sky full of stars"],
  cloud: ["cloudy", "cloud banks", "overcast"],
  people: ["crowd", "crowds", "figures", "pedestrians", "passersby"],
  person: ["figure", "figures", "silhouette"],
  crowd: ["people", "figures", "pedestrians", "passersby"],
};

/** Adjectives made from the thing itself: "snowy", "steamy", "snow-covered". */
export function isDerivedAdjective(word: string, target: string): boolean {
  const w = word.toLowerCase();
  const t = singular(target.toLowerCase());
  return (
    w.startsWith(`${t}-`) ||
    w === `${t}y` ||
    w === `${t}${t.at(-1)}y` ||
    (t.endsWith("e") && w === `${t.slice(0, -1)}y`)
  );
}

/** The phrases that go with `target` when it is removed. */
export function dependentsOf(target: string): readonly string[] {
  const lower = target.toLowerCase().trim();
  return DEPENDENTS[lower] ?? DEPENDENTS[singular(lower)] ?? [];
}
