import type { BuiltInStyleId } from "@/lib/schemas/styles";
import { COLOR_WORDS, paletteFromColors } from "../vocab/colors";
import { findFraming } from "../vocab/framing";
import { type MediumFamily, OTHER_MEDIA, STYLE_NAMES } from "../vocab/media";
import { moodFor } from "../vocab/moods";
import { findSeason } from "../vocab/seasons";
import { findTime } from "../vocab/times";
import { findWeather, WEATHER } from "../vocab/weather";
import { getStyle } from "@/lib/styles";
import { isContentWord, phraseRegExp, words } from "../words";
import type { Edit } from "./context";

/**
 * Reads a follow-up instruction as a list of edits. "make it night and add rain" is two;
 * "a rainy night" is two found in one phrase; "give the fox a scarf" is none we know, so it
 * becomes an "unrecognised" edit whose words are woven in rather than lost.
 */

const VERB_AFTER_AND =
  "make|add|remove|delete|drop|erase|without|more|less|turn|change|set|give|put|use|switch|zoom|include|no|get rid|take|lose|increase|reduce|render|show";
const SPLIT = new RegExp(`\\s*(?:[;,]|\\.\\s+|\\bthen\\b|\\band\\s+(?=(?:${VERB_AFTER_AND})\\b))\\s*`, "i");

const REMOVE =
  /^(?:remove|delete|drop|erase|take out|take away|get rid of|lose|exclude|minus|hide|no more|no|without)\s+(.+)$/i;
const WITHOUT = /\bwithout\s+(.+)$/i;
const MORE_LESS =
  /^(?:make\s+(?:it|the\s+\S+)\s+)?(?:a\s+(?:bit|little|lot)\s+|slightly\s+|much\s+|way\s+|even\s+|far\s+)?(more|less|fewer|increase|reduce|lower|raise)\s+(?:the\s+)?(.+)$/i;
const ADD = /^(?:add|include|put|insert|place|with)\s+(?:in\s+)?(.+)$/i;

const COLOUR_ALT = [...COLOR_WORDS, "ginger", "tabby", "calico", "blond", "blonde"].join("|");
/** "make the cats black", "turn the fox white", "paint the door bright red": one thing's colour. */
const RECOLOR = new RegExp(
  `^(?:make|turn|paint|colou?r|dye|change)\\s+(?:all\\s+)?(?:the\\s+colou?r\\s+of\\s+)?(?:the\\s+|its\\s+|their\\s+|both\\s+)?(.+?)\\s+(?:to\\s+|into\\s+)?((?:(?:jet|pure|snow|pale|light|dark|deep|bright|all)\\s+)?(?:${COLOUR_ALT})(?:\\s+and\\s+(?:${COLOUR_ALT}))?)$`,
  "i",
);
/** What "make X blue" means as a whole-image colour, not a thing's: the palette. */
const NOT_A_THING =
  /^(?:it|this|that|everything|all|them|the\s+)?(?:scene|image|picture|photo|whole thing|whole image|palette|colou?rs?|tones?|hues|shades|mood|lighting|light|background colou?r)?$/i;
const FILLER = /^(?:please|also|and|then|now|maybe|just|ok|okay)\s+/i;

/** Words that carry no content in an instruction ("make it ... style please"). */
const COMMAND_WORDS = new Set(
  "make turn change set switch render use show give style styled look looking version image picture scene mode vibe vibes feel feeling tones tone colors colours color colour palette hues shades please instead way kind sort bit little lot slightly much really super into like time day weather season shot view angle framing".split(
    " ",
  ),
);

const COMPARATIVES: Record<string, [target: string, more: boolean]> = {
  darker: ["dark", true],
  brighter: ["light", true],
  lighter: ["light", true],
  sharper: ["detail", true],
  simpler: ["detail", false],
  softer: ["contrast", false],
  punchier: ["contrast", true],
  warmer: ["warm", true],
  cooler: ["cool", true],
  colder: ["cool", true],
  bolder: ["colorful", true],
  richer: ["colorful", true],
  moodier: ["moody", true],
  cozier: ["cozy", true],
  cosier: ["cozy", true],
  creepier: ["eerie", true],
  scarier: ["eerie", true],
  spookier: ["spooky", true],
  eerier: ["eerie", true],
  gloomier: ["gloomy", true],
  sadder: ["sad", true],
  lonelier: ["lonely", true],
  happier: ["happy", true],
  cheerier: ["cheerful", true],
  calmer: ["calm", true],
  quieter: ["quiet", true],
  dreamier: ["dreamy", true],
  foggier: ["fog", true],
  mistier: ["mist", true],
  rainier: ["rain", true],
  snowier: ["snow", true],
  stormier: ["storm", true],
};

