import { type Dispatch, useState } from "react";
import { saveEdit } from "@/lib/client/api";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { StudioAction } from "../studio-state";
import type { ComposeSettings } from "./compose-settings";
import { generateFrom } from "./generate-from";
import { ideaTooLong } from "../editing/idea-length";

type Input = {
  /** The chosen backend's capabilities, as the compose form shows them. */
  caps: Capabilities;
  dispatch: Dispatch<StudioAction>;
  ideaText: string;
  settings: ComposeSettings;
  refining: boolean;
  /** Follows a started generation's events into the results. */
  follow: (generationId: string) => void;
};

/**
 * Issue 13, "Use my words": Generate as typed saves the idea, word for word, as the first version
 * of a new idea (source `verbatim`, no refiner), loads it, and generates it with the current backend
 * and parameters. Moderation runs on it as on any generation (POST /api/generate).
 */
export function useGenerateAsTyped({ caps, dispatch, ideaText, settings, refining, follow }: Input) {
  const [busy, setBusy] = useState(false);
  const idea = ideaText.trim();
  const disabled = busy || refining || !idea || ideaTooLong(ideaText);

  const onGenerateAsTyped = async () => {
    if (disabled) return;
    setBusy(true);
    try {
      await generateFrom(
        async () => {
          const version = await saveEdit({ idea, prompt: idea, source: "verbatim" });
          // Loaded like a refinement's first version: a new idea, its v1 in the Prompt box.
          dispatch({ type: "refineDone", version });
          return version;
        },
        { caps, dispatch, settings, follow },
      );
    } finally {
      setBusy(false);
    }
  };

  return { busy, disabled, onGenerateAsTyped };
}
