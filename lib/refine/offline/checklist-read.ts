import type { CheckKind } from "@/lib/schemas/checks";
import type { DraftCheck } from "../check-ids";
import { withArticle } from "./english";
import { blankQuotes, quotedSpans } from "./quotes";
import { COLOR_WORDS } from "./vocab/colors";
import { findMedium } from "./vocab/media";
import { PLACES } from "./vocab/places";
import { SEASONS } from "./vocab/seasons";
import { TIMES } from "./vocab/times";
import { WEATHER } from "./vocab/weather";
import { isPlural, singular, STOP_WORDS } from "./words";

/*
 * Reads what an idea (or an instruction) demands, in the spirit of DSG: one atomic, checkable
 * statement per entity, count, attribute bound to its noun, relation, quoted text, medium or
 * style, and setting. Only the idea's own words: nothing a refiner adds is read here. A small
 * English phrase reader, no model: a noun phrase is a run of content words ending in its noun,
 * joined to the next by a preposition or a verb. What it cannot read it leaves out.
 */

/** A draft item and its slot: what it speaks about ("count:fox", "time"), so a later demand replaces it. */
export type SlottedDraft = DraftCheck & { words: string[]; slot: string };

const NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    .split(" ")
    .map((w, i) => [w, i + 1]),
);

const MULTI_PREPS = ["in front of", "on top of", "to the left of", "to the right of", "next to", "in the middle of"];
const PREPS = new Set(
  "in on at under over above below beneath underneath behind beside between among inside outside near atop against across along around through into onto past beyond amid by with of to for from as like toward towards".split(
    " ",
  ),
);
/** Prepositions that bind nothing checkable ("a cup of tea", "a gift for a friend"). */
const LOOSE_PREPS = new Set("of to for from as like toward towards".split(" "));

const VERBS = new Set(
  "sits stands holds wears carries rides eats drinks reads plays looks walks runs flies swims sleeps leans hangs hides peeks perches floats lies chases watches hugs".split(
    " ",
  ),
);
/** Words ending in -ing that are things, not doings. */
const ING_NOUNS = new Set(
  "building painting lighting ceiling morning evening wedding clothing king ring wing string spring thing swing sling earring bedding icing frosting railing lightning sibling duckling dumpling pudding viking awning ending beginning landing offering".split(
    " ",
  ),
);
/** Verbs that introduce lettering: the text item says it, not an action. */
export const QUOTE_VERBS = new Set(
  "says say saying reads read reading spells spelling labeled labelled titled written".split(" "),
);

const ADJECTIVES = new Set(
  (
    "big small tiny huge giant little large old young ancient tall short long round square shiny rusty wet dry broken empty " +
    "happy sad angry sleepy fluffy fat thin wooden golden frozen hidden fallen rotten woolen woollen bright dark glowing " +
    "snowy foggy misty rainy stormy cloudy sunny cozy cosy dusty muddy furry hairy curly shaggy spiky leafy grassy rocky sandy " +
    "icy frosty starry dreamy moody lonely lovely ugly heavy dirty wavy glossy full new pale soft hot cold warm cool " +
    "magical mystical royal tropical colossal futuristic gigantic majestic robotic metallic exotic electric abandoned " +
    "giant-sized striped spotted checkered"
  ).split(" "),
);
const ADJECTIVE_ENDINGS = /(ful|ous|ish|less|ive|able|ible|[a-z]{3}ed)$/;

/** Heads that are no thing to check ("more detail", "dramatic lighting", "masterpiece"). */
const VAGUE = new Set(
  (
    "detail details contrast mood atmosphere feel vibe look style composition quality color colors colour colours tone tones " +
    "light lighting shadows depth texture focus version image picture scene shot view background foreground masterpiece " +
    "highres resolution 4k 8k render art artwork lot bit way kind sort"
  ).split(" "),
);
/** Nouns with no article ("red hair", "black smoke"). */
const MASS = new Set("hair water grass smoke fire sand rice milk coffee tea bread fur ice steam mud".split(" "));
const SKY = new Set(["moon", "sun", "sky", "star", "stars", "cloud", "clouds"]);
const NIGHT_SKY =
  /(?<![\p{L}-])((?:full|crescent|half|new|blood|harvest|pale|silver|bright|rising)\s+)?(moon|moonlit|moonlight|starry sky|starlit|stars)(?![\p{L}-])/iu;

