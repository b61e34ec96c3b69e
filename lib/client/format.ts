import { BACKENDS, OFFLINE_BACKEND_LABEL } from "@/lib/catalog";
import type { Generation, GenerationParams } from "@/lib/schemas/entities";

/** Small, pure, deterministic formatters: the same text on the server and in the browser. */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "26 Nov 2025, 07:11 UTC": fixed format and time zone, so hydration never disagrees. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "4.2 s", "38 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return "—";
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  return rest ? `${m} min ${rest} s` : `${m} min`;
}

/** "1024 × 768". */
export function formatSize(size: string | { width: number; height: number }): string {
  const { width, height } = typeof size === "string" ? sizeOf(size) : size;
  return `${width} × ${height}`;
}

export function sizeOf(size: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/.exec(size);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 1, height: 1 };
}

/** "square", "landscape", "portrait" for a size string, to help choose. */
export function orientation(size: string): string {
  const { width, height } = sizeOf(size);
  if (width === height) return "square";
  return width > height ? "landscape" : "portrait";
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/** A backend's label from its id; the offline one always reads "Offline sketch (no model)". */
export function backendLabel(id: string): string {
  const known = (BACKENDS as Record<string, { label: string } | undefined>)[id];
  return known?.label ?? id;
}

export function isOfflineBackend(id: string): boolean {
  const known = (BACKENDS as Record<string, { offline: boolean } | undefined>)[id];
  return known?.offline === true || backendLabel(id) === OFFLINE_BACKEND_LABEL;
}

export function firstLine(text: string, max = 120): string {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** "4,000": fixed grouping, identical on server and client. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Status in words: "Queued", "Generating… 40%", "Done in 4.2 s", "Failed: …", "Canceled". */
export function generationStatusText(
  g: Pick<Generation, "status" | "progress" | "error" | "durationMs"> & { ahead?: number | null },
): string {
  switch (g.status) {
    case "queued":
      return g.ahead == null ? "Queued" : g.ahead === 0 ? "Queued (next)" : `Queued (${g.ahead} ahead)`;
    case "running":
      return g.progress > 0 ? `Generating… ${formatPercent(g.progress)}` : "Generating…";
    case "succeeded":
      return g.durationMs != null ? `Done in ${formatDuration(g.durationMs)}` : "Done";
    case "failed":
      // A restart is not the backend failing: say what happened ("Interrupted: the server restarted …").
      if (g.error?.code === "interrupted") {
        return /^interrupted\b/i.test(g.error.message) ? g.error.message : `Interrupted: ${g.error.message}`;
      }
      return `Failed: ${g.error?.message ?? "the backend did not say why"}`;
    case "canceled":
      return "Canceled";
  }
}

/**
 * "Same seed 123456 · 1024 × 1024 · Offline sketch (no model) · 30 steps": what every cell of a
 * comparison shared (the comparison page, and a shared or exported one).
 */
export function paramsLine(c: {
  seed: number;
  params: GenerationParams;
  kind: "versions" | "backends";
  cells: readonly { backend: string }[];
}): string {
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
