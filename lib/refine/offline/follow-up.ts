import type { Dialect } from "@/lib/schemas/common";
import type { PartName, PromptParts } from "@/lib/schemas/entities";
import type { StyleId, StyleSnapshot } from "@/lib/schemas/styles";
import { styleFor } from "@/lib/styles";
import { enforceLocks } from "../locks";
import type { CandidateDirection, PromptBudget, RefinedPrompt } from "../types";
import { analyzeIdea } from "./analyze";
import { applyEdit } from "./edits/apply-edit";
import type { Edit, EditContext } from "./edits/context";
import { convertDialect } from "./edits/convert-dialect";
import { directionEdits } from "./edits/direction-edits";
import { parseDoc } from "./edits/doc";
import { attachParts, readParts } from "./edits/doc-parts";
import { fitDoc } from "./edits/fit-doc";
import { parseInstruction } from "./edits/parse-instruction";
import { OFFLINE_MODEL } from "./model";
import { buildNegative, mergeNegative } from "./negative";
import { maskQuotes } from "./quotes";
import { seedFor } from "./refine-fresh";
import { readSyntax, withParams } from "./syntax";
import { buildTitle } from "./title";
import { styleNames } from "./vocab/media";

/**
 * A further refinement: start from the parent's prompt and apply the instruction as edits,
 * replacing what it contradicts rather than appending a contradiction. A new style is an
 * edit too (a restyle), and so is a bolder candidate's direction. Locked parts are frozen
 * before any edit runs, and checked word for word after.
 */
export type FollowUpInput = {
  idea: string;
  parent: {
    prompt: string;
    negativePrompt: string | null;
    style: StyleId | null;
    dialect: Dialect;
    parts?: PromptParts | null;
    /** The parent's style as it was used (an own style may since have changed or gone). */
    styleUsed?: StyleSnapshot | null;
  };
  instruction?: string;
  style?: StyleId | null;
  /** The chosen style's parts when it is an own style. */
  ownStyle?: StyleSnapshot;
  dialect: Dialect;
  budget?: PromptBudget;
  locks?: readonly PartName[];
  direction?: CandidateDirection;
};

/** Each part's text through `map` (to mask or restore quoted lettering). */
function mapParts(parts: PromptParts, map: (text: string) => string): PromptParts {
  return Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, text ? map(text) : text]));
}

export function refineFollowUp(input: FollowUpInput): RefinedPrompt {
  const { parent } = input;
  // The idea's prompt syntax is read for its plain words, as a first refinement reads it.
  const syntax = readSyntax(input.idea);
  const analysis = analyzeIdea(syntax.plain.trim() || parent.prompt.split(/[.,]/)[0] || parent.prompt);
  const notes: string[] = [];
  const locks = new Set<PartName>(parent.parts ? (input.locks ?? []) : []);

  // Midjourney parameters stay as typed, last; only the prompt before them is edited.
  const split = readSyntax(parent.prompt.replace(/\s+/g, " "));
  const params = split.params?.replace(/\.+$/, "");
  let prompt = split.body;
  const converted = parent.dialect !== input.dialect;
  if (converted) {
    prompt = convertDialect(prompt, parent.dialect, input.dialect, analysis.subject?.head);
    notes.push(`Rewrote the previous ${parent.dialect} prompt as ${input.dialect} for this backend.`);
  }
  // Quoted lettering is swapped for placeholders of the same length, so no edit can touch it.
  const quotes = maskQuotes(prompt, true);
  const masked = quotes.masked;
  const finish = (text: string) => withParams(quotes.restore(text), params);

  const previousStyle = styleFor(parent.style, parent.styleUsed);
  const ctx: EditContext = {
    doc: parseDoc(masked, input.dialect, analysis.contentWords, syntax.verbatim ? quotes.mask(syntax.body) : undefined),
    analysis,
    style: previousStyle,
    negative: (parent.negativePrompt ?? "").split(/\s*,\s*/).filter(Boolean),
    notes,
    locks,
  };
  attachParts(ctx.doc, masked, converted || !parent.parts ? null : mapParts(parent.parts, quotes.mask), locks);
  if (input.dialect === "tags" && ctx.negative.length === 0) {
    ctx.negative = buildNegative({ style: previousStyle, subjectKind: analysis.subject?.entry.kind, prompt }).split(
      /\s*,\s*/,
    );
  }

  const asked: Edit[] = [];
  // A style picked in the Style box that differs from the parent's is an instruction too.
  const chosen = styleFor(input.style, input.ownStyle);
  if (chosen && chosen.id !== parent.style) {
    const names = styleNames(chosen);
    asked.push({
      kind: "style",
      styleId: chosen.id,
      medium: chosen.medium,
      family: names.family,
      name: names.short,
      preset: chosen,
    });
  }
  if (input.instruction?.trim()) asked.push(...parseInstruction(input.instruction));
  for (const edit of asked) applyEdit(ctx, edit);

  const seed = seedFor(input.idea, input.style ?? parent.style);
  const bold = directionEdits(ctx, input.direction, seed, asked);
  // The note goes before the edits' own notes, and only when one of them applied: notes tell the truth.
  const at = notes.length;
  const applied = bold.edits.map((edit) => applyEdit(ctx, edit)).some(Boolean);
  if (bold.note && applied) notes.splice(at, 0, bold.note);

  const fitted = fitDoc(ctx.doc, input.budget, finish);
  if (fitted.dropped.length > 0) {
    notes.push(`Shortened to fit the backend's budget, dropping ${fitted.dropped.join(", ")} wording first.`);
  }
  if (notes.length === 0) {
    notes.push(
      asked.length === 0 && !input.instruction?.trim()
        ? "Kept the previous version as it was: no instruction or new style was given."
        : "Nothing in the instruction changed the prompt.",
    );
  }
  let negativePrompt: string | undefined;
  if (input.dialect === "tags") {
    const pixel = ctx.style?.id === "pixel-art";
    negativePrompt =
      locks.has("negative") && parent.negativePrompt
        ? parent.negativePrompt
        : mergeNegative(ctx.negative, [], finish(fitted.text), pixel);
  }
  const result: RefinedPrompt = {
    prompt: finish(fitted.text),
    title: buildTitle(analysis),
    notes: notes.map(quotes.restore),
    model: OFFLINE_MODEL,
    parts: mapParts(readParts(ctx.doc, fitted.text, negativePrompt), quotes.restore),
  };
  if (negativePrompt) result.negativePrompt = negativePrompt;
  const styleAfter = ctx.style?.id ?? null;
  if (styleAfter !== (input.style !== undefined ? input.style : parent.style)) result.style = styleAfter;
  // Frozen segments already kept the locked text; this catches what rendering or a dialect change moved.
  return enforceLocks(result, parent.parts, [...locks], input.dialect);
}
