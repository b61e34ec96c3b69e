import { withArticle } from "../english";
import { tokenize } from "../tokens";
import { hasWord, isContentWord, isPlural, PREPOSITIONS } from "../words";
import { type EditContext, quote } from "./context";
import { fullText } from "./doc";
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

export function applyUnrecognised(ctx: EditContext, instruction: string): void {
  const phrase = instructionPhrase(instruction, fullText(ctx.doc));
  if (!phrase?.split(/\s+/).some(isContentWord)) {
    ctx.notes.push(`Found nothing to change in ${quote(instruction)}.`);
    return;
  }
  const text = weave(ctx, phrase);
  ctx.notes.push(`Did not recognise ${quote(instruction)} as a known edit, so wove its words in: ${quote(text)}.`);
}
