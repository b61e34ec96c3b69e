import { backendLabel, formatSize, sizeOf } from "@/lib/client/format";
import type { Comparison } from "@/lib/schemas/entities";

/** "Same seed 123456 · 1024 × 1024 · Offline sketch (no model) · 30 steps": what every cell shared. */
export function paramsLine(c: Pick<Comparison, "seed" | "params" | "kind" | "cells">): string {
  const p = c.params;
  const parts = [`Same seed ${c.seed}`];
  if (p.size) parts.push(formatSize(p.size));
  if (c.kind === "versions" && c.cells[0]) parts.push(backendLabel(c.cells[0].backend));
  if (p.steps != null) parts.push(`${p.steps} steps`);
  if (p.guidance != null) parts.push(`guidance ${p.guidance}`);
  if (p.sampler) parts.push(p.sampler);
  if (p.quality) parts.push(`${p.quality} quality`);
  if (p.checkpoint) parts.push(p.checkpoint);
  return parts.join(" · ");
}

/** "v2" from a cell label such as "v2 · Offline sketch (no model)". */
export function versionPart(label: string): string {
  return label.split(" · ")[0] ?? label;
}

/**
 * How wide a comparison may be so its cells sit side by side and whole on one screen: each image
 * at most ~62% of the viewport's height. The page's header and diff share it, so all align.
 */
export function comparisonMaxWidth(cells: number, size: string): string {
  const { width, height } = sizeOf(size);
  const n = Math.max(1, Math.min(4, cells));
  return `max(min(100%, 72rem), calc(${n} * 62vh * ${width / Math.max(1, height)} + ${n - 1} * 1.25rem))`;
}
