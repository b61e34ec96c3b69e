/**
 * Mood words and what they do to an image. A mood steers the light and the palette; `feel`
 * names the emotional quality in other words, so the prose can say it without repeating
 * the idea's own word. `accent` is a light that can sit beside a time of day's light
 * (cozy at night: moonlight outside, lamplight within). No light here is tied to a time
 * of day except where the mood is itself a daylight one (joyful), which a time overrides.
 */
export type MoodEntry = {
  key: string;
  /** Words that signal it, as they might appear in an idea. */
  words: readonly string[];
  feel: string;
  light: string;
  accent: string;
  palette: { main: string; accent: string };
  /** Which default medium suits it: storybook moods read best as illustration. */
  leaning?: "illustration" | "painting" | "photo";
};

export const MOODS: readonly MoodEntry[] = [
  {
    key: "cozy",
    words: ["cozy", "cosy", "snug", "homey", "comfy", "hygge", "warm-hearted", "inviting"],
    feel: "quietly intimate",
    light: "warm low lamplight with soft falloff",
    accent: "pools of warm lamplight",
    palette: { main: "amber and cream", accent: "soft rust" },
  },
  {
    key: "eerie",
    words: [
      "eerie",
      "creepy",
      "spooky",
      "haunting",
      "haunted",
      "unsettling",
      "sinister",
      "ominous",
      "uncanny",
      "scary",
      "horror",
    ],
    feel: "faintly unsettling",
    light: "cold thin light filtering through drifting fog",
    accent: "a cold mist hanging low",
    palette: { main: "desaturated teal and bone grey", accent: "sickly green" },
  },
  {
    key: "serene",
    words: ["serene", "peaceful", "calm", "tranquil", "quiet", "restful", "zen", "meditative"],
    feel: "utterly still",
    light: "soft even light with gentle shadows",
    accent: "a soft haze in the air",
    palette: { main: "soft sage and pale blue", accent: "warm white" },
  },
  {
    key: "melancholy",
    words: [
      "melancholy",
      "melancholic",
      "sad",
      "lonely",
      "somber",
      "sombre",
      "wistful",
      "forlorn",
      "gloomy",
      "bleak",
      "mournful",
      "solitary",
    ],
    feel: "quietly wistful",
    light: "muted diffused light from a pale sky",
    accent: "a faint chill in the air",
    palette: { main: "muted blue-grey and faded ochre", accent: "dull red" },
  },
  {
    key: "joyful",
    words: [
      "joyful",
      "happy",
      "cheerful",
      "playful",
      "fun",
      "festive",
      "lively",
      "jubilant",
      "sunny-hearted",
      "carefree",
      "celebratory",
    ],
    feel: "light-hearted",
    light: "bright warm sunlight with soft bounce light",
    accent: "strings of festive lights",
    palette: { main: "sunny yellow and coral", accent: "sky blue" },
  },
  {
    key: "whimsical",
    words: [
      "whimsical",
      "magical",
      "enchanted",
      "fairytale",
      "fairy-tale",
      "dreamy",
      "dreamlike",
      "storybook",
      "cute",
      "charming",
      "adorable",
      "wondrous",
    ],
    feel: "gently otherworldly",
    light: "soft glowing light with motes drifting in the air",
    accent: "tiny floating specks of light",
    palette: { main: "pastel lavender and mint", accent: "warm peach" },
    leaning: "illustration",
  },
  {
    key: "dramatic",
    words: [
      "dramatic",
      "epic",
      "majestic",
      "heroic",
      "grand",
      "powerful",
      "intense",
      "awe-inspiring",
      "monumental",
      "fierce",
    ],
    feel: "vast in scale",
    light: "dramatic side light with deep shadows and a bright rim",
    accent: "shafts of light cutting through the air",
    palette: { main: "deep shadow and burnished gold", accent: "storm blue" },
    leaning: "painting",
  },
  {
    key: "mysterious",
    words: ["mysterious", "moody", "brooding", "noir", "secretive", "enigmatic", "shadowy", "cryptic"],
    feel: "hushed and secretive",
    light: "low-key lighting with a single shaft of light cutting the shadows",
    accent: "a single shaft of light through the dark",
    palette: { main: "deep indigo and charcoal", accent: "warm amber" },
  },
  {
    key: "romantic",
    words: ["romantic", "tender", "loving", "sweet", "heartfelt"],
    feel: "softly tender",
    light: "soft candlelit glow with gentle bloom",
    accent: "the soft flicker of candlelight",
    palette: { main: "blush pink and soft gold", accent: "wine red" },
  },
  {
    key: "nostalgic",
    words: ["nostalgic", "vintage", "retro", "old-fashioned", "bygone", "faded", "sentimental"],
    feel: "faded like an old memory",
    light: "hazy warm light with a gentle bloom",
    accent: "a warm hazy glow",
    palette: { main: "faded film tones and warm sepia", accent: "dusty teal" },
    leaning: "photo",
  },
  {
    key: "tense",
    words: ["tense", "chaotic", "frantic", "frenetic", "urgent", "dangerous", "menacing", "violent", "action-packed"],
    feel: "charged and on edge",
    light: "harsh high-contrast light with hard-edged shadows",
    accent: "harsh flickering light",
    palette: { main: "high-contrast red and black", accent: "sodium orange" },
  },
  {
    key: "hopeful",
    words: ["hopeful", "uplifting", "inspiring", "optimistic", "radiant", "triumphant"],
    feel: "full of quiet promise",
    light: "radiant light breaking through with a soft glow",
    accent: "a warm glow breaking through",
    palette: { main: "warm gold and fresh green", accent: "clear sky blue" },
  },
  // Genres behave like moods: they steer light and palette the same way.
  {
    key: "cyberpunk",
    words: ["cyberpunk", "neo-noir", "dystopian", "synthwave", "vaporwave"],
    feel: "electric and restless",
    light: "neon signs reflecting in wet surfaces with hard magenta and cyan rim light",
    accent: "neon glow spilling from every sign",
    palette: { main: "electric magenta and cyan", accent: "deep violet shadow" },
  },
  {
    key: "steampunk",
    words: ["steampunk", "clockwork"],
    feel: "inventive and ornate",
    light: "warm gaslight glinting on polished brass",
    accent: "the glow of gas lamps",
    palette: { main: "polished brass and oxblood leather", accent: "soot black" },
    leaning: "painting",
  },
  {
    key: "gothic",
    words: ["gothic", "macabre", "grim", "dark-fantasy", "grimdark"],
    feel: "grave and brooding",
    light: "candlelight guttering against deep shadow",
    accent: "guttering candlelight",
    palette: { main: "black and deep crimson", accent: "tarnished silver" },
    leaning: "painting",
  },
  {
    key: "futuristic",
    words: ["futuristic", "sci-fi", "scifi", "high-tech", "space-age", "utopian", "solarpunk"],
    feel: "sleek and forward-looking",
    light: "clean cool light with soft glowing panels",
    accent: "soft glowing interface light",
    palette: { main: "cool white and electric blue", accent: "warm orange" },
  },
  {
    key: "apocalyptic",
    words: ["post-apocalyptic", "apocalyptic", "abandoned", "desolate", "derelict", "ruined"],
    feel: "desolate and reclaimed",
    light: "hazy dust-filtered light",
    accent: "dust hanging in the air",
    palette: { main: "rust and dusty khaki", accent: "overgrown green" },
  },
];

export function moodFor(word: string): MoodEntry | undefined {
  const w = word.toLowerCase();
  return MOODS.find((m) => m.words.includes(w));
}

/**
 * Mood words that are safe to swap anywhere in a prompt on a mood edit. Words that also
 * describe things ("quiet", "grand", "sweet", "faded") are left alone
 * outside clauses that are plainly about mood.
 */
export const SWAPPABLE_MOOD_WORDS: ReadonlySet<string> = new Set(
  MOODS.filter((m) => !["cyberpunk", "steampunk", "gothic", "futuristic", "apocalyptic"].includes(m.key))
    .flatMap((m) => m.words)
    .filter(
      (w) => !["quiet", "grand", "sweet", "powerful", "fun", "faded", "retro", "vintage", "abandoned"].includes(w),
    ),
);
