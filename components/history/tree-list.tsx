import type { ReactNode } from "react";
import type { TreeNode } from "@/lib/client/versions";

type Row = { id: string; parentId: string | null; createdAt: string };

type Props<V extends Row> = {
  nodes: readonly TreeNode<V>[];
  renderItem: (version: V, depth: number) => ReactNode;
  /** Levels past this are not indented further (phones stay unscrolled); "from vN" still tells. */
  maxIndent?: number;
  /** Where the connector meets a node, from the top of its row (a Tailwind top-* / h-* pair). */
  elbow?: "sm" | "lg";
  depth?: number;
};

const ELBOW = {
  sm: { tick: "after:top-6", last: "last:before:h-6" },
  lg: { tick: "after:top-8", last: "last:before:h-8" },
};

/**
 * Nested ordered lists (so screen readers hear the levels) with connecting lines: a rail down
 * each branch and an elbow into every child; the last child's rail stops at its elbow.
 */
export function TreeList<V extends Row>({ nodes, renderItem, maxIndent = 4, elbow = "sm", depth = 0 }: Props<V>) {
  const nested = depth > 0;
  const indent = nested && depth <= maxIndent;
  const e = ELBOW[elbow];
  return (
    <ol className={nested ? (indent ? "ml-3" : "") : "space-y-2"}>
      {nodes.map((n) => (
        <li
          key={n.version.id}
          className={
            indent
              ? `relative pt-2 pl-4 before:absolute before:top-0 before:bottom-0 before:left-0 before:border-l-2 before:border-line-strong/50 after:absolute after:left-0 after:w-3 after:border-t-2 after:border-line-strong/50 ${e.tick} ${e.last} last:before:bottom-auto`
              : nested
                ? "pt-2"
                : ""
          }
        >
          {renderItem(n.version, depth)}
          {n.children.length ? (
            <TreeList
              nodes={n.children}
              renderItem={renderItem}
              maxIndent={maxIndent}
              elbow={elbow}
              depth={depth + 1}
            />
          ) : null}
        </li>
      ))}
    </ol>
  );
}
