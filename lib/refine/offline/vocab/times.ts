import type { PlaceKind } from "./places";

/**
 * Times of day. Each carries the light it gives (by kind of place: a street at night is lit
 * by windows, a forest by the moon) and the forms an edit needs to swap one time for another.
 */
export type TimeEntry = {
  key: string;
  /** Words and phrases in an idea or a prompt that name this time. Longest first. */
  names: readonly string[];
  /** "at night", "at sunset": what goes after a scene. */
  prep: string;
  /** "night", "sunset": replaces a bare time noun ("sunset sky" → "night sky"). */
  noun: string;
  /** "moonlit", "sunlit": replaces a time adjective. */
  adjective: string;
  /** `wet`: the same hour under rain, fog or cloud, when moon, stars and sun are hidden. */
  light: Record<"outdoor" | "urban" | "interior" | "wet", string>;
  palette: { main: string; accent: string };
};

export const TIMES: readonly TimeEntry[] = [
  {
    key: "dawn",
    names: ["daybreak", "sunrise", "first light", "dawn"],
    prep: "at dawn",
    noun: "dawn",
    adjective: "dawn-lit",
    light: {
      outdoor: "pale dawn light breaking low on the horizon",
      urban: "pale dawn light creeping between the buildings",
      interior: "pale dawn light slanting through the windows",
      wet: "a pale grey dawn struggling through low cloud",
    },
    palette: { main: "pale rose and peach", accent: "soft lilac" },
  },
  {
    key: "morning",
    names: ["early morning", "morning"],
    prep: "in the morning",
    noun: "morning",
    adjective: "morning",
    light: {
      outdoor: "fresh clear morning light with long soft shadows",
      urban: "fresh morning light glancing off the facades",
      interior: "soft morning light pouring through a window",
      wet: "soft grey morning light under low cloud",
    },
    palette: { main: "fresh greens and pale gold", accent: "clean sky blue" },
  },
  {
    key: "noon",
    names: ["high noon", "midday", "noon", "daytime", "broad daylight"],
    prep: "at midday",
    noun: "midday",
    adjective: "sunlit",
    light: {
      outdoor: "bright overhead midday sun with crisp short shadows",
      urban: "bright midday sun bouncing between the buildings",
      interior: "bright daylight bouncing softly around the room",
      wet: "flat bright light under a low grey sky",
    },
    palette: { main: "clear bright colors", accent: "crisp whites" },
  },
  {
    key: "afternoon",
    names: ["late afternoon", "afternoon"],
    prep: "in the afternoon",
    noun: "afternoon",
    adjective: "sunlit",
    light: {
      outdoor: "warm afternoon sunlight with gentle lengthening shadows",
      urban: "warm afternoon sunlight raking down the street",
      interior: "warm afternoon sunlight falling across the room",
      wet: "soft silvery afternoon light under heavy cloud",
    },
    palette: { main: "warm honey and soft green", accent: "dusty blue" },
  },
  {
    key: "golden hour",
    names: ["golden hour", "golden-hour"],
    prep: "at golden hour",
    noun: "golden hour",
    adjective: "golden-hour",
    light: {
      outdoor: "low golden-hour sun with long warm shadows and glowing rim light",
      urban: "low golden-hour sun flaring down the street",
      interior: "golden-hour sun streaming low through the windows",
      wet: "low golden light breaking beneath the clouds",
    },
    palette: { main: "honey gold and warm apricot", accent: "soft violet" },
  },
  {
    key: "sunset",
    names: ["sundown", "sunset"],
    prep: "at sunset",
    noun: "sunset",
    adjective: "sunset-lit",
    light: {
      outdoor: "the last warm light of sunset with the sky blazing orange and rose",
      urban: "sunset light blazing in the windows",
      interior: "sunset light streaming through the windows in long amber bars",
      wet: "a last band of sunset glowing beneath the clouds",
    },
    palette: { main: "gold and coral", accent: "dusky violet" },
  },
  {
    key: "dusk",
    names: ["blue hour", "twilight", "dusk", "evening", "nightfall"],
    prep: "at dusk",
    noun: "dusk",
    adjective: "twilit",
    light: {
      outdoor: "soft blue-hour twilight with a last warm glow along the horizon",
      urban: "blue-hour twilight as the first windows and streetlights flicker on",
      interior: "dim evening light with the first lamps switched on",
      wet: "murky blue dusk with the first lights glowing through the haze",
    },
    palette: { main: "indigo and dusky blue", accent: "soft amber" },
  },
  {
    key: "night",
    names: [
      "midnight",
      "nighttime",
      "night-time",
      "night",
      "full moon",
      "crescent moon",
      "moonrise",
      "at the moon",
      "under the moon",
      "beneath the moon",
    ],
    prep: "at night",
    noun: "night",
    adjective: "moonlit",
    light: {
      outdoor: "cool moonlight and deep blue shadows under a sky full of stars",
      urban: "glowing windows and streetlights against the deep blue night",
      interior: "warm lamplight against windows gone dark with night",
      wet: "glowing reflections in the wet dark",
    },
    palette: { main: "deep navy and silver", accent: "warm amber" },
  },
];

/** The time a word names, if any. */
export function findTime(text: string): TimeEntry | undefined {
  const lower = text.toLowerCase();
  return TIMES.find((t) => t.names.some((n) => new RegExp(`(?<![\\w-])${n}(?![\\w-])`).test(lower)));
}

export function lightFor(time: TimeEntry, place: PlaceKind | undefined, wet = false): string {
  if (place === "interior") return time.light.interior;
  if (wet) return time.light.wet;
  if (place === "urban") return time.light.urban;
  return time.light.outdoor;
}

/** Terms that tie light to a time of day; a time edit replaces any clause built on them. */
export const TIME_BOUND_LIGHT =
  /(?<![\w-])(daylight|sunlight|sunlit|sunshine|sun|sunbeams?|sun rays|golden[- ]hour|sunset|sundown|sunrise|dawn|daybreak|dusk|twilight|twilit|blue[- ]hour|morning|afternoon|midday|noon|evening|moonlight|moonlit|moon|starlight|starlit|stars|night|nighttime|midnight|dawn-lit|sunset-lit)(?![\w-])/i;
