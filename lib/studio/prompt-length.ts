import "server-only";
import { findBackend } from "@/lib/backends/registry";
import { AppError } from "@/lib/errors";
import { CLIP_TEXT_TOKENS, countClipTokens } from "@/lib/tokens/clip-tokens";

export type PromptLength = { chars: number; maxChars: number | null; tokens: number | null; maxTokens: number | null };

/** How much of a backend's budget a prompt uses: characters always, CLIP tokens for SD backends. */
export function measurePrompt(backendId: string, prompt: string): PromptLength {
  const backend = findBackend(backendId);
  if (!backend) throw new AppError("not_found", `There is no backend "${backendId}".`);
  const caps = backend.capabilities;
  const counted = caps.maxPromptTokens !== undefined;
  return {
    chars: prompt.length,
    maxChars: caps.maxPromptChars ?? null,
    tokens: counted ? countClipTokens(prompt) : null,
    maxTokens: counted ? Math.min(caps.maxPromptTokens ?? CLIP_TEXT_TOKENS, CLIP_TEXT_TOKENS) : null,
  };
}
