import type { Capabilities, CatalogBackend } from "@/lib/schemas/catalog";
import { type ComposeSettings, settingsProblem } from "./compose-settings";

type Input = {
  /** A saved version or a draft (typed, or read from an image) is in the editor. */
  hasPrompt: boolean;
  choosing: boolean;
  refining: boolean;
  backend: CatalogBackend | undefined;
  prompt: string;
  caps: Capabilities;
  settings: ComposeSettings;
};

/** Why Generate cannot start now, in words beside the button; null when it can. */
export function generateBlocked({
  hasPrompt,
  choosing,
  refining,
  backend,
  prompt,
  caps,
  settings,
}: Input): string | null {
  if (!hasPrompt) return choosing ? "Choose a candidate first." : "Refine an idea first.";
  if (refining) return "Wait for the refinement to finish, or stop it.";
  if (!backend?.configured)
    return `${backend?.label ?? "This backend"} is not set up: set ${backend?.enableWith ?? "OPENAI_API_KEY"}.`;
  if (!prompt.trim()) return "The prompt is empty.";
  if (caps.maxPromptChars && prompt.length > caps.maxPromptChars) {
    return `Shorten the prompt to ${caps.maxPromptChars} characters for this backend.`;
  }
  return settingsProblem(settings, caps);
}
