import type { PromptVersion } from "@/lib/schemas/entities";

/** v1, v2… in the order versions were made (ids and times sort by creation). */
export function versionNumbers(versions: readonly PromptVersion[]): Map<string, number> {
  const sorted = [...versions].sort(byCreated);
  return new Map(sorted.map((v, i) => [v.id, i + 1]));
}

export function byCreated(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;
}

export type VersionNode = { version: PromptVersion; children: VersionNode[] };

/** The versions of one idea as a tree: each under its parent, roots oldest first. */
export function versionTree(versions: readonly PromptVersion[]): VersionNode[] {
  const sorted = [...versions].sort(byCreated);
  const nodes = new Map(sorted.map((v) => [v.id, { version: v, children: [] as VersionNode[] }]));
  const roots: VersionNode[] = [];
  for (const v of sorted) {
    const node = nodes.get(v.id);
    if (!node) continue;
    const parent = v.parentId ? nodes.get(v.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** "Refined", "Edited", or "Imported" for an edit with no parent (a prompt brought in from an image). */
export function sourceLabel(v: Pick<PromptVersion, "source"> & { parentId?: string | null }): string {
  if (v.source !== "edit") return "Refined";
  return v.parentId === null ? "Imported" : "Edited";
}
