import { describe, expect, it } from "vitest";
import { flattenTree, sourceLabel, type TreeNode, versionNumbers, versionTree } from "@/lib/client/versions";

type Row = { id: string; parentId: string | null; createdAt: string };
const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString();
const row = (id: string, parentId: string | null, s: number): Row => ({ id, parentId, createdAt: at(s) });

/** The forest as nested arrays of ids, for readable assertions. */
function shape(nodes: TreeNode<Row>[]): unknown[] {
  return nodes.map((n) => (n.children.length ? [n.version.id, shape(n.children)] : n.version.id));
}

describe("versionTree", () => {
  it("nests branches under their parent, oldest first, whatever the row order", () => {
    const rows = [row("v4", "v1", 4), row("v2", "v1", 2), row("v1", null, 1), row("v3", "v2", 3), row("v5", "v1", 5)];
    expect(shape(versionTree(rows))).toEqual([["v1", [["v2", ["v3"]], "v4", "v5"]]]);
  });

  it("keeps several roots (candidates of a new idea) in creation order", () => {
    const rows = [row("b", null, 2), row("a", null, 1), row("c", null, 3), row("b1", "b", 4)];
    expect(shape(versionTree(rows))).toEqual(["a", ["b", ["b1"]], "c"]);
  });

  it("makes a root of a version whose parent is missing, with its own children under it", () => {
    const rows = [row("v1", null, 1), row("orphan", "gone", 2), row("child", "orphan", 3)];
    expect(shape(versionTree(rows))).toEqual(["v1", ["orphan", ["child"]]]);
  });

  it("never loses a version to a cycle or a self-parent in bad rows", () => {
    const rows = [row("a", "b", 1), row("b", "a", 2), row("self", "self", 3)];
    const flat = flattenTree(versionTree(rows)).map((r) => r.version.id);
    expect(flat.sort()).toEqual(["a", "b", "self"]);
    expect(versionTree([])).toEqual([]);
  });

  it("ties on time fall back to id order, and numbers follow the same order", () => {
    const rows = [row("b", null, 1), row("a", null, 1)];
    expect(shape(versionTree(rows))).toEqual(["a", "b"]);
  });

  it("flattens depth first with depths", () => {
    const rows = [row("v1", null, 1), row("v2", "v1", 2), row("v3", "v2", 3), row("v4", "v1", 4)];
    expect(flattenTree(versionTree(rows)).map((r) => `${r.version.id}@${r.depth}`)).toEqual([
      "v1@0",
      "v2@1",
      "v3@2",
      "v4@1",
    ]);
  });
});

describe("sourceLabel and numbers", () => {
  it("says how a version came to be", () => {
    expect(sourceLabel({ source: "refine", parentId: null, instruction: null })).toBe("Refined");
    expect(sourceLabel({ source: "refine", parentId: "p", instruction: "at night" })).toBe("Refined");
    expect(sourceLabel({ source: "refine", parentId: "p", instruction: null })).toBe("Restyled");
    expect(sourceLabel({ source: "edit", parentId: "p", instruction: null })).toBe("Edited");
    expect(sourceLabel({ source: "edit", parentId: null, instruction: null })).toBe("Imported");
  });

  it("numbers v1, v2… by creation", () => {
    const rows = [row("x", null, 3), row("y", null, 1), row("z", "y", 2)].map((r) => ({
      ...r,
    })) as unknown as Parameters<typeof versionNumbers>[0];
    expect([...versionNumbers(rows)]).toEqual([
      ["y", 1],
      ["z", 2],
      ["x", 3],
    ]);
  });
});
