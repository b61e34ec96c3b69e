import type { StyleId } from "@/lib/schemas/styles";
import { parseInstruction } from "./offline/edits/parse-instruction";

/**
 * The style an instruction names ("make it a watercolor", "as a pixel art piece"), read by the
 * offline refiner's own instruction parser so both refiners agree: a preset's id, null for a
 * medium that is no preset of ours ("as a gouache"), undefined when it names none.
 */
export function styleNamedIn(instruction: string | undefined): StyleId | null | undefined {
  if (!instruction?.trim()) return undefined;
  const edit = parseInstruction(instruction).find((e) => e.kind === "style");
  if (edit?.kind !== "style") return undefined;
  return edit.styleId ?? null;
}
