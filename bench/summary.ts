/**
 * Issue 12's figures, each next to its goal: `npm run bench` (bench/run.ts) ends with this one
 * table, whichever sections ran. A figure no section measured in this run says so instead of
 * being left out, so the table always has the same rows, in the issue's order.
 *
 * A section adds its figure in one line, where it has measured it:
 *
 *     import { reportFigure } from "./summary";
 *     reportFigure("paginationP95", p95Ms, "SQLite, 100k images");
 *
 * The id names an entry of FIGURES below (its name, unit, goal and the section that measures it);
 * `met` is worked out from the goal. Reporting the same id again adds another row (say, once for
 * SQLite and once for Postgres), told apart by the detail. A new figure is one more FIGURES entry.
 */

type Goal = { atMost: number } | { atLeast: number };
type FigureSpec = {
  name: string;
  unit: string;
  goal: Goal;
  digits: number;
  /** The `npm run bench -- SECTION` that reports it, for the row of a figure this run did not measure. */
  section?: string;
};

export const FIGURES = {
  firstLoadJs: {
    name: "first-load JS of / (gzip -9)",
    unit: "kB",
    goal: { atMost: 150 },
    digits: 1,
    section: "weight",
  },
  lighthousePerformance: {
    name: "Lighthouse mobile performance (/)",
    unit: "",
    goal: { atLeast: 99 },
    digits: 0,
    section: "lighthouse",
  },
  lighthouseAccessibility: {
    name: "Lighthouse mobile accessibility (/)",
    unit: "",
    goal: { atLeast: 100 },
    digits: 0,
    section: "lighthouse",
  },
  lighthouseBestPractices: {
    name: "Lighthouse mobile best practices (/)",
    unit: "",
    goal: { atLeast: 100 },
    digits: 0,
    section: "lighthouse",
  },
  rssIdle: { name: "server RSS idle", unit: "MB", goal: { atMost: 110 }, digits: 0, section: "weight" },
  rssAfterRuns: {
    name: "server RSS after 22 refinements and 22 generations",
    unit: "MB",
    goal: { atMost: 150 },
    digits: 0,
    section: "weight",
  },
  imageOverhead: {
    name: "one image: app minus backend (median)",
    unit: "ms",
    goal: { atMost: 8 },
    digits: 1,
    section: "openai",
  },
  firstTextOverhead: {
    name: "first streamed prompt text: app minus backend (median)",
    unit: "ms",
    goal: { atMost: 3 },
    digits: 1,
    section: "openai",
  },
  paginationP95: {
    name: "a list page at 100k images (p95, keyset)",
    unit: "ms",
    goal: { atMost: 20 },
    digits: 1,
    section: "scale",
  },
  searchP95: {
    name: "full-text search at 100k images (p95)",
    unit: "ms",
    goal: { atMost: 50 },
    digits: 1,
    section: "scale",
  },
  thumbnailsPerSecond: {
    name: "thumbnail requests per second",
    unit: "req/s",
    goal: { atLeast: 3000 },
    digits: 0,
    section: "thumbs",
  },
} satisfies Record<string, FigureSpec>;

export type FigureId = keyof typeof FIGURES;
type Reported = { id: FigureId; value: number; detail?: string };

const reported: Reported[] = [];

/** Records a measured figure for the closing table. `detail`: what to tell this row apart by, or how it was measured. */
export function reportFigure(id: FigureId, value: number, detail?: string): void {
  if (!Number.isFinite(value)) throw new Error(`bench figure ${id}: ${value} is not a number`);
  reported.push({ id, value, detail });
}

export function isMet(goal: Goal, value: number): boolean {
  return "atMost" in goal ? value <= goal.atMost : value >= goal.atLeast;
}

function goalText(spec: FigureSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : "";
  return "atMost" in spec.goal ? `≤ ${spec.goal.atMost}${unit}` : `≥ ${spec.goal.atLeast}${unit}`;
}

/** The rows of the closing table: every figure of FIGURES, in order, measured or not. */
export function summaryRows(): string[][] {
  const rows: string[][] = [];
  for (const [id, spec] of Object.entries(FIGURES) as [FigureId, FigureSpec][]) {
    const mine = reported.filter((r) => r.id === id);
    if (!mine.length) {
      const how = spec.section ? `npm run bench -- ${spec.section}` : "no bench section reports it yet";
      rows.push([spec.name, "—", goalText(spec), "", `not measured in this run (${how})`]);
      continue;
    }
    for (const r of mine) {
      const value = `${r.value.toFixed(spec.digits)}${spec.unit ? ` ${spec.unit}` : ""}`;
      rows.push([spec.name, value, goalText(spec), isMet(spec.goal, r.value) ? "✔" : "✖", r.detail ?? ""]);
    }
  }
  return rows;
}

export function printSummary(): void {
  const table = [["figure", "measured", "goal", "met", "note"], ...summaryRows()];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((row) => row[c]?.length ?? 0)));
  console.log("\nIssue 12's figures, each next to its goal:");
  table.forEach((row, k) => {
    const cells = row
      .slice(0, 4)
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)));
    console.log(`| ${cells.join(" | ")} | ${row[4] ?? ""}`);
    if (k === 0) console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|-----`);
  });
}
