/** Seasons: the marks each leaves on a scene, and a palette for when no mood gives one. */
export type SeasonEntry = {
  key: string;
  names: readonly string[];
  prep: string;
  adjective: string;
  atmosphere: string;
  palette: { main: string; accent: string };
};

export const SEASONS: readonly SeasonEntry[] = [
  {
    key: "spring",
    names: ["springtime", "spring"],
    prep: "in spring",
    adjective: "spring",
    atmosphere: "fresh blossoms and new green leaves",
    palette: { main: "fresh greens and blossom pink", accent: "pale yellow" },
  },
  {
    key: "summer",
    names: ["midsummer", "summertime", "summer"],
    prep: "in summer",
    adjective: "summer",
    atmosphere: "lush green growth and warm hazy air",
    palette: { main: "saturated greens and sun-bleached gold", accent: "bright sky blue" },
  },
  {
    key: "autumn",
    names: ["autumnal", "autumn", "fall foliage"],
    prep: "in autumn",
    adjective: "autumn",
    atmosphere: "drifts of fallen amber leaves",
    palette: { main: "burnt orange and ochre", accent: "deep red" },
  },
  {
    key: "winter",
    names: ["wintertime", "wintry", "winter"],
    prep: "in winter",
    adjective: "winter",
    atmosphere: "frost glittering on every edge",
    palette: { main: "icy blues and soft whites", accent: "warm gold" },
  },
];

/** "fall" is a season only where it cannot be the verb: "in the fall", "fall leaves", or alone. */
const FALL_SEASON = /(?:^|\b(?:in|the|this|late|early)\s+)fall(?:\b(?!\s+(?:down|over|off|into|from|asleep)))/i;

export function findSeason(text: string): SeasonEntry | undefined {
  const lower = text.toLowerCase();
  const named = SEASONS.find((s) => s.names.some((n) => new RegExp(`(?<![\\w-])${n}(?![\\w-])`).test(lower)));
  if (named) return named;
  return FALL_SEASON.test(lower.trim()) ? SEASONS.find((s) => s.key === "autumn") : undefined;
}
