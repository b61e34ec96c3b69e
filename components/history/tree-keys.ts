import type { KeyboardEvent } from "react";

/**
 * Arrow keys move between the nodes of a version tree (Up/Down, Home/End), as in a list;
 * Tab still walks every control. Nodes are the buttons marked `data-tree-node`.
 */
export function onTreeKeyDown(e: KeyboardEvent<HTMLElement>) {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  if (!target.matches("[data-tree-node]")) return;
  const nodes = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-tree-node]")].filter(
    (n) => !(n as HTMLButtonElement).disabled,
  );
  const at = nodes.indexOf(target);
  if (at < 0) return;
  const next =
    e.key === "Home"
      ? nodes[0]
      : e.key === "End"
        ? nodes.at(-1)
        : nodes[Math.min(nodes.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)))];
  if (next && next !== target) {
    e.preventDefault();
    next.focus();
  }
}
