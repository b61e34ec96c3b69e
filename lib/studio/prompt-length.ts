import "server-only";
import { findBackend } from "@/lib/backends/registry";
import { AppError } from "@/lib/errors";
import { capabilitiesFor, type ModelChoice } from "@/lib/prompt-formats/guess-dialect";
import { CLIP_TEXT_TOKENS, countClipTokens } from "@/lib/tokens/clip-tokens";
import { estimateT5Tokens } from "@/lib/tokens/t5-estimate";

export type PromptLength = {
  chars: number;
  maxChars: number | null;
  tokens: number | null;
  maxTokens: number | null;
  /** Whose tokens: CLIP's are counted with the real BPE; T5's are estimated (lib/tokens/t5-estimate.ts). */
  tokenizer: "clip" | "t5" | null;
  estimated: boolean;
};

/**
 * How much of a backend's budget a prompt uses, for the model the request names: characters
 * always, CLIP tokens for SD 1.5 and SDXL, an estimate of T5 tokens for FLUX and SD3.
 */
export function measurePrompt(backendId: string, prompt: string, choice: ModelChoice = {}): PromptLength {
  const backend = findBackend(backendId);
  if (!backend) throw new AppError("not_found", `There is no backend "${backendId}".`);
  const caps = capabilitiesFor(backend.capabilities, choice);
  const counted = caps.maxPromptTokens !== undefined;
  const base = { chars: prompt.length, maxChars: caps.maxPromptChars ?? null };
  if (!counted) return { ...base, tokens: null, maxTokens: null, tokenizer: null, estimated: false };
  if (caps.tokenizer === "t5") {
    return {
      ...base,
      tokens: estimateT5Tokens(prompt),
      maxTokens: caps.maxPromptTokens ?? null,
      tokenizer: "t5",
      estimated: true,
    };
  }
  return {
    ...base,
    tokens: countClipTokens(prompt),
    maxTokens: Math.min(caps.maxPromptTokens ?? CLIP_TEXT_TOKENS, CLIP_TEXT_TOKENS),
    tokenizer: "clip",
    estimated: false,
  };
}
