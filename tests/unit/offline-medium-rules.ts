/**
 * What counts as the offline refiner contradicting an idea's own medium, shot, format, time,
 * season, weather or camera angle, as rules over the idea and its refined prompt. Shared by
 * tests/unit/offline-medium-words.test.ts and the before/after measurement in the report.
 */

/** The seven ideas issue 11 §6 reports, refined with no style. */
export const ISSUE_IDEAS: readonly string[] = [
  "macro shot of a dew drop on a spider web",
  "product photo of a leather backpack",
  "children's book illustration of a shy hedgehog",
  "isometric view of a medieval village",
  "sleek electric car in a white studio",
  "pixel art knight",
  "minimalist poster of a mountain",
];

/** Forty varied ideas, none naming a style preset: subjects, places, media, times, seasons, weather, angles. */
export const VARIED_IDEAS: readonly string[] = [
  "a fox in the snow",
  "a lighthouse on a cliff at night",
  "an old fisherman mending nets",
  "a cozy cabin in a winter forest",
  "a dragon sleeping on a pile of gold",
  "a cat on a windowsill in the rain",
  "a bowl of ramen",
  "a robot watering plants on a balcony",
  "a busy market street in Marrakech",
  "a quiet harbor at dawn",
  "two kids flying a kite on a windy beach",
  "an astronaut floating above the earth",
  "a castle on a hill in autumn",
  "a hummingbird feeding from a flower",
  "a steampunk airship over a city",
  "portrait of an old woman with kind eyes",
  "a desert caravan at sunset",
  "a library with towering shelves",
  "a mountain lake in summer",
  "a samurai standing in a bamboo forest",
  "a neon-lit alley in Tokyo at night",
  "a vintage car on a country road",
  "a wolf howling at the moon",
  "a treehouse in a giant oak",
  "a waterfall in a jungle",
  "a chef plating a dessert",
  "an owl perched on a branch in winter",
  "a sailboat on a stormy sea",
  "a field of sunflowers at noon",
  "a cup of coffee on a wooden table",
  "a ballerina on a stage",
  "a snowy village at christmas",
  "an abandoned train station overgrown with ivy",
  "a koi pond in a japanese garden in spring",
  "a top-down view of a chess game",
  "a low angle shot of a skyscraper",
  "a watercolor of a sailboat",
  "a 35mm photo of a street musician",
  "a flat vector icon of a rocket",
  "an aerial view of a river delta",
];

/** A rule: when the idea matches `when`, the prompt (minus the idea's own words) must not match `never`. */
type Rule = { name: string; when: RegExp; never: RegExp };

const PHOTO =
  /\b(photo|photograph|photography|product shot|studio shot|macro|dslr|\d{2,3}mm|polaroid|snapshot|selfie)\b|white studio/i;
const FLAT = /\b(pixel art|pixel|8-bit|vector|flat(?! lay)|icon|logo|poster|minimalist|sticker)\b/i;

export const RULES: readonly Rule[] = [
  {
    name: "photo has painting words",
    when: PHOTO,
    never:
      /brushwork|brush marks|canvas|canvases|matte painting|painting|painterly|impasto|glazes|linework|illustration/i,
  },
  { name: "flat medium has realism", when: FLAT, never: /film grain|skin texture|window light|catchlights|bokeh/i },
  {
    name: "minimalist has intricacy",
    when: /minimalis/i,
    never: /intricate|rich detail|highly detailed|layered depth/i,
  },
  {
    name: "isometric has converging perspective",
    when: /isometric/i,
    never: /vanishing point|one-point perspective|receding/i,
  },
  {
    name: "top-down has eye level",
    when: /top-down|top down|overhead|aerial|bird's-eye/i,
    never: /eye level|eye-level|street-level|low angle/i,
  },
  { name: "macro has far horizon", when: /\bmacro\b/i, never: /horizon|sweeping|wide-angle|panoramic|establishing/i },
  {
    name: "product shot has a place",
    when: /product (photo|shot)|white studio/i,
    never: /horizon|canvases|easel|lived-in/i,
  },
  { name: "children's book is a bound book", when: /children's book/i, never: /binding|gilt|leather/i },
  { name: "low angle looks down", when: /low angle/i, never: /high angle|looking down|bird's-eye|overhead/i },
  { name: "night is daylit", when: /\bnight\b/i, never: /midday|noon|sunlit|bright daylight|golden hour|morning/i },
  { name: "dawn is dusk", when: /\bdawn\b|sunrise/i, never: /sunset|dusk|night/i },
  { name: "sunset is dawn", when: /sunset|dusk/i, never: /sunrise|dawn|midday|noon/i },
  { name: "noon is night", when: /\bnoon\b|midday/i, never: /moonlight|night|starlight|sunset/i },
  {
    name: "winter has other seasons",
    when: /winter|snow|christmas/i,
    never: /autumn leaves|fall foliage|spring blossom|summer/i,
  },
  { name: "autumn has other seasons", when: /autumn|\bfall\b/i, never: /spring blossom|summer|snowfall/i },
  { name: "summer has snow", when: /summer/i, never: /snow|frost|autumn leaves/i },
  { name: "spring has autumn", when: /spring/i, never: /autumn|fall foliage|snowdrift/i },
  { name: "rain has clear sky", when: /\brain/i, never: /cloudless|clear blue sky|dry/i },
  {
    name: "drawn medium has camera words",
    when: /watercolor|painting|pixel art|vector|illustration|icon/i,
    never: /\d+mm|lens|film grain|bokeh|photograph/i,
  },
];

/** The prompt with the idea's own words taken out, so an idea word ("night") never breaks its own rule. */
function added(idea: string, prompt: string): string {
  let out = prompt;
  for (const word of idea.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []) {
    if (word.length < 3) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu"), " ");
  }
  return out;
}

/** The names of the rules a prompt (and its negative prompt) breaks for an idea. */
export function contradictions(idea: string, prompt: string, negative?: string): string[] {
  const text = added(idea, prompt);
  const out = RULES.filter((r) => r.when.test(idea) && r.never.test(text)).map((r) => r.name);
  // A photo idea's negative prompt must not exclude photos.
  if (negative && PHOTO.test(idea) && /\b(photo|photograph|photorealistic|realistic)\b/i.test(negative))
    out.push("photo idea negates photo");
  return out;
}

/** The words a prompt closes on: its last phrase after a comma, "and" or "with", lowercased. */
export function closing(prompt: string): string {
  const last = prompt.trim().replace(/[.!]+$/, "");
  const parts = last.split(/,\s+|\s+and\s+|\s+with\s+|\.\s+/);
  return (parts[parts.length - 1] ?? last).trim().toLowerCase();
}

/** How many prompts share the most common closing, and that closing. */
export function commonestClosing(prompts: readonly string[]): { closing: string; count: number } {
  const counts = new Map<string, number>();
  for (const p of prompts) counts.set(closing(p), (counts.get(closing(p)) ?? 0) + 1);
  let best = { closing: "", count: 0 };
  for (const [c, n] of counts) if (n > best.count) best = { closing: c, count: n };
  return best;
}
