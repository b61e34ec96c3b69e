/**
 * Contradictions between a prompt and its own idea: the idea says "photo" and the prompt says
 * "brushwork"; the idea says "night" and the prompt says "midday". A rule fires when the idea
 * matches its `idea` words, the prompt matches its `conflict` words, and the idea itself does not
 * use the conflicting words (an idea that asks for "a painting of a photograph" asked for both).
 */
export type ContradictionAxis = "medium" | "time" | "season" | "weather" | "camera";

export type ContradictionRule = { id: string; axis: ContradictionAxis; idea: RegExp; conflict: RegExp };

const PHOTO =
  /\b(?:photo|photos|photograph|photographs|photography|photographic|photorealistic|photo-realistic|dslr|35 ?mm|polaroid|snapshot|headshot|selfie|bokeh|shot on|kodak|portra|f\/\d(?:\.\d)?|\d{2,3} ?mm lens)\b/;
const DRAWN =
  /\b(?:painting|paintings|painted|painterly|brushwork|brush ?strokes?|watercolou?rs?|oil on canvas|on canvas|canvases|gouache|acrylics?|impasto|drawing|drawings|drawn|sketch|sketches|sketched|illustration|illustrations|illustrated|cartoon|anime|manga|comic|cel[- ]shaded|pencil|charcoal|ink wash|crayon|pastel drawing|linocut|woodcut|matte painting)\b/;

