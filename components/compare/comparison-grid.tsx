import type { ComparisonCell as Cell, GenerationWithImages, PromptVersion } from "@/lib/schemas/entities";
import { ComparisonCell } from "./comparison-cell";

type Props = {
  cells: Cell[];
  generations: GenerationWithImages[];
  versions: PromptVersion[];
  /** The comparison's size, for placeholders before an image arrives. */
  size: string;
};

// Whole class names, so Tailwind sees them: two side by side on a phone, all in one row from md up.
const COLUMNS: Record<number, string> = {
  1: "grid-cols-1",
  2: "grid-cols-2",
  3: "grid-cols-2 md:grid-cols-3",
  4: "grid-cols-2 lg:grid-cols-4",
};

/** The labelled grid: one cell per version or backend, in the comparison's order. */
export function ComparisonGrid({ cells, generations, versions, size }: Props) {
  const byId = new Map(generations.map((g) => [g.id, g]));
  const prompts = new Map(versions.map((v) => [v.id, v.prompt]));
  const ordered = [...cells].sort((a, b) => a.position - b.position);

  return (
    <section aria-label="Comparison">
      <ul className={`grid gap-3 sm:gap-5 ${COLUMNS[ordered.length] ?? COLUMNS[4]}`}>
        {ordered.map((cell) => {
          const generation = byId.get(cell.generationId);
          return generation ? (
            <ComparisonCell
              key={cell.position}
              cell={cell}
              generation={generation}
              prompt={prompts.get(cell.versionId) ?? ""}
              size={size}
            />
          ) : (
            <li key={cell.position} className="rounded-lg border border-dashed border-line-strong/60 p-4 text-sm">
              <p className="font-semibold">{cell.label}</p>
              <p className="mt-1 text-muted">This cell’s generation is gone.</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
