import type { PromptBudget } from "../../types";
import { withinBudget } from "../budget";
import { type Category, classify } from "./classify";
import { allSegments, type Doc, isLocked, renderDoc } from "./doc";

/**
 * Fits an edited prompt to the budget by dropping whole segments, least important first
 * (quality tags, then finishing detail...). Never what the idea said, never what the
 * instruction just asked for.
 */
const PRIORITY: Record<Category, number> = {
  quality: 0,
  detail: 1,
  other: 2,
  palette: 3,
  framing: 4,
  mood: 5,
  light: 6,
  medium: 7,
};

/** `finish` gives the text as it will be sent (quotes restored, parameters appended), which the budget counts. */
export function fitDoc(
  doc: Doc,
  budget: PromptBudget | undefined,
  finish: (text: string) => string = (t) => t,
): { text: string; dropped: Category[] } {
  const dropped: Category[] = [];
  let text = renderDoc(doc);
  while (!withinBudget(finish(text), budget)) {
    const candidates = allSegments(doc)
      .filter((l) => !l.seg.added && !isLocked(doc, l))
      .map((l, order) => ({ l, order, rank: PRIORITY[classify(l.seg.text)] }))
      .sort((a, b) => a.rank - b.rank || b.order - a.order);
    const victim = candidates[0];
    if (!victim) break;
    const group = doc.groups[victim.l.group];
    group?.splice(group.indexOf(victim.l.seg), 1);
    doc.groups = doc.groups.filter((g) => g.length > 0);
    const category = classify(victim.l.seg.text);
    if (!dropped.includes(category)) dropped.push(category);
    text = renderDoc(doc);
  }
  return { text, dropped };
}
