import { type Dispatch, useMemo, useState } from "react";
import type { Catalog } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";
import { type ComposeSettings, capsOf, findBackend } from "./compose-settings";
import { generateFrom } from "./generate-from";
import { generateBlocked } from "./generate-blocked";
import type { StudioAction, StudioState } from "../studio-state";

type Input = {
  catalog: Catalog;
  dispatch: Dispatch<StudioAction>;
  state: StudioState;
  current: PromptVersion | undefined;
  /** A prompt that is no version yet: Generate saves it first. */
  draft: boolean;
  settings: ComposeSettings;
  /** Saves the edit (or the draft) and answers the version to generate from. */
  settle: () => Promise<PromptVersion>;
  /** Follows a started generation's events into the results. */
  follow: (generationId: string) => void;
};

/** Generate: why it cannot start yet, and starting one from the saved prompt. */
export function useGenerate({ catalog, dispatch, state, current, draft, settings, settle, follow }: Input) {
  const [starting, setStarting] = useState(false);
  const refining = state.refining !== null;
  const choosing = state.candidates !== null;
  const caps = capsOf(catalog, settings.backend, settings);
  const backend = findBackend(catalog, settings.backend);

  const blocked = useMemo(
    (): string | null =>
      generateBlocked({
        hasPrompt: Boolean(current || draft),
        choosing,
        refining,
        backend,
        prompt: state.prompt,
        caps,
        settings,
      }),
    [current, draft, choosing, refining, backend, state.prompt, caps, settings],
  );

  const onGenerate = async () => {
    if (starting || blocked || (!current && !draft)) return;
    setStarting(true);
    try {
      await generateFrom(settle, { caps, dispatch, settings, follow });
    } finally {
      setStarting(false);
    }
  };

  return { starting, blocked, onGenerate };
}