export const CONTRADICTION_RULES: readonly ContradictionRule[] = [
  // Medium
  {
    id: "photo-vs-drawn",
    axis: "medium",
    idea: /\b(?:photo|photos|photograph|photography|photographic|photorealistic|dslr|35 ?mm|polaroid|snapshot|headshot|selfie|product shot|packshot|macro|in a (?:white |photo )?studio)\b/,
    conflict: DRAWN,
  },
  {
    id: "drawn-vs-photo",
    axis: "medium",
    idea: /\b(?:painting|watercolou?r|oil paint|gouache|drawing|sketch|illustration|cartoon|anime|manga|comic|pixel art|vector|linocut|woodcut|crayon|pencil|charcoal|ink drawing|storybook|picture book|children's book)\b/,
    conflict: PHOTO,
  },
  {
    id: "flat-vs-texture",
    axis: "medium",
    idea: /\b(?:pixel art|pixel|pixels|8-bit|16-bit|vector|flat (?:design|illustration|colou?rs?|shading|style|icon|graphic)|low poly|sticker|emoji|icon|anime|cartoon|cel[- ]shaded)\b/,
    conflict:
      /\b(?:film grain|grainy|skin texture|pores|photorealistic|hyperrealistic|hyper-realistic|subsurface|bokeh|soft natural window light)\b/,
  },
  {
    id: "minimal-vs-intricate",
    axis: "medium",
    idea: /\b(?:minimalist|minimalism|minimal)\b/,
    conflict:
      /\b(?:intricate|highly detailed|hyper-?detailed|richly detailed|finely detailed|ornate|elaborate|busy|cluttered|dense detail|layered depth|sweeping wide|maximalist)\b/,
  },
  {
    // "children's book illustration of a hedgehog" is a drawing in a book's style, not a book.
    id: "book-style-vs-book-object",
    axis: "medium",
    idea: /\b(?:children's book|childrens book|storybook|picture book)\b/,
    conflict: /\b(?:leather binding|gilt edges|book cover|bound volume|spine)\b/,
  },
  // Time of day
  {
    id: "night-vs-day",
    axis: "time",
    idea: /\b(?:night|nighttime|midnight|moonlit|moonlight|full moon|starry|starlit|after dark)\b/,
    conflict:
      /\b(?:midday|noon|sunlit|daylight|daytime|bright sun|sunny|blue sky|golden hour|afternoon|morning sun|natural window light)\b/,
  },
  {
    id: "day-vs-night",
    axis: "time",
    idea: /\b(?:midday|noon|afternoon|daytime|broad daylight|sunny day)\b/,
    conflict: /\b(?:night|nighttime|midnight|moonlit|moonlight|starry sky|starlit|nocturnal)\b/,
  },
  {
    id: "dawn-vs-dusk",
    axis: "time",
    idea: /\b(?:dawn|sunrise|daybreak|first light)\b/,
    conflict: /\b(?:dusk|sunset|evening|midnight|noon|midday)\b/,
  },
  {
    id: "dusk-vs-dawn",
    axis: "time",
    idea: /\b(?:dusk|sunset|evening)\b/,
    conflict: /\b(?:dawn|sunrise|daybreak|morning|midday|noon)\b/,
  },
  // Season
  {
    id: "winter-vs-warm",
    axis: "season",
    idea: /\b(?:winter|wintry|snowy|snowfall|snowstorm|blizzard|frosty|christmas)\b/,
    conflict:
      /\b(?:summer|summertime|autumn|autumnal|fall foliage|autumn leaves|spring blossoms?|cherry blossoms?|in bloom|blooming|lush green|tropical heat)\b/,
  },
  {
    id: "summer-vs-cold",
    axis: "season",
    idea: /\b(?:summer|summertime|heatwave|midsummer)\b/,
    conflict: /\b(?:winter|wintry|snow|snowy|snowfall|frost|frosty|autumn|autumnal|fall foliage|bare trees|blizzard)\b/,
  },
  {
    id: "autumn-vs-other",
    axis: "season",
    idea: /\b(?:autumn|autumnal|fall foliage|fallen leaves|falling leaves|harvest moon)\b/,
    conflict: /\b(?:winter|snowy|snowfall|summer|summertime|springtime|cherry blossoms?)\b/,
  },
  {
    id: "spring-vs-other",
    axis: "season",
    idea: /\b(?:springtime|in spring|cherry blossoms?|blossoming)\b/,
    conflict: /\b(?:winter|snowy|snowfall|autumn|autumnal|fall foliage|autumn leaves|bare trees)\b/,
  },
  // Weather
  {
    id: "clear-vs-storm",
    axis: "weather",
    idea: /\b(?:clear sky|clear skies|cloudless|sunny|clear day|bright sunshine)\b/,
    conflict:
      /\b(?:storm|stormy|rain|rainy|raining|drizzle|thunder|lightning|overcast|fog|foggy|mist|misty|blizzard)\b/,
  },
  {
    id: "storm-vs-clear",
    axis: "weather",
    idea: /\b(?:storm|stormy|rain|rainy|raining|thunderstorm|downpour|drizzle|blizzard)\b/,
    conflict: /\b(?:clear sky|clear skies|cloudless|sunny|bright sunshine|dry heat)\b/,
  },
  {
    id: "fog-vs-clear",
    axis: "weather",
    idea: /\b(?:fog|foggy|mist|misty)\b/,
    conflict: /\b(?:crystal clear|clear sky|clear skies|cloudless|razor-sharp distance)\b/,
  },
  // Camera angle
  {
    id: "isometric-vs-perspective",
    axis: "camera",
    idea: /\bisometric\b/,
    conflict:
      /\b(?:vanishing points?|one-point perspective|two-point perspective|three-point perspective|forced perspective|deep perspective|fisheye|eye level|eye-level)\b/,
  },
  {
    id: "top-down-vs-eye-level",
    axis: "camera",
    idea: /\b(?:top-down|top down|bird's-eye|birds-eye|bird's eye|overhead|aerial|flat lay|from above)\b/,
    conflict:
      /\b(?:eye level|eye-level|low angle|low-angle|worm's-eye|ground level|ground-level|far horizon|low horizon)\b/,
  },
  {
    id: "low-vs-top-down",
    axis: "camera",
    idea: /\b(?:low angle|low-angle|worm's-eye|worms-eye|from below)\b/,
    conflict: /\b(?:top-down|bird's-eye|birds-eye|overhead view|aerial view|from above|flat lay)\b/,
  },
  {
    id: "macro-vs-wide",
    axis: "camera",
    idea: /\b(?:macro|extreme close-up|close-up|closeup)\b/,
    conflict:
      /\b(?:wide vista|vista|panorama|panoramic|far horizon|wide-angle|wide angle|establishing shot|wide shot|sweeping wide|sweeping view|landscape photograph)\b/,
  },
  {
    id: "wide-vs-macro",
    axis: "camera",
    idea: /\b(?:wide shot|panorama|panoramic|vista|establishing shot|wide-angle|wide angle)\b/,
    conflict: /\b(?:macro|extreme close-up)\b/,
  },
  {
    id: "product-vs-scenery",
    axis: "camera",
    idea: /\b(?:product (?:photo|shot|photograph|photography)|packshot|studio shot|in a (?:white )?studio)\b/,
    conflict: /\b(?:far horizon|sweeping|vista|panorama|canvases|easels?)\b/,
  },
];

export type Contradiction = { id: string; axis: ContradictionAxis; found: string };

/** Every rule the prompt breaks, with the words that broke it. */
export function contradictions(idea: string, prompt: string): Contradiction[] {
  const i = idea.toLowerCase();
  const p = prompt.toLowerCase();
  const out: Contradiction[] = [];
  for (const rule of CONTRADICTION_RULES) {
    if (!rule.idea.test(i) || rule.conflict.test(i)) continue;
    const hit = rule.conflict.exec(p);
    if (hit) out.push({ id: rule.id, axis: rule.axis, found: hit[0] });
  }
  return out;
}