type StyleEdit = Extract<Edit, { kind: "style" }>;

/** Every way to ask for a medium, longest first so "oil painting" wins over "painting". */
const MEDIUM_ASKS: readonly { alias: string; edit: StyleEdit }[] = [
  ...(Object.keys(STYLE_NAMES) as BuiltInStyleId[]).flatMap((id) =>
    STYLE_NAMES[id].aliases.map((alias) => ({
      alias,
      edit: {
        kind: "style" as const,
        styleId: id,
        medium: getStyle(id)?.medium ?? STYLE_NAMES[id].short,
        family: STYLE_NAMES[id].family,
        name: STYLE_NAMES[id].short,
      },
    })),
  ),
  ...OTHER_MEDIA.flatMap((m) =>
    m.aliases.map((alias) => ({
      alias,
      edit: { kind: "style" as const, medium: m.medium, family: m.family as MediumFamily, name: alias },
    })),
  ),
].sort((a, b) => b.alias.length - a.alias.length);

function cut(text: string, phrase: string): string {
  return text.replace(phraseRegExp(phrase), " ").replace(/\s+/g, " ").trim();
}

function findStyleAsk(text: string): { alias: string; edit: StyleEdit } | undefined {
  return MEDIUM_ASKS.find((m) => phraseRegExp(m.alias, "i").test(text));
}

/** Edits named by category words anywhere in the text, and what is left once they are taken out. */
function categories(text: string): { edits: Edit[]; rest: string } {
  const edits: Edit[] = [];
  let rest = text;

  const style = findStyleAsk(rest);
  if (style) {
    edits.push(style.edit);
    rest = cut(rest, style.alias);
  }
  const time = findTime(rest);
  if (time) {
    edits.push({ kind: "time", time });
    for (const n of time.names) rest = cut(rest, n);
  }
  const weather =
    findWeather(rest) ?? (/\bsnow(y|ing)?\b/i.test(rest) ? WEATHER.find((w) => w.key === "snowfall") : undefined);
  if (weather) {
    edits.push({ kind: "weather", weather });
    for (const n of [...weather.names, "snowy", "snowing", "snow"]) rest = cut(rest, n);
  }
  const season = findSeason(rest);
  if (season) {
    edits.push({ kind: "season", season });
    for (const n of [...season.names, "fall"]) rest = cut(rest, n);
  }
  const framing = findFraming(rest, true);
  if (framing) {
    edits.push({ kind: "framing", framing });
    for (const a of [...framing.aliases, ...(framing.loose ?? [])]) rest = cut(rest, a);
  }
  const palette = paletteAsk(rest);
  if (palette) {
    edits.push({ kind: "palette", palette });
    rest = rest.replace(/\b(in|with)\b/gi, " ");
    for (const w of words(rest)) if (paletteFromColors(w)) rest = cut(rest, w);
  }
  for (const w of words(rest)) {
    const mood = moodFor(w);
    if (mood) {
      edits.push({ kind: "mood", mood, word: w.toLowerCase() });
      rest = cut(rest, w);
      break;
    }
  }
  return { edits, rest };
}

const PALETTE_NOUNS =
  /\b(tones?|palette|colou?rs?|hues|shades|scheme|grading|monochrome|monochromatic|black[- ]and[- ]white|b&w|greyscale|grayscale|sepia|pastels?|neon)\b/i;

/**
 * A colour request, not a coloured thing: "in blue tones", "black and white", "make it blue",
 * "in blue and gold"; but not "a red scarf", whose colour belongs to the scarf.
 */
function paletteAsk(text: string): string | undefined {
  if (PALETTE_NOUNS.test(text)) return paletteFromColors(text);
  const bare = text.replace(/^(?:(?:make|turn|paint|color|colour)\s+(?:it|everything)\s+|in\s+|all\s+)/i, "").trim();
  const onlyColours =
    bare.length > 0 && words(bare).every((w) => /^(and|or)$/i.test(w) || paletteFromColors(w) !== undefined);
  return onlyColours ? paletteFromColors(bare) : undefined;
}

/** True when nothing with content is left ("make it ... please"). */
function isEmpty(rest: string): boolean {
  return !words(rest).some((w) => isContentWord(w) && !COMMAND_WORDS.has(w.toLowerCase()));
}

