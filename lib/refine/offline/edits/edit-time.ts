import type { PlaceKind } from "../vocab/places";
import { TIME_BOUND_LIGHT, TIMES, type TimeEntry, lightFor } from "../vocab/times";
import { WEATHER } from "../vocab/weather";
import { hasPhrase, phraseRegExp } from "../words";
import { LIGHT_TERMS } from "./classify";
import { type EditContext, quote } from "./context";
import { allSegments, everySegment, fullText, isLocked } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/**
 * "make it night", "at sunset", "golden hour": the new time replaces the old one, in the light
 * as well as in the words, so night never sits beside golden-hour sun.
 */

const TIME_NOUNS =
  "golden hour|blue hour|sunset|sundown|sunrise|dawn|daybreak|dusk|twilight|nightfall|night|nighttime|night-time|midnight|noon|midday|morning|afternoon|evening|daytime";
const TIME_PREP = new RegExp(`\\b(at|in|during|by)\\s+(the\\s+)?(early\\s+|late\\s+)?(${TIME_NOUNS})\\b`, "gi");
const TIME_NOUN = new RegExp(`(?<![\\w-])(${TIME_NOUNS})(?![\\w-])`, "gi");
const TIME_ADJECTIVE = /(?<![\w-])(sunlit|moonlit|starlit|twilit|dawn-lit|sunset-lit|golden-hour)(?![\w-])/gi;
const TIME_LIGHT_NOUN = /(?<![\w-])(sunlight|daylight|sunshine|moonlight|starlight)(?![\w-])/gi;

const TIME_WORDS: readonly string[] = TIMES.flatMap((t) => t.names.flatMap((n) => n.split(/[\s-]+/)));

function lightNoun(time: TimeEntry): string {
  if (time.key === "night") return "moonlight";
  if (time.key === "dusk") return "twilight";
  return "sunlight";
}

/** Swaps time words inside a clause that also holds the idea's words: "a beach at sunset" → "a beach at night". */
export function swapTimeWords(text: string, time: TimeEntry): string {
  let out = text.replace(TIME_PREP, () => time.prep);
  out = out.replace(TIME_ADJECTIVE, time.adjective);
  out = out.replace(TIME_LIGHT_NOUN, lightNoun(time));
  // Only the nouns left over after the phrases above, and not the ones just written.
  const protectedPrep = time.prep;
  return out
    .split(protectedPrep)
    .map((part) => part.replace(TIME_NOUN, time.noun))
    .join(protectedPrep);
}

/** Light that only daytime gives: at dusk or night, a window no longer lights the room. */
const DAY_LIGHT =
  /(?<![\w-])(window light|natural window light|natural light|daylight|bright daylight|sunlit window|sun-dappled|sunbeams?)(?![\w-])/i;

/** Things that put a scene indoors when the idea names no outdoor place ("a cup of coffee on a table"). */
const INDOOR =
  /(?<![\w-])(indoors?|interior|room|windowsill|window light|table|tabletop|desk|counter|countertop|shelf|mantel|still[- ]life|studio backdrop|seamless backdrop|backdrop|kitchen|bedroom|lamplight|candlelight)(?![\w-])/i;

export function placeOf(ctx: EditContext, text: string): PlaceKind | undefined {
  const place = ctx.analysis.place?.entry.kind;
  if (place) return place;
  if (INDOOR.test(text)) return "interior";
  return ctx.analysis.subject?.entry.kind === "person" ? undefined : "nature";
}

export function applyTime(ctx: EditContext, time: TimeEntry): void {
  const { doc } = ctx;
  // Under rain or fog the moon and sun are hidden, so the wet variant of the hour's light is used.
  const text = fullText(doc);
  const placeKind = placeOf(ctx, text);
  const wet = WEATHER.some((w) => w.group === "wet" && w.names.some((n) => hasPhrase(text, n)));
  const newLight = lightFor(time, placeKind, wet);
  const dark = time.key === "night" || time.key === "dusk";
  const replaced: string[] = [];
  let lightDone = false;

  for (const at of allSegments(doc)) {
    const text = at.seg.text;
    const isLight = LIGHT_TERMS.test(text) || at.seg.part === "lighting";
    const dayLight = dark && isLight && DAY_LIGHT.test(text);
    if (!TIME_BOUND_LIGHT.test(text) && !dayLight) continue;
    if (isLight && !isLocked(doc, at, newLight, TIME_WORDS)) {
      replaced.push(text);
      if (!lightDone) {
        replaceSegment(doc, at, newLight);
        lightDone = true;
      } else removeSegment(doc, at.seg);
      continue;
    }
    const swapped = swapTimeWords(text, time);
    if (swapped !== text) {
      replaced.push(text);
      at.seg.text = swapped;
    }
  }
  // Palettes that came from a time of day follow it.
  for (const at of allSegments(doc)) {
    for (const other of TIMES) {
      if (other === time || !hasPhrase(at.seg.text, other.palette.main)) continue;
      at.seg.text = at.seg.text
        .replace(phraseRegExp(other.palette.main), time.palette.main)
        .replace(phraseRegExp(`accents of ${other.palette.accent}`), `accents of ${time.palette.accent}`)
        .replace(phraseRegExp(`${other.palette.accent} accents`), `${time.palette.accent} accents`);
    }
  }

  const said = everySegment(doc).some(
    (l) => time.names.some((n) => hasPhrase(l.seg.text, n)) || hasPhrase(l.seg.text, time.prep),
  );
  if (!said) addSegment(doc, "lead-phrase", doc.dialect === "tags" ? time.noun : time.prep);
  if (!lightDone) addSegment(doc, "light", newLight, doc.dialect === "tags" ? 1.1 : undefined);

  ctx.notes.push(
    replaced.length > 0
      ? `Changed the time of day to ${time.key}: replaced ${replaced.map(quote).join(", ")}; the light is now ${quote(newLight)}.`
      : `Set the time of day to ${time.key}, lit by ${quote(newLight)}.`,
  );
}
