import { type CheckItem, type CheckKind, MAX_CHECKS } from "@/lib/schemas/checks";

/** A checklist item before it has its id (a chat model's answer, a person's new item). */
export type DraftCheck = { id?: string; text: string; kind: CheckKind; words?: readonly string[] };

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Ids are ours, never the writer's: an item keeps a valid id it already has (so a judge's answer
 * about "c2" still names the same item after an edit), and a new one gets the next free c1, c2…
 * Empty and repeated statements go; at most MAX_CHECKS stay. Client-safe and pure.
 */
export function numberChecks(items: readonly DraftCheck[]): CheckItem[] {
  const kept: DraftCheck[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const text = item.text.replace(/\s+/g, " ").trim().slice(0, 200);
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    kept.push({ ...item, text });
    if (kept.length === MAX_CHECKS) break;
  }
  const used = new Set<string>();
  for (const item of kept) if (item.id && ID.test(item.id)) used.add(item.id);
  // New items number on from the highest kept one, so a replaced item's id is never reused.
  let next = 1 + Math.max(0, ...[...used].map((id) => Number(/^c(\d+)$/.exec(id)?.[1] ?? 0)));
  const taken = new Set<string>();
  return kept.map((item) => {
    let id = item.id && ID.test(item.id) && !taken.has(item.id) ? item.id : undefined;
    while (!id) {
      const candidate = `c${next++}`;
      if (!used.has(candidate) && !taken.has(candidate)) id = candidate;
    }
    taken.add(id);
    const words = (item.words ?? [])
      .map((w) => w.slice(0, 80))
      .filter(Boolean)
      .slice(0, 12);
    return { id, text: item.text, kind: item.kind, words };
  });
}