function emphasis(target: string, more: boolean): Edit[] {
  const x = target.trim().replace(/^(the|of|some)\s+/i, "");
  const style = findStyleAsk(x);
  if (style && more) return [style.edit];
  const mood = moodFor(x);
  if (mood) return [{ kind: "emphasis", target: x, more }];
  if (/^(colou?rs?|colou?rful|vibrant|vivid|saturated|saturation)$/i.test(x)) {
    return [{ kind: "palette", palette: more ? "vivid saturated colors" : "muted desaturated tones" }];
  }
  const palette = /^(warm|cool|cold|muted|pastel|neon)$/i.test(x) ? paletteFromColors(x) : undefined;
  if (palette) return [{ kind: "palette", palette }];
  return [{ kind: "emphasis", target: x, more }];
}

function parseCommand(raw: string): Edit[] {
  let text = raw.trim().replace(/[.!?]+$/, "");
  while (FILLER.test(text)) text = text.replace(FILLER, "");
  text = text.replace(/\s+please$/i, "").trim();
  if (!text) return [];

  const removal = REMOVE.exec(text) ?? WITHOUT.exec(text);
  if (removal?.[1]) return [{ kind: "remove", target: removal[1] }];

  const moreLess = MORE_LESS.exec(text);
  if (moreLess?.[1] && moreLess[2]) return emphasis(moreLess[2], !/^(less|fewer|reduce|lower)$/i.test(moreLess[1]));

  const comparative = /^(?:make\s+it\s+)?(?:a\s+(?:bit|little|lot)\s+|slightly\s+|much\s+|even\s+)?([a-z]+er)$/i.exec(
    text,
  )?.[1];
  const known = comparative ? COMPARATIVES[comparative.toLowerCase()] : undefined;
  if (known) return emphasis(known[0], known[1]);

  const recolor = RECOLOR.exec(text);
  if (recolor?.[1] && recolor[2] && !NOT_A_THING.test(recolor[1].trim()) && !findStyleAsk(recolor[1])) {
    return [{ kind: "recolor", target: recolor[1].trim(), color: recolor[2].toLowerCase() }];
  }

  const add = ADD.exec(text);
  if (add?.[1]) {
    const found = categories(add[1]);
    return found.edits.length > 0 && isEmpty(found.rest) ? found.edits : [{ kind: "add", target: add[1] }];
  }

  const found = categories(text);
  if (found.edits.length === 0) return [{ kind: "unrecognised", text: raw.trim() }];
  if (!isEmpty(found.rest)) found.edits.push({ kind: "unrecognised", text: found.rest });
  return found.edits;
}

const FIX = /^fix:\s*(.+?)(?:\.\s*keep:.*)?$/is;
const THERE_IS = /^there (?:is|are) (?:exactly |at least )?(.+)$/i;
const THING_IS = /^the (.+?) (?:is|are) (.+)$/i;
const PLACE = /^(?:on|under|beside|in|inside|above|below|behind|near|next to|in front of|against|around)\b/i;
const IT_IS = /^it is (.+)$/i;

/**
 * A Fix misses round's instruction (lib/fix/instruction.ts: "Fix: there is a dog; the foxes are
 * red. Keep: …") names checklist items, which are statements, not edits. Read as they are, they
 * would be woven into the prompt word for word ("with Fix: there is a dog"). Each statement
 * becomes the edit that makes it true ("add a dog", "make the foxes red", "put the dog on a
 * sofa", "make it night"); the kept items need nothing, as this refiner keeps what it is not told
 * to change.
 */
function fromFixInstruction(instruction: string): string {
  const fix = FIX.exec(instruction.trim());
  if (!fix?.[1]) return instruction;
  return fix[1]
    .split(/\s*;\s*/)
    .map((statement) => {
      const s = statement.trim().replace(/[.]+$/, "");
      const there = THERE_IS.exec(s);
      if (there?.[1]) return `add ${there[1]}`;
      const it = IT_IS.exec(s);
      if (it?.[1]) return `make it ${it[1]}`;
      const thing = THING_IS.exec(s);
      if (thing?.[1] && thing[2]) {
        return PLACE.test(thing[2]) ? `put the ${thing[1]} ${thing[2]}` : `make the ${thing[1]} ${thing[2]}`;
      }
      return s;
    })
    .filter(Boolean)
    .join("; ");
}

export function parseInstruction(instruction: string): Edit[] {
  return fromFixInstruction(instruction)
    .split(SPLIT)
    .map((c) => c.trim())
    .filter(Boolean)
    .flatMap(parseCommand);
}
