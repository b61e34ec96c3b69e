import { backendLabel } from "@/lib/client/format";
import type { SharedStep, SharedView } from "@/lib/schemas/shares";
import { getStyleLabel } from "@/lib/style-labels";

/**
 * How a step came to be, said for someone who has never seen the app: no "version", no
 * "refiner". The step it came from is named by its number ("step 2").
 */
export function stepHow(step: Pick<SharedStep, "how" | "parentNumber" | "style">): string {
  const from = step.parentNumber === null ? "" : ` from step ${step.parentNumber}`;
  switch (step.how) {
    case "refined":
      return step.parentNumber === null ? "Written from the idea." : `Rewritten${from}.`;
    case "instruction":
      return `Rewritten${from}, as asked.`;
    case "edit":
      return `Edited by hand${from}.`;
    case "restyle": {
      const style = styleName(step.style);
      return `Restyled${from}${style ? ` as ${style}` : ""}.`;
    }
    case "imported":
      return "A prompt brought in from elsewhere.";
    case "verbatim":
      return "The idea, used word for word as the prompt.";
  }
}

/** A style's label from its id; an id this build does not know is shown as it is. */
export function styleName(id: string | null): string | null {
  if (!id) return null;
  return getStyleLabel(id as Parameters<typeof getStyleLabel>[0])?.label ?? id;
}

/** "Step 2". */
export function stepTitle(step: Pick<SharedStep, "number">): string {
  return `Step ${step.number}`;
}

/**
 * The page's heading. A comparison's own title speaks the owner's language ("v1 vs v2 · …"): a
 * visitor reads the steps it shows ("Steps 1 and 3, side by side") or the image makers it tried.
 */
export function sharedTitle(view: SharedView): string {
  if (view.kind !== "comparison" || view.cells.length === 0) return view.title;
  if (view.comparisonKind === "versions") {
    const numbers = view.cells.map((c) => c.step.number);
    const list = `${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)}`;
    return numbers.length > 1 ? `Steps ${list}, side by side` : `Step ${numbers[0]}`;
  }
  const names = view.cells.map((c) => backendLabel(c.backend));
  return `One prompt on ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
