/**
 * Weather. Wet or obscuring weather and clear weather exclude each other; within a group they
 * mix (rain and fog together is fine), so an edit only removes the other group.
 */
export type WeatherGroup = "wet" | "clear";

export type WeatherEntry = {
  key: string;
  group: WeatherGroup;
  /** Words that name it in an idea or prompt. */
  names: readonly string[];
  prep: string;
  adjective: string;
  /** An atmosphere phrase that shows it. */
  atmosphere: string;
  /** Light for when no time of day says otherwise. */
  light: string;
  tag: string;
  /** Indoors the weather is outside: what the window shows, in prose and as a tag. */
  indoor: string;
  indoorTag: string;
};

export const WEATHER: readonly WeatherEntry[] = [
  {
    key: "rain",
    group: "wet",
    names: ["rain-slicked", "raindrops", "downpour", "drizzle", "raining", "rainfall", "rainy", "rain"],
    prep: "in the rain",
    adjective: "rainy",
    atmosphere: "rain streaking through the air and slick surfaces catching every reflection",
    light: "soft grey overcast light",
    tag: "rain",
    indoor: "rain streaking down the windowpanes outside",
    indoorTag: "rain on window",
  },
  {
    key: "fog",
    group: "wet",
    names: ["foggy", "fog", "misty", "mist", "hazy", "haze"],
    prep: "in thick fog",
    adjective: "foggy",
    atmosphere: "layers of fog softening everything in the distance",
    light: "diffused hazy light",
    tag: "fog",
    indoor: "fog pressed against the windows outside",
    indoorTag: "fog outside window",
  },
  {
    key: "storm",
    group: "wet",
    names: ["thunderstorm", "lightning", "thunder", "stormy", "storm"],
    prep: "during a storm",
    adjective: "stormy",
    atmosphere: "wind-driven rain lashing across the scene",
    light: "dramatic stormlight breaking through dark clouds",
    tag: "storm",
    indoor: "a storm lashing at the windows outside",
    indoorTag: "storm outside window",
  },
  {
    key: "snowfall",
    group: "wet",
    names: ["snowflakes", "snowfall", "snowing", "snowstorm", "blizzard", "falling snow"],
    prep: "in falling snow",
    adjective: "snowy",
    atmosphere: "fat snowflakes drifting down",
    light: "soft muffled light of falling snow",
    tag: "falling snow",
    indoor: "snow falling past the window outside",
    indoorTag: "snow falling outside window",
  },
  {
    key: "overcast",
    group: "wet",
    names: ["overcast", "cloudy", "grey sky", "gray sky"],
    prep: "under an overcast sky",
    adjective: "overcast",
    atmosphere: "a low blanket of cloud",
    light: "soft even overcast light",
    tag: "overcast sky",
    indoor: "a grey overcast sky beyond the window",
    indoorTag: "overcast sky outside window",
  },
  {
    key: "wind",
    group: "wet",
    names: ["windswept", "windy", "wind", "breeze", "gusts", "gale"],
    prep: "in a strong wind",
    adjective: "windswept",
    atmosphere: "a strong wind tugging at everything",
    light: "quick-changing light under racing clouds",
    tag: "windswept",
    indoor: "wind rattling the window panes",
    indoorTag: "wind outside window",
  },
  {
    key: "clear",
    group: "clear",
    names: ["cloudless", "clear sky", "clear skies", "sunny", "sunshine"],
    prep: "under a clear sky",
    adjective: "sunny",
    atmosphere: "a clear cloudless sky overhead",
    light: "bright clean sunlight",
    tag: "clear sky",
    indoor: "a clear sky beyond the window",
    indoorTag: "clear sky outside window",
  },
];

export function findWeather(text: string): WeatherEntry | undefined {
  const lower = text.toLowerCase();
  return WEATHER.find((w) => w.names.some((n) => new RegExp(`(?<![\\w-])${n}(?![\\w-])`).test(lower)));
}
