import { withArticle } from "../english";
import { tokenize } from "../tokens";
import { PART_WORDS } from "../../anatomy";
import { COLOR_WORDS } from "../vocab/colors";
import { moodFor } from "../vocab/moods";
import { hasWord, isContentWord, isPlural, PREPOSITIONS, words } from "../words";
import { type EditContext, quote } from "./context";
import { everySegment, fullText, type Segment } from "./doc";
import { addSegment } from "./doc-ops";

/**
 * "add a lantern", and instructions we don't recognise ("give the fox a scarf", "like a
 * dream"): their words are woven into the opening, where the subject is, never dropped.
 */

const MASS =
  /^(snow|rain|fog|mist|smoke|steam|light|water|grass|sand|dust|fire|magic|color|colour|text|glitter|sparkles?)$/i;

/** "lantern" → "a lantern"; leaves "fireflies", "some moss", "the moon", "in the rain" alone. */
function asNounPhrase(text: string): string {
  const tokens = tokenize(text);
  const first = tokens[0];
  if (!first || !isContentWord(first.text) || /^\d/.test(first.text)) return text;
  const last = tokens[tokens.length - 1];
  if (!last || isPlural(last.text) || MASS.test(last.text) || tokens.length > 4) return text;
  return withArticle(text);
}

/** Puts a phrase into the opening: "with a lantern", or as is when it has its own glue ("like a dream"). */
function weave(ctx: EditContext, phrase: string): string {
  const first = tokenize(phrase)[0];
  const glued =
    first && (PREPOSITIONS.has(first.lower) || /^(like|as|while|holding|wearing|carrying)$/i.test(first.text));
  const text = ctx.doc.dialect === "tags" ? phrase : glued ? phrase : `with ${asNounPhrase(phrase)}`;
  addSegment(ctx.doc, "lead", text, ctx.doc.dialect === "tags" ? 1.1 : undefined);
  return text;
}

export function applyAdd(ctx: EditContext, target: string): void {
  const text = weave(
    ctx,
    target.replace(/^(some|more)\s+/i, (m) => (m.toLowerCase().startsWith("some") ? m : "")).trim(),
  );
  ctx.notes.push(`Added ${quote(text)}.`);
}

const COMMAND_VERBS =
  /^(please\s+)?(make|let|have|give|put|show|turn|set|change|use|include|add|place|try|render|draw|paint|can you|could you)\b\s*/i;
const PRONOUN = /^(it|him|her|them|this|that|everything|the scene|the image|the picture)\b\s*/i;

/** What an unrecognised instruction asks for, minus the command words and what is already there. */
export function instructionPhrase(instruction: string, prompt: string): string {
  const text = instruction
    .trim()
    .replace(/[.!]+$/, "")
    .replace(COMMAND_VERBS, "")
    .replace(PRONOUN, "");
  const tokens = tokenize(text);
  // "give the fox a scarf": the fox is already in the prompt; what is new is the scarf.
  let cut = 0;
  while (cut < tokens.length - 1) {
    const t = tokens[cut] as { text: string; lower: string };
    const glue = PREPOSITIONS.has(t.lower) || /^(like|as)$/.test(t.lower);
    const known =
      isContentWord(t.text) && hasWord(prompt, t.text) && tokens.slice(cut + 1).some((n) => isContentWord(n.text));
    if (glue || (isContentWord(t.text) && !known)) break;
    cut++;
  }
  return text.slice(tokens[cut]?.start ?? 0).trim();
}

/** "make the fox fluffy": a verb that changes a named thing into something, not a thing to add. */
const CHANGE_VERB = /^(?:please\s+)?(?:make|turn|render|change|let)\b/i;

/** Words that describe and cannot stand alone as a thing to add ("with a black", "with a fluffy"). */
function onlyDescribes(phrase: string): boolean {
  const content = words(phrase).filter(isContentWord);
  return content.length > 0 && content.every((w) => COLOR_WORDS.has(w.toLowerCase()) || moodFor(w) !== undefined);
}

/**
 * The first thing the instruction names that the prompt already holds ("the fox" in "give the
 * fox a scarf"): the thing it changes. Undefined when it names nothing there.
 */
function namedThing(ctx: EditContext, instruction: string, phrase: string): Segment | undefined {
  const head = instruction.slice(0, Math.max(0, instruction.toLowerCase().lastIndexOf(phrase.toLowerCase())));
  const named = words(head).filter((w) => isContentWord(w) && !COMMAND_VERBS.test(w) && !PRONOUN.test(w));
  for (const w of named) {
    const found = everySegment(ctx.doc).find((l) => hasWord(l.seg.text, w));
    if (found) return found.seg;
  }
  return undefined;
}

/**
 * An instruction no edit recognises. Its words are woven in when they make a thing to add
 * ("give the fox a scarf" → "with a scarf"); otherwise it is declined with a note, since
 * splicing in what is left ("with a black") would only break the prompt.
 */
export function applyUnrecognised(ctx: EditContext, instruction: string): boolean {
  const phrase = instructionPhrase(instruction, fullText(ctx.doc));
  if (!phrase?.split(/\s+/).some(isContentWord)) {
    ctx.notes.push(`Found nothing to change in ${quote(instruction)}.`);
    return false;
  }
  const thing = namedThing(ctx, instruction.trim(), phrase);
  if (thing?.verbatim) {
    ctx.notes.push(
      `${quote(thing.text)} is your own prompt syntax, kept as typed, so ${quote(instruction)} was not applied to it; change it in the Prompt box.`,
    );
    return false;
  }
  if (thing?.frozen && thing.part) {
    ctx.notes.push(
      `The ${PART_WORDS[thing.part]} is locked, so it was kept word for word instead of applying ${quote(instruction)}.`,
    );
    return false;
  }
  // "make the fox fluffy", "make it sparkle": what follows the thing describes it; it is not a thing to add.
  const complement =
    CHANGE_VERB.test(instruction.trim()) && words(phrase).length <= 2 && !/^(?:a|an|some|the)\s/i.test(phrase);
  if (complement || onlyDescribes(phrase)) {
    ctx.notes.push(
      `Could not apply ${quote(instruction)}: the offline refiner does not know that change, so the prompt was left as it was. Edit the prompt by hand, or ask for a colour, light, time of day, weather, season, mood, framing, medium or palette.`,
    );
    return false;
  }
  const text = weave(ctx, phrase);
  ctx.notes.push(`Did not recognise ${quote(instruction)} as a known edit, so wove its words in: ${quote(text)}.`);
  return true;
}
