import type { PromptVersion } from "@/lib/schemas/entities";

/** v1, v2… in the order versions were made (ids and times sort by creation). */
export function versionNumbers(versions: readonly PromptVersion[]): Map<string, number> {
  const sorted = [...versions].sort(byCreated);
  return new Map(sorted.map((v, i) => [v.id, i + 1]));
}

export function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;
}

type TreeRow = Pick<PromptVersion, "id" | "parentId" | "createdAt">;
export type TreeNode<V extends TreeRow> = { version: V; children: TreeNode<V>[] };
export type VersionNode = TreeNode<PromptVersion>;

/**
 * The versions of one idea as a forest: each under its parent, siblings and roots oldest first.
 * An idea may have several roots (candidates for a new idea). A version whose parent is not
 * among the rows (deleted, or not loaded) becomes a root rather than vanishing, and rows that
 * would make a cycle are cut at the first repeat, so every version always shows exactly once.
 */
export function versionTree<V extends TreeRow>(versions: readonly V[]): TreeNode<V>[] {
  const sorted = [...versions].sort(byCreated);
  const nodes = new Map<string, TreeNode<V>>();
  for (const v of sorted) if (!nodes.has(v.id)) nodes.set(v.id, { version: v, children: [] });
  const parentOf = new Map<string, string>();
  for (const node of nodes.values()) {
    const v = node.version;
    if (v.parentId && nodes.has(v.parentId) && !reaches(parentOf, v.parentId, v.id)) parentOf.set(v.id, v.parentId);
  }
  const roots: TreeNode<V>[] = [];
  for (const node of nodes.values()) {
    const parentId = parentOf.get(node.version.id);
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether walking up from `from` through the links made so far arrives at `target`. */
function reaches(parentOf: Map<string, string>, from: string, target: string): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = from; at !== undefined && !seen.has(at); at = parentOf.get(at)) {
    if (at === target) return true;
    seen.add(at);
  }
  return false;
}

/** The tree in reading order (depth first, oldest first), with each node's depth. */
export function flattenTree<V extends TreeRow>(roots: readonly TreeNode<V>[]): { version: V; depth: number }[] {
  const out: { version: V; depth: number }[] = [];
  const walk = (nodes: readonly TreeNode<V>[], depth: number) => {
    for (const n of nodes) {
      out.push({ version: n.version, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/**
 * How a version came to be: "Refined" (from an idea, or with an instruction), "Restyled"
 * (refined from a parent with only a new style), "Edited" (by hand), or "Imported" (a prompt
 * brought in from elsewhere with no parent), or "Fixed" (a round of Fix misses).
 */
export function sourceLabel(
  v: Pick<PromptVersion, "source"> & { parentId?: string | null; instruction?: string | null },
): string {
  if (v.source === "edit") return v.parentId === null ? "Imported" : "Edited";
  if (v.source === "verbatim") return "As written";
  // A round of Fix misses: refined with an instruction naming what the judge found missing.
  if (v.source === "fix") return "Fixed";
  if (v.parentId && v.instruction === null) return "Restyled";
  return "Refined";
}
