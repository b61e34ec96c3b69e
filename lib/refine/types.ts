import type { Dialect } from "@/lib/schemas/common";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { StyleId } from "@/lib/schemas/styles";

/** How much prompt the target backend takes. */
export type PromptBudget = {
  maxChars?: number;
  maxTokens?: number;
  /** The backend's own token counter (CLIP BPE on the server); an estimate is used without it. */
  countTokens?: (text: string) => number;
};

export type RefineInput = {
  idea: string;
  /** The version being refined further (with `instruction`). */
  parent?: Pick<PromptVersion, "prompt" | "negativePrompt" | "style" | "dialect">;
  instruction?: string;
  style?: StyleId | null;
  dialect: Dialect;
  budget?: PromptBudget;
};

export type RefinedPrompt = {
  prompt: string;
  negativePrompt?: string;
  title: string;
  /** What was added or changed, in plain words. */
  notes: string[];
  model: string;
};

export type RefineOptions = {
  signal: AbortSignal;
  /** The prompt text written so far (whole, not a delta), each time it grows. */
  onDelta?: (promptSoFar: string) => void;
};

export interface Refiner {
  id: string;
  label: string;
  refine(input: RefineInput, opts: RefineOptions): Promise<RefinedPrompt>;
}