const STYLE_WORDS = (
  "minimalist minimal cinematic surreal surrealist vintage retro noir impressionist impressionistic cyberpunk steampunk " +
  "gothic baroque abstract hyperrealistic realistic monochrome"
).split(" ");

const MASS_MEDIA = /(art|photography|cgi|anime|manga|claymation|photorealistic|isometric|glass|poly|design|vector)$/;

/** Words before a medium that say which kind it is ("children's book illustration"). */
const MEDIUM_KINDS =
  /((?:children['’]s book|comic book|storybook|vintage travel|travel|movie|magazine|botanical|scientific|technical|fashion|editorial|wildlife|street|portrait|landscape|fine art|digital|retro|vintage|black and white)\s+)$/i;
/** The camera's place and reach, when the idea names it. */
const CAMERA =
  /(?<![\p{L}-])(macro|extreme close-up|close-up|closeup|aerial|wide-angle|wide angle|top-down|overhead|bird['’]s-eye|low-angle|low angle|high-angle|high angle|fisheye|telephoto)(?:\s+(shot|view|photo|photograph|lens))?(?![\p{L}-])/iu;

/** Glue words of other languages: an idea written in one is shown whole, not misread as English. */
const FOREIGN_GLUE = new Set(
  "la le les des du un une el los las del der die das und ein eine einer im mit unter il di con sous sur dans avec en et och och på ve bir".split(
    " ",
  ),
);
/** Words that only grade another ("more dramatic"): never a thing. */
const GRADES = new Set("more less most least much slightly somewhat extra super very".split(" "));

type Token = { word: string; lower: string };
type Phrase = { count?: string; det?: string; words: string[] };
type Link = { kind: "prep" | "verb"; word: string };

function draft(kind: CheckKind, text: string, words: string[], slot: string): SlottedDraft {
  return { kind, text, words: words.filter(Boolean).slice(0, 12), slot };
}

function nameIn(text: string, names: readonly string[]): string | undefined {
  return names.find((n) => new RegExp(`(?<![\\p{L}-])${n.replace(/[-\s]/g, "[- ]")}(?![\\p{L}-])`, "iu").test(text));
}

function isAdjective(word: string): boolean {
  const w = word.toLowerCase();
  return (
    COLOR_WORDS.has(w) ||
    ADJECTIVES.has(w) ||
    (w.length > 4 && ADJECTIVE_ENDINGS.test(w) && !/(bed|shed|sled)$/.test(w))
  );
}

/** Lettering: "a sign that says "OPEN"" → "the sign reads “OPEN”", its words exactly as written. */
function readQuotes(text: string): SlottedDraft[] {
  const out: SlottedDraft[] = [];
  for (const [a, b] of quotedSpans(text)) {
    const closed = b - a >= 2 && /["”“]/.test(text[b - 1] as string);
    const inner = text.slice(a + 1, closed ? b - 1 : b).trim();
    if (!inner) continue;
    const before = text.slice(0, a);
    const carrier =
      /([\p{L}-]+)\s+(?:that\s+|which\s+)?(?:says|reads|saying|reading|spells|spelling|labell?ed|titled|with the (?:words?|text))\s*[:,]?\s*$/iu.exec(
        before,
      )?.[1];
    const shown = `“${inner}”`;
    out.push(
      carrier
        ? draft(
            "text",
            `the ${carrier.toLowerCase()} reads ${shown}, spelled exactly`,
            [inner, carrier],
            `text:${singular(carrier)}`,
          )
        : draft("text", `the text ${shown} appears, spelled exactly`, [inner], `text:${inner.toLowerCase()}`),
    );
  }
  return out;
}

/** Medium, style words, time of day, weather, season: what the whole picture is or when it is. */
function readWhole(text: string): { items: SlottedDraft[]; used: Set<string> } {
  const items: SlottedDraft[] = [];
  const used = new Set<string>();
  const use = (phrase: string) => {
    for (const w of phrase.toLowerCase().split(/[\s-]+/)) used.add(w);
  };
  const medium = findMedium(text.toLowerCase());
  if (medium) {
    let said = nameIn(text, [medium.name, medium.name.replace("watercolor", "watercolour")]) ?? medium.name;
    const at = text.toLowerCase().search(new RegExp(`(?<![\\p{L}-])${said.replace(/[-\s]/g, "[- ]")}`, "u"));
    const kind = at > 0 ? MEDIUM_KINDS.exec(text.slice(0, at))?.[1] : undefined;
    if (kind) said = `${kind.trim().toLowerCase()} ${said}`;
    use(said);
    const phrase = MASS_MEDIA.test(said) ? said : withArticle(said);
    items.push(draft("style", `it is ${phrase}`, [said], "style:medium"));
  }
  const lettersOf = /(?<![\p{L}-])in the style of ([\p{L}\s.'-]{2,40}?)(?=[,.;]|$)/iu.exec(text)?.[1]?.trim();
  if (lettersOf) {
    use(`style of ${lettersOf}`);
    items.push(draft("style", `it is in the style of ${lettersOf}`, lettersOf.split(/\s+/), `style:of`));
  }
  const camera = CAMERA.exec(text);
  if (camera) {
    const phrase = camera[0].toLowerCase();
    use(phrase);
    const above = /^(aerial|overhead|top-down|bird)/.test(phrase) && !camera[2];
    const shown = above ? "seen from above" : withArticle(camera[2] ? phrase : `${phrase} shot`);
    items.push(draft("style", `it is ${shown}`, [camera[0]], "style:camera"));
  }
  for (const word of STYLE_WORDS) {
    if (!nameIn(text, [word]) || used.has(word)) continue;
    use(word);
    items.push(draft("style", `the style is ${word}`, [word], `style:${word}`));
  }
  if (nameIn(text, ["black and white", "black-and-white"])) {
    use("black and white");
    items.push(draft("style", "it is in black and white", ["black", "white"], "style:palette"));
  }
  // A moon or stars are things in the picture as well as a time: their words stay for the
  // phrases ("under a full moon"); the time item names night with them.
  const time = TIMES.map((t) => ({ t, name: nameIn(text, t.names) })).find((x) => x.name);
  const sky = NIGHT_SKY.exec(text);
  if (time?.name && !/moon|star/i.test(time.name)) {
    use(time.name);
    items.push(draft("setting", `it is ${time.t.noun}`, [time.name], "time"));
  } else if (sky) {
    const phrase = sky[0].trim();
    const moon = /moon/i.test(phrase) && !/moon(lit|light)/i.test(phrase);
    const said = moon ? `it is night, with ${withArticle(phrase)} in the sky` : `it is night (${phrase})`;
    items.push(draft("setting", said, phrase.split(/\s+/), "time"));
  } else if (time?.name) {
    items.push(draft("setting", `it is ${time.t.noun}`, time.name.split(/\s+/), "time"));
  }
  const weather = WEATHER.map((w) => ({ w, name: nameIn(text, w.names) })).find((x) => x.name);
  if (weather?.name) {
    use(weather.name);
    const adjective = /(y|ed|cast|less|swept)$/.test(weather.name);
    items.push(
      draft(
        "setting",
        adjective ? `the weather is ${weather.name}` : `there is ${weather.name}`,
        [weather.name],
        "weather",
      ),
    );
  }
  const season = SEASONS.map((s) => ({ s, name: nameIn(text, s.names) })).find((x) => x.name);
  if (season?.name) {
    use(season.name);
    items.push(draft("setting", `it is ${season.s.key}`, [season.name], "season"));
  }
  return { items, used };
}

function tokens(clause: string): Token[] {
  return (clause.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((word) => ({
    word,
    lower: word.toLowerCase(),
  }));
}

/** The phrase's noun (its trailing words) and the attributes before it ("red", "old"). */
function split(p: Phrase): { attrs: string[]; noun: string; head: string } {
  const words = [...p.words];
  const attrs: string[] = [];
  while (words.length > 1 && isAdjective(words[0] as string)) attrs.push(words.shift() as string);
  const noun = words.join(" ");
  return { attrs, noun, head: (words[words.length - 1] as string).toLowerCase() };
}

/** Colours replace colours ("make the umbrella blue"); any other attribute stands for itself. */
export function attributeSlot(attr: string, head: string): string {
  const a = attr.toLowerCase();
  return `attr:${singular(head.toLowerCase())}:${COLOR_WORDS.has(a) ? "color" : a}`;
}

const be = (plural: boolean) => (plural ? "are" : "is");

/** Entities, counts, attributes and relations, clause by clause. */
function readPhrases(text: string, used: ReadonlySet<string>, quoted: boolean): SlottedDraft[] {
  const out: SlottedDraft[] = [];
  let anchor: { noun: string; head: string; plural: boolean } | undefined;
  for (const clause of text.split(/[,;.!?:()]|\s[-–—]\s/)) {
    const toks = tokens(clause);
    let phrase: Phrase | undefined;
    let link: Link | undefined;
    const flush = () => {
      const p = phrase;
      phrase = undefined;
      if (!p || p.words.length === 0) return;
      const { attrs, noun, head } = split(p);
      if (VAGUE.has(head) || isAdjective(head) || /^\d+$/.test(head)) return;
      const plural = isPlural(head) || (p.count !== undefined && p.count !== "one");
      const place = PLACES[singular(head)] !== undefined || PLACES[head] !== undefined;
      const sky = SKY.has(head);
      const shown = [p.det, p.count, ...p.words].filter(Boolean).join(" ");
      const slotHead = singular(head);
      if (link && anchor && !LOOSE_PREPS.has(link.word) && !QUOTE_VERBS.has(link.word)) {
        const subject = `the ${anchor.noun}`;
        if (place && link.kind === "prep") {
          out.push(
            draft(
              "setting",
              `the scene is set ${link.word} ${p.det || p.count ? shown : withArticle(shown)}`,
              p.words,
              "place",
            ),
          );
        } else {
          const verb =
            link.kind === "prep"
              ? link.word === "with"
                ? anchor.plural
                  ? "have"
                  : "has"
                : `${be(anchor.plural)} ${link.word}`
              : link.word.endsWith("ing")
                ? `${be(anchor.plural)} ${link.word}`
                : link.word;
          const object = p.det || p.count ? shown : plural ? shown : withArticle(shown);
          out.push(
            draft(
              "relation",
              `${subject} ${verb} ${object}`,
              [anchor.head, link.word, ...p.words],
              `rel:${singular(anchor.head)}:${link.word}`,
            ),
          );
        }
      } else if (place) {
        out.push(draft("setting", `the scene is ${p.det ? shown : withArticle(shown)}`, p.words, "place"));
      } else if (!sky) {
        if ((p.count && NUMBERS[p.count] !== undefined) || (p.count && /^\d+$/.test(p.count))) {
          out.push(
            draft(
              "count",
              `there ${be(plural)} exactly ${p.count} ${noun}`,
              [p.count, ...noun.split(" ")],
              `count:${slotHead}`,
            ),
          );
        } else if (!link || LOOSE_PREPS.has(link.word) || !anchor) {
          out.push(
            draft(
              "entity",
              `there ${be(plural)} ${plural || MASS.has(head) ? noun : withArticle(noun)}`,
              noun.split(" "),
              `entity:${slotHead}`,
            ),
          );
        }
      }
      if (!place && !sky) {
        for (const attr of attrs) {
          out.push(
            draft(
              "attribute",
              `the ${noun} ${be(plural)} ${attr}`,
              [attr, ...noun.split(" ")],
              attributeSlot(attr, head),
            ),
          );
        }
      }
      if (!place && !sky && (!link || !anchor)) anchor = { noun, head, plural };
      link = undefined;
    };
    for (let i = 0; i < toks.length; i++) {
      const { word, lower } = toks[i] as Token;
      const rest = toks
        .slice(i, i + 5)
        .map((t) => t.lower)
        .join(" ");
      const multi = MULTI_PREPS.find((m) => rest === m || rest.startsWith(`${m} `));
      if (multi) {
        flush();
        link = { kind: "prep", word: multi };
        i += multi.split(" ").length - 1;
      } else if (used.has(lower) && !SKY.has(lower)) {
        flush();
      } else if (/^\d+(girl|boy)s?$/.test(lower)) {
        // Booru people tags: "1girl", "2boys".
        flush();
        const n = Number.parseInt(lower, 10);
        const who = lower.replace(/^\d+/, "").replace(/s$/, "");
        out.push(
          draft("count", `there ${be(n !== 1)} exactly ${n} ${n === 1 ? who : `${who}s`}`, [word], `count:${who}`),
        );
      } else if (NUMBERS[lower] !== undefined || /^\d{1,3}$/.test(lower)) {
        flush();
        phrase = { count: lower, words: [] };
      } else if (lower === "a" || lower === "an" || lower === "the") {
        flush();
        phrase = { det: lower, words: [] };
      } else if (PREPS.has(lower)) {
        flush();
        link = { kind: "prep", word: lower };
      } else if (lower === "and" || lower === "or" || lower === "&") {
        flush();
        link = undefined;
      } else if (GRADES.has(lower)) {
        // "more dramatic light": a grade, never part of a thing.
      } else if (
        VERBS.has(lower) ||
        QUOTE_VERBS.has(lower) ||
        (lower.length > 4 &&
          lower.endsWith("ing") &&
          !ING_NOUNS.has(lower) &&
          !(phrase && phrase.words.length === 0 && phrase.det))
      ) {
        const hadPhrase = phrase !== undefined && phrase.words.length > 0;
        flush();
        if (hadPhrase || anchor) link = { kind: "verb", word: lower };
        // "a fox sleeping": a doing with no object is a state of the fox.
        const next = toks[i + 1]?.lower;
        if (anchor && (!next || PREPS.has(next)) && !(quoted && QUOTE_VERBS.has(lower))) {
          out.push(
            draft(
              "attribute",
              `the ${anchor.noun} ${be(anchor.plural)} ${word}`,
              [word, anchor.head],
              `attr:${singular(anchor.head)}:${lower}`,
            ),
          );
          link = undefined;
        }
      } else if (STOP_WORDS.has(lower)) {
        if (phrase && phrase.words.length > 0) flush();
      } else {
        phrase ??= { words: [] };
        phrase.words.push(word);
      }
    }
    flush();
  }
  return out;
}

/** Another language (its glue words, or another script, and no English glue): shown whole rather than misread. */
function foreign(text: string): boolean {
  const all = tokens(text);
  if (all.length < 2 || all.some((t) => STOP_WORDS.has(t.lower) || NUMBERS[t.lower])) return false;
  return all.some((t) => FOREIGN_GLUE.has(t.lower)) || /[^\p{Script=Latin}\p{N}\p{P}\p{S}\s]/u.test(text);
}

/** Every demand the text makes, in reading order: things first, then lettering, style and setting. */
export function readDemands(text: string): SlottedDraft[] {
  const clean = text.replace(/\s+/g, " ").trim();
  if (!clean) return [];
  const quotes = readQuotes(clean);
  const blanked = blankQuotes(clean);
  if (foreign(blanked)) {
    const shown = blanked.replace(/\s+/g, " ").trim();
    return [
      ...quotes,
      draft(
        "entity",
        `the picture shows ${shown}`.slice(0, 200),
        tokens(blanked).map((t) => t.word),
        "whole",
      ),
    ];
  }
  const whole = readWhole(blanked);
  const things = readPhrases(blanked, whole.used, quotes.length > 0);
  return [...things, ...quotes, ...whole.items];
}
