/**
 * The fake "model"'s checklist (issue 11): the idea's demands, read as simply as a test needs.
 * Each clause of the idea is one item ("two red foxes" → a count), quoted words a text item; a
 * revision keeps <current_checks>, replaces a count the instruction changes ("make it one fox")
 * and adds one item for any other instruction. With FAKE_NO_CHECKS in the idea or instruction it
 * writes none at all, as an older model would: the key is left out of the answer.
 */
import type { FakePromptInput } from "./prompt-writer";

export type FakeCheck = { text: string; kind: string; words: string[] };

export const FAKE_NO_CHECKS = "FAKE_NO_CHECKS";

const NUMBERS = "one two three four five six seven eight nine ten".split(" ");
const QUOTED = /"([^"]+)"|“([^”]+)”/g;

const wordsOf = (text: string) => text.match(/[\p{L}\p{N}'-]+/gu) ?? [];

function fromIdea(idea: string): FakeCheck[] {
  const items: FakeCheck[] = [];
  for (const m of idea.matchAll(QUOTED)) {
    const exact = (m[1] ?? m[2] ?? "").trim();
    if (exact) items.push({ text: `the text “${exact}” appears, spelled exactly`, kind: "text", words: [exact] });
  }
  const unquoted = idea.replace(QUOTED, " ");
  for (const clause of unquoted.split(/[,;]|\band\b/)) {
    const text = clause.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const first = text.split(" ")[0]?.toLowerCase() ?? "";
    items.push(
      NUMBERS.includes(first) && first !== "one"
        ? { text: `there are exactly ${text}`, kind: "count", words: wordsOf(text).slice(0, 12) }
        : { text: `the picture shows ${text}`.slice(0, 200), kind: "entity", words: wordsOf(text).slice(0, 12) },
    );
  }
  return items.slice(0, 16);
}

/** "count: there are exactly two foxes" lines, as the app sends them. */
function currentChecks(text: string): FakeCheck[] {
  return text.split("\n").flatMap((line) => {
    const m = /^([a-z]+):\s*(.+)$/.exec(line.trim());
    return m?.[1] && m[2] ? [{ kind: m[1], text: m[2], words: [] }] : [];
  });
}

export function writeFakeChecks(input: FakePromptInput): FakeCheck[] | undefined {
  if (`${input.idea} ${input.instruction ?? ""}`.includes(FAKE_NO_CHECKS)) return undefined;
  if (!input.instruction) return fromIdea(input.idea);
  const items = input.currentChecks ? currentChecks(input.currentChecks) : fromIdea(input.idea);
  const count = /\bmake it (one|two|three|four|five) ([\p{L}-]+)/iu.exec(input.instruction);
  if (count?.[1] && count[2]) {
    const noun = count[2].toLowerCase().replace(/e?s$/, "");
    const n = count[1].toLowerCase();
    const item = {
      text: `there ${n === "one" ? "is" : "are"} exactly ${n} ${count[2]}`,
      kind: "count",
      words: [n, count[2]],
    };
    const at = items.findIndex((c) => c.kind === "count" && c.text.toLowerCase().includes(noun));
    if (at >= 0) items[at] = item;
    else items.push(item);
    return items.slice(0, 16);
  }
  items.push({
    text: `the picture shows ${input.instruction}`.slice(0, 200),
    kind: "attribute",
    words: wordsOf(input.instruction).slice(0, 12),
  });
  return items.slice(0, 16);
}
