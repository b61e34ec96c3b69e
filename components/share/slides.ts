import type { SharedImage, SharedView } from "@/lib/schemas/shares";
import { backendLabel } from "@/lib/client/format";
import { sharedTitle, stepHow, stepTitle } from "./step-words";

/** One slide of the presenter's view: the idea, or a step (a comparison's cell) with its images. */
export type Slide =
  | { kind: "idea"; key: string; title: string; text: string }
  | {
      kind: "step";
      key: string;
      heading: string;
      /** How it was made, in a few plain words ("Rewritten from step 1, as asked."). */
      how: string;
      approved: boolean;
      images: SharedImage[];
      prompt: string;
    };

/**
 * The slides for a shared view: first the idea in its owner's words, then one per step in order
 * (an idea), one per cell (a comparison), or the image itself (an image).
 */
export function slidesFor(view: SharedView): Slide[] {
  const idea: Slide = { kind: "idea", key: "idea", title: sharedTitle(view), text: view.ideaText };
  if (view.kind === "idea") {
    return [
      idea,
      ...view.steps.map<Slide>((step) => ({
        kind: "step",
        key: `step-${step.number}`,
        heading: stepTitle(step),
        how: step.instruction ? `${stepHow(step)} “${step.instruction}”` : stepHow(step),
        approved: step.approvedAt !== null,
        images: step.images,
        prompt: step.prompt,
      })),
    ];
  }
  if (view.kind === "comparison") {
    return [
      idea,
      ...view.cells.map<Slide>((cell, i) => ({
        kind: "step",
        key: `cell-${i}`,
        heading: view.comparisonKind === "versions" ? stepTitle(cell.step) : backendLabel(cell.backend),
        how:
          view.comparisonKind === "versions"
            ? `Same seed (${view.seed}) on ${backendLabel(cell.backend)}.`
            : `The same prompt and seed (${view.seed}).`,
        approved: cell.step.approvedAt !== null,
        images: cell.step.images,
        prompt: cell.step.prompt,
      })),
    ];
  }
  return [
    idea,
    {
      kind: "step",
      key: "image",
      heading: stepTitle(view.step),
      how: `${backendLabel(view.image.backend)}${view.image.seed != null ? `, seed ${view.image.seed}` : ""}.`,
      approved: view.step.approvedAt !== null,
      images: [view.image],
      prompt: view.step.prompt,
    },
  ];
}
