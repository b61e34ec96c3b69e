import { type Dispatch, useRef } from "react";
import { toShownError } from "@/lib/client/api-error";
import type { RefineOutcome } from "@/lib/client/refine-stream";
import type { RefineBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import { type ComposeSettings, modelChoice } from "../generations/compose-settings";
import type { RefineMode, StudioAction, StudioState } from "../studio-state";

type Input = {
  dispatch: Dispatch<StudioAction>;
  /** Runs one refinement (use-refine.ts). */
  refine: { run: (body: RefineBody, mode: RefineMode) => Promise<RefineOutcome | undefined> };
  state: StudioState;
  current: PromptVersion | undefined;
  /** A prompt that is no version yet: Refine again saves it first. */
  draft: boolean;
  settings: ComposeSettings;
  /** How many candidates to ask for (1: just one prompt). */
  candidateCount: number;
  /** Saves the edit (or the draft) and answers the version to refine from. */
  settle: () => Promise<PromptVersion>;
  /** Runs `then` once an unsaved edit is saved, so a refinement never throws it away. */
  keepEdit: (then: () => void) => void;
  /** Issue 13: the house rules are switched off for these refinements. */
  houseRulesOff?: boolean;
};

/** Refine (a new idea), Refine again (an instruction) and Apply style (a restyle of the loaded version). */
export function useRefineFlow({
  dispatch,
  refine,
  state,
  current,
  draft,
  settings,
  candidateCount,
  settle,
  keepEdit,
  houseRulesOff = false,
}: Input) {
  // A lock being saved: a refinement waits for it, so the locked part is kept.
  const lockSave = useRef<Promise<unknown> | null>(null);
  const refining = state.refining !== null;
  const many = candidateCount >= 2 ? { candidates: candidateCount } : {};
  const rules = houseRulesOff ? { houseRules: false } : {};

  const onRefine = () => {
    if (refining || !state.ideaText.trim()) return;
    keepEdit(
      () =>
        void refine.run(
          {
            idea: state.ideaText.trim(),
            style: settings.style,
            backend: settings.backend,
            ...modelChoice(settings),
            ...many,
            ...rules,
          },
          "new",
        ),
    );
  };

  /** Refines from the loaded version (saving an edit first): a child, so from an older version a branch. */
  const refineFrom = async (
    body: Omit<Extract<RefineBody, { parentId: string }>, "parentId">,
    mode: "again" | "restyle",
  ) => {
    let from: PromptVersion;
    try {
      await lockSave.current?.catch(() => undefined);
      from = await settle();
    } catch (e) {
      dispatch({ type: "refineFail", error: toShownError(e) });
      return;
    }
    // A restyle makes one child; candidates are for instructions.
    const count = mode === "again" ? many : {};
    void refine.run(
      {
        parentId: from.id,
        ...body,
        backend: settings.backend,
        ...modelChoice(settings),
        ...count,
        ...rules,
      } as RefineBody,
      mode,
    );
  };

  const onRefineAgain = () => {
    if (refining || (!current && !draft) || !state.instruction.trim()) return;
    void refineFrom({ instruction: state.instruction.trim(), style: settings.style }, "again");
  };

  const restyle = current && !refining && settings.style !== current.style ? { from: current.style } : null;
  const onApplyStyle = () => {
    if (refining || !current || settings.style === current.style) return;
    void refineFrom({ style: settings.style }, "restyle");
  };

  return { lockSave, onRefine, onRefineAgain, restyle, onApplyStyle };
}
