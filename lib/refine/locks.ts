import { guessDialect } from "@/lib/prompt-formats/guess-dialect";
import type { Dialect } from "@/lib/schemas/common";
import { PART_NAMES, type PartName, type PromptParts } from "@/lib/schemas/entities";
import { locateText, PART_WORDS, resolveParts, unweighted } from "./anatomy";
import type { RefinedPrompt } from "./types";

/**
 * Locked parts come back word for word, whatever the refiner wrote. A pure safety net run
 * after a refinement: a chat model may paraphrase a locked phrase, and the offline refiner
 * may lose one to a dialect change. Each restoration is noted.
 */

function replaceFirst(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  return at < 0 ? text : `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

/** The prompt with `text` put where its part belongs, when nothing in the prompt stood for it. */
function insertPart(prompt: string, name: PartName, text: string, dialect: Dialect): string {
  const body = prompt.trim();
  if (!body) return text;
  if (dialect === "tags") {
    const tags = body.replace(/,\s*$/, "");
    if (name === "subject") return `${text}, ${tags}`;
    if (name === "setting") {
      const comma = tags.indexOf(",");
      return comma < 0 ? `${tags}, ${text}` : `${tags.slice(0, comma)}, ${text}${tags.slice(comma)}`;
    }
    return `${tags}, ${text}`;
  }
  if (name === "subject") return `${text}${/[.!?]$/.test(text) ? "" : "."} ${body}`;
  if (name === "setting") {
    // Into the first sentence, where the prompt says what and where.
    const end = /[.!?](?=\s|$)/.exec(body);
    const at = end ? end.index : body.length;
    return `${body.slice(0, at)}, ${text}${body.slice(at)}`;
  }
  // Anything else joins the last sentence, before its full stop.
  const stop = /[.!?]$/.test(body) ? body.length - 1 : body.length;
  return `${body.slice(0, stop)}, ${text}${body.slice(stop) || "."}`;
}

function enforceNegative(negative: string, current: string | undefined, text: string): string {
  if (negative.includes(text)) return negative;
  if (current && negative.includes(current)) return replaceFirst(negative, current, text);
  const loose = locateText(negative, text);
  if (loose) return replaceFirst(negative, loose, text);
  return negative.trim() ? `${text}, ${negative.trim()}` : text;
}

/**
 * `refined` with every locked part of `parentParts` present word for word: the refiner's text
 * for that part is swapped for the locked one when it is in the prompt, else a looser match
 * is, else the locked text is inserted where its part belongs for the dialect. Other parts
 * are kept only while they are still in the prompt.
 */
export function enforceLocks(
  refined: RefinedPrompt,
  parentParts: PromptParts | null | undefined,
  locks: readonly PartName[] | null | undefined,
  dialect?: Dialect,
): RefinedPrompt {
  if (!parentParts || !locks || locks.length === 0) return refined;
  const form = dialect ?? guessDialect(refined.prompt);
  const locked = PART_NAMES.filter((n) => locks.includes(n))
    .map((name) => {
      const raw = parentParts[name]?.trim();
      // Weight syntax means nothing in prose: the words are what is kept.
      const text = raw && form === "prose" && name !== "negative" ? unweighted(raw) : raw;
      return { name, text };
    })
    .filter((l): l is { name: PartName; text: string } => Boolean(l.text));
  if (locked.length === 0) return refined;

  let prompt = refined.prompt;
  let negative = refined.negativePrompt ?? "";
  const notes = [...refined.notes];
  const restored = new Set<PartName>();

  // Twice: restoring one part by replacement could, in theory, overwrite another locked one.
  for (let pass = 0; pass < 2; pass++) {
    for (const { name, text } of locked) {
      if (name === "negative") {
        // Prose backends take no negative prompt, so there is nothing to keep it in.
        if (form === "prose" && !negative.trim()) continue;
        const next = enforceNegative(negative, refined.parts.negative, text);
        if (next !== negative) restored.add(name);
        negative = next;
        continue;
      }
      if (prompt.includes(text)) continue;
      const current = refined.parts[name];
      const othersInside = (t: string) =>
        locked.some((l) => l.name !== name && l.name !== "negative" && t.includes(l.text));
      if (pass === 0 && current && prompt.includes(current) && !othersInside(current)) {
        prompt = replaceFirst(prompt, current, text);
      } else {
        const loose = locateText(prompt, text);
        prompt =
          loose && !othersInside(loose) ? replaceFirst(prompt, loose, text) : insertPart(prompt, name, text, form);
      }
      restored.add(name);
    }
  }

  const parts: PromptParts = resolveParts(refined.parts, prompt, negative);
  for (const { name, text } of locked) if (name !== "negative" || negative.includes(text)) parts[name] = text;
  for (const name of PART_NAMES) {
    if (restored.has(name)) {
      notes.push(`Restored the locked ${PART_WORDS[name]} word for word: "${parts[name]}".`);
    }
  }
  const out: RefinedPrompt = { ...refined, prompt, parts, notes };
  if (negative.trim()) out.negativePrompt = negative;
  else delete out.negativePrompt;
  return out;
}
