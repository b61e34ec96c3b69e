import type { CheckItem } from "@/lib/schemas/checks";
import type { Dialect } from "@/lib/schemas/common";
import type { PartName, PromptParts, PromptVersion } from "@/lib/schemas/entities";
import type { StyleId, StyleSnapshot } from "@/lib/schemas/styles";

/** How much prompt the target backend takes. */
export type PromptBudget = {
  maxChars?: number;
  maxTokens?: number;
  /** The backend's own token counter (CLIP BPE on the server); an estimate is used without it. */
  countTokens?: (text: string) => number;
  /** Whose tokens maxTokens counts: CLIP's (SD 1.5, SDXL) or T5's (FLUX, SD3); CLIP when absent. */
  tokenizer?: "clip" | "t5";
};

export type RefineInput = {
  idea: string;
  /** The version being refined further (with `instruction`). */
  parent?: Pick<PromptVersion, "prompt" | "negativePrompt" | "style" | "dialect" | "parts"> &
    Partial<Pick<PromptVersion, "checks" | "styleUsed">>;
  instruction?: string;
  /** Parts of the parent whose text must come back word for word (needs `parent.parts`). */
  locks?: readonly PartName[];
  /** Which way to take it when several candidates are asked for (lib/refine/directions.ts). */
  direction?: CandidateDirection;
  style?: StyleId | null;
  /**
   * The chosen style's parts when it is an own style (issue 13), resolved by the use case from the
   * store: refiners are adapters and never read it. Built-in styles are looked up by id.
   */
  ownStyle?: StyleSnapshot;
  dialect: Dialect;
  budget?: PromptBudget;
  /**
   * House rules (issue 13): the team's standing preferences and their version, when set and not
   * switched off for this refinement. The chat refiner fences them in its system prompt; the
   * offline one applies what it can read ("no …" rules) and says so.
   */
  houseRules?: { version: number; text: string };
};

export type RefinedPrompt = {
  prompt: string;
  negativePrompt?: string;
  title: string;
  /** What was added or changed, in plain words. */
  notes: string[];
  model: string;
  /** The prompt's anatomy, each part's text as it appears in the prompt. */
  parts: PromptParts;
  /**
   * Set when the refiner moved the prompt to another style than the one asked for (an
   * instruction like "as a watercolor", or a bolder candidate's new medium); null for a medium
   * that is no preset of ours. Absent: the style asked for is the one it is in.
   */
  style?: StyleId | null;
  /**
   * What the idea demands, item by item (issue 11): the idea's words only, never the refiner's
   * additions. Refining further: the parent's items, plus the instruction's new demands, with an
   * item the instruction contradicts replaced. Absent: the refiner wrote none (the parent's stay).
   */
  checks?: CheckItem[];
};

/** A direction for one of several candidates: the first is faithful, the rest bolder. */
export type CandidateDirection = {
  id: string;
  /** Shown on the candidate and stored on the version ("Faithful", "Bolder: dramatic light"). */
  label: string;
  /** What the chat model is told to do differently. */
  brief: string;
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
