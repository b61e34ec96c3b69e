import type { PromptVersion } from "@/lib/schemas/entities";

type Autosave = { edited: boolean; settle: () => Promise<PromptVersion> };

/**
 * Saves an edit (not a prompt never saved) before the editor shows something else: answers a
 * function that runs `then` once the edit is saved (at once when there is none).
 */
export function keepEditWith({ edited, settle }: Autosave) {
  return (then: () => void) => {
    if (!edited) return then();
    // A failed save stays on screen with its edit; the badge beside the Prompt says why.
    settle().then(then, () => undefined);
  };
}
