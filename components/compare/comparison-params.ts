import { sizeOf } from "@/lib/client/format";

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
