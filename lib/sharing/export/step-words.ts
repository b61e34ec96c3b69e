import { backendLabel, formatSize, paramsLine } from "@/lib/client/format";
import type { SharedImage, SharedView, StepHow } from "@/lib/schemas/shares";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyle } from "@/lib/styles";

/** How a step was made, for someone who has never seen the app (shared by prompts.md and index.html). */
export const HOW_WORDS: Record<StepHow, string> = {
  refined: "Refined from the idea",
  instruction: "Refined with an instruction",
  edit: "Edited by hand",
  restyle: "Restyled",
  imported: "Imported",
  verbatim: "Written as is",
};

/** "style Cinematic": a preset by its label (the view names it so already; an id this version does not know, as it is). */
export function styleWords(style: string): string {
  return `style ${getStyle(style as StyleId)?.label ?? style}`;
}

/** "Step 3, from step 1". */
export function stepTitle(step: { number: number; parentNumber: number | null }): string {
  return step.parentNumber === null ? `Step ${step.number}` : `Step ${step.number}, from step ${step.parentNumber}`;
}

/** "Offline sketch (no model) · seed 1234 · 512 × 512". */
export function imageLine(image: SharedImage): string {
  const parts = [backendLabel(image.backend)];
  if (image.model && image.model !== image.backend) parts.push(image.model);
  if (image.seed !== null) parts.push(`seed ${image.seed}`);
  parts.push(formatSize(image));
  return parts.join(" · ");
}

/** "Same seed 1234 · 512 × 512 · 30 steps": what every cell of a comparison shared. */
export function comparisonLine(view: Extract<SharedView, { kind: "comparison" }>): string {
  return paramsLine({ seed: view.seed, params: view.params, kind: view.comparisonKind, cells: view.cells });
}
