import type { Dialect } from "@/lib/schemas/common";
import type { StyleId } from "@/lib/schemas/styles";
import { getStyle } from "@/lib/styles";
import type { PromptBudget, RefinedPrompt } from "../types";
import { analyzeIdea } from "./analyze";
import { applyEdit } from "./edits/apply-edit";
import type { EditContext } from "./edits/context";
import { convertDialect } from "./edits/convert-dialect";
import { parseDoc } from "./edits/doc";
import { fitDoc } from "./edits/fit-doc";
import { parseInstruction } from "./edits/parse-instruction";
import { OFFLINE_MODEL } from "./model";
import { buildNegative, mergeNegative } from "./negative";
import { STYLE_NAMES } from "./vocab/media";
import { buildTitle } from "./title";

/**
 * A further refinement: start from the parent's prompt and apply the instruction as edits,
 * replacing what it contradicts rather than appending a contradiction.
 */
export type FollowUpInput = {
  idea: string;
  parent: { prompt: string; negativePrompt: string | null; style: StyleId | null; dialect: Dialect };
  instruction: string;
  style?: StyleId | null;
  dialect: Dialect;
  budget?: PromptBudget;
};

export function refineFollowUp(input: FollowUpInput): RefinedPrompt {
  const { parent } = input;
  const analysis = analyzeIdea(input.idea.trim() || parent.prompt.split(/[.,]/)[0] || parent.prompt);
  const notes: string[] = [];

  let prompt = parent.prompt;
  if (parent.dialect !== input.dialect) {
    prompt = convertDialect(prompt, parent.dialect, input.dialect, analysis.subject?.head);
    notes.push(`Rewrote the previous ${parent.dialect} prompt as ${input.dialect} for this backend.`);
  }

  const previousStyle = getStyle(parent.style);
  const ctx: EditContext = {
    doc: parseDoc(prompt, input.dialect, analysis.contentWords),
    analysis,
    style: previousStyle,
    negative: (parent.negativePrompt ?? "").split(/\s*,\s*/).filter(Boolean),
    notes,
  };
  if (input.dialect === "tags" && ctx.negative.length === 0) {
    ctx.negative = buildNegative({ style: previousStyle, subjectKind: analysis.subject?.entry.kind, prompt }).split(
      /\s*,\s*/,
    );
  }

  // A style picked in the Style box that differs from the parent's is an instruction too.
  const chosen = getStyle(input.style);
  if (chosen && chosen.id !== parent.style) {
    const names = STYLE_NAMES[chosen.id];
    applyEdit(ctx, {
      kind: "style",
      styleId: chosen.id,
      medium: chosen.medium,
      family: names.family,
      name: names.short,
    });
  }
  for (const edit of parseInstruction(input.instruction)) applyEdit(ctx, edit);

  const fitted = fitDoc(ctx.doc, input.budget);
  if (fitted.dropped.length > 0) {
    notes.push(`Shortened to fit the backend's budget, dropping ${fitted.dropped.join(", ")} wording first.`);
  }
  const result: RefinedPrompt = {
    prompt: fitted.text,
    title: buildTitle(analysis),
    notes: notes.length > 0 ? notes : ["Nothing in the instruction changed the prompt."],
    model: OFFLINE_MODEL,
  };
  if (input.dialect === "tags") {
    const pixel = ctx.style?.id === "pixel-art";
    result.negativePrompt = mergeNegative(ctx.negative, [], fitted.text, pixel);
  }
  return result;
}
