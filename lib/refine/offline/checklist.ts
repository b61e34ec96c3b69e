import type { CheckItem } from "@/lib/schemas/checks";
import { numberChecks } from "../check-ids";
import type { RefineInput } from "../types";
import { attributeSlot, readDemands, type SlottedDraft } from "./checklist-read";
import { singular } from "./words";

/*
 * The offline refiner's checklist (issue 11): what the idea demands, read from the idea itself,
 * never from the prompt the refiner wrote. Refining further keeps the parent's items, adds the
 * instruction's new demands, and lets a demand that contradicts an item replace it ("make it one
 * fox" replaces "there are exactly two foxes"); "no moon" or "remove the moon" drops the items
 * that speak of it.
 */

/** The idea's demands, numbered c1, c2… */
export function checklistFromIdea(idea: string): CheckItem[] {
  return numberChecks(readDemands(idea));
}

/** What an item speaks about, read back from its kind and words (a saved item keeps no slot). */
function slotOf(item: CheckItem): string {
  const words = item.words.map((w) => w.toLowerCase());
  const last = singular(words[words.length - 1] ?? "");
  switch (item.kind) {
    case "count":
      return `count:${last}`;
    case "entity":
      return `entity:${last}`;
    case "attribute":
      return attributeSlot(words[0] ?? "", last);
    case "relation":
      return `rel:${singular(words[0] ?? "")}:${words[1] ?? ""}`;
    case "text":
      return words.length > 1 ? `text:${singular(words[1] as string)}` : `text:${words[0] ?? ""}`;
    default: {
      const again = readDemands(item.words.join(" ")).find((d) => d.kind === item.kind);
      return again?.slot ?? `${item.kind}:${words.join(" ")}`;
    }
  }
}

/** The noun an item is about, for a removal ("no moon") and a count that replaces an entity. */
function mentions(item: CheckItem, noun: string): boolean {
  return item.words.some((w) => singular(w.toLowerCase()) === noun);
}

const COMMAND =
  /^(?:please\s+)?(?:(?:make|turn|change|set|put|show|add|include|give|paint|colou?r|let)\s+)?(?:(?:it|them|this|everything|the (?:image|picture|scene))\s+)?(?:(?:into|to|as|be|have|with)\s+)?/i;
const REMOVE =
  /^(?:please\s+)?(?:remove|drop|delete|lose|take out|get rid of|without|no|not|no more)\s+(?:the\s+|any\s+|a\s+|an\s+)?([\p{L}\s-]+?)\s*[.!]?$/iu;

/** "make the umbrella blue": a noun given a new attribute. */
const RECOLOR = /^(?:make|turn|paint|colou?r)\s+(?:the\s+)?([\p{L}-]+(?:\s[\p{L}-]+)?)\s+([\p{L}-]+)\s*[.!]?$/iu;

function instructionDemands(instruction: string): SlottedDraft[] {
  const recolor = RECOLOR.exec(instruction.trim());
  if (recolor && !/^(it|them|this|everything)$/i.test(recolor[1] as string)) {
    const read = readDemands(`${recolor[2]} ${recolor[1]}`).filter((d) => d.kind === "attribute");
    if (read.length > 0) return read;
  }
  return readDemands(instruction.trim().replace(COMMAND, ""));
}

/** The parent's checklist after an instruction: kept, replaced where contradicted, added to. */
export function checklistAfterInstruction(parent: readonly CheckItem[], instruction: string): CheckItem[] {
  const removed = REMOVE.exec(instruction.trim());
  if (removed) {
    const noun = singular((removed[1] as string).trim().split(/\s+/).pop()?.toLowerCase() ?? "");
    return numberChecks(parent.filter((item) => !mentions(item, noun)));
  }
  const items: Array<CheckItem | SlottedDraft> = [...parent];
  const slots = parent.map(slotOf);
  for (const demand of instructionDemands(instruction)) {
    const at = slots.indexOf(demand.slot);
    const { slot: _slot, ...item } = demand;
    if (at >= 0) {
      // The instruction says otherwise: the new demand takes the old one's place, with a new id.
      items[at] = { ...item, slot: demand.slot };
      continue;
    }
    if (demand.kind === "count") {
      // A count now stands for the thing itself ("there is a fox" → "there is exactly one fox").
      const entity = slots.indexOf(demand.slot.replace("count:", "entity:"));
      if (entity >= 0) {
        items[entity] = { ...item, slot: demand.slot };
        slots[entity] = demand.slot;
        continue;
      }
    }
    if (demand.kind === "entity" && slots.includes(demand.slot.replace("entity:", "count:"))) continue;
    items.push({ ...item, slot: demand.slot });
    slots.push(demand.slot);
  }
  return numberChecks(items.map((i) => ("slot" in i ? { text: i.text, kind: i.kind, words: i.words } : i)));
}

/**
 * The checklist for one offline refinement. A version with none yet (made before checklists
 * existed) gets its idea's; a restyle or a direction keeps the parent's as they are.
 */
export function offlineChecklist(input: Pick<RefineInput, "idea" | "parent" | "instruction">): CheckItem[] {
  const inherited = input.parent?.checks;
  const base = inherited && inherited.length > 0 ? [...inherited] : checklistFromIdea(input.idea ?? "");
  const instruction = input.instruction?.trim();
  return instruction ? checklistAfterInstruction(base, instruction) : base;
}
