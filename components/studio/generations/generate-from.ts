import type { Dispatch } from "react";
import { startGeneration } from "@/lib/client/api";
import { toShownError } from "@/lib/client/api-error";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { StudioAction } from "../studio-state";
import { type ComposeSettings, toGenerateParams } from "./compose-settings";

type Context = {
  caps: Capabilities;
  dispatch: Dispatch<StudioAction>;
  settings: ComposeSettings;
  /** Follows a started generation's events into the results. */
  follow: (generationId: string) => void;
};

/**
 * The one way the Studio starts a generation (Generate, and Generate as typed): get the version
 * to generate from, start it with the compose settings, follow it. Any failure, saving or
 * starting, is shown under the compose form and changes nothing else.
 */
export async function generateFrom(
  version: () => Promise<PromptVersion>,
  { caps, dispatch, settings, follow }: Context,
): Promise<void> {
  dispatch({ type: "generateError", error: null });
  try {
    const saved = await version();
    const generation = await startGeneration({
      promptId: saved.id,
      backend: settings.backend,
      params: toGenerateParams(settings, caps),
    });
    dispatch({ type: "generationAdded", generation });
    follow(generation.id);
  } catch (e) {
    dispatch({ type: "generateError", error: toShownError(e) });
  }
}
