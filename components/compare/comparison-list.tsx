import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { comparisonUrl } from "@/lib/client/compare";
import { backendLabel } from "@/lib/client/format";
import type { Comparison } from "@/lib/schemas/entities";
import { versionPart } from "./comparison-params";

/**
 * "Comparison of v1, v2" for versions (the backend is said beside it), "Comparison of v1 on
 * A vs B" for backends: from the cells and the server's title.
 */
export function comparisonName(c: Pick<Comparison, "title" | "cells" | "kind">): string {
  if (c.kind === "backends" && c.title.trim()) return `Comparison of ${c.title.trim()}`;
  const labels = [...c.cells].sort((a, b) => a.position - b.position).map((cell) => versionPart(cell.label));
  return labels.length ? `Comparison of ${labels.join(", ")}` : c.title.trim() || "Comparison";
}

/** An idea's saved comparisons, newest first, each reopening its grid. */
export function ComparisonList({ comparisons }: { comparisons: Comparison[] }) {
  if (!comparisons.length) {
    return <p className="text-sm text-muted">No comparisons yet. Select 2 to 4 versions and press Compare images.</p>;
  }
  return (
    <ul className="divide-y divide-line rounded-xl border border-line bg-surface">
      {comparisons.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
          <Link href={comparisonUrl(c.id)} className="link min-w-0 font-medium [overflow-wrap:anywhere]">
            {comparisonName(c)}
          </Link>
          <span className="text-sm text-muted">
            {c.kind === "backends"
              ? `${c.cells.length} backends`
              : `${c.cells.length} versions on ${backendLabel(c.cells[0]?.backend ?? "")}`}{" "}
            · seed {c.seed} · <LocalTime iso={c.createdAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
