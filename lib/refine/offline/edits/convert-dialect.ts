import type { Dialect } from "@/lib/schemas/common";
import { capitalize, decapitalize, polishProse } from "../english";
import { joinTags, parseTags, type Tag } from "../tags";
import { QUALITY_TAGS } from "../vocab/craft";
import { PREPOSITIONS } from "../words";
import { classify } from "./classify";
import { parseDoc } from "./doc";

/**
 * When a version is refined for a backend that speaks the other dialect, its prompt is first
 * rewritten: prose clauses become tags, or tags become plain sentences. A fallback, so edits
 * have something to work on; a fresh refine writes either dialect better.
 */
const CONNECTOR =
  /^(lit by|bathed in|captured as|rendered as|shot as|painted as|drawn as|finished with|rich detail throughout with|the mood is|the scene feels|and the whole scene feels|for|with|in)\s+/i;

function proseToTags(prompt: string, subjectHead: string | undefined): string {
  const doc = parseDoc(prompt, "prose", []);
  const tags: Tag[] = doc.groups.flat().map((seg, i) => {
    const text = decapitalize(
      seg.text
        .replace(CONNECTOR, "")
        .replace(/^(a|an|the)\s+/i, "")
        .trim(),
    );
    const isSubject = i === 0 && subjectHead !== undefined && text.toLowerCase().includes(subjectHead.toLowerCase());
    return { text, ...(isSubject ? { weight: 1.2 } : {}) };
  });
  return joinTags([...tags, ...QUALITY_TAGS.map((q) => ({ text: q }))]);
}

function tagsToProse(prompt: string): string {
  const tags = parseTags(prompt).filter((t) => classify(t.text) !== "quality");
  let lead = tags[0]?.text ?? "";
  let i = 1;
  // "red fox", "in the snow" read as one phrase.
  while (i < tags.length && PREPOSITIONS.has((tags[i]?.text.split(/\s+/)[0] ?? "").toLowerCase())) {
    lead += ` ${tags[i]?.text}`;
    i++;
  }
  const rest = tags.slice(i).map((t) => t.text);
  const sentences = [capitalize(lead)];
  if (rest.length > 0) sentences.push(capitalize(rest.join(", ")));
  return polishProse(sentences.map((s) => `${s}.`).join(" "));
}

export function convertDialect(prompt: string, from: Dialect, to: Dialect, subjectHead?: string): string {
  if (from === to) return prompt;
  return to === "tags" ? proseToTags(prompt, subjectHead) : tagsToProse(prompt);
}
