import "server-only";
import { countClipBpeTokens } from "./clip-bpe";

/**
 * Counts CLIP tokens the way Stable Diffusion front ends see a prompt: OpenAI's CLIP BPE with
 * its real 49,408-token vocabulary (lib/tokens/clip-bpe.ts), after A1111's emphasis syntax is
 * taken off, since `(red fox:1.2)` is encoded as "red fox" with a weight, not as its brackets.
 * The 77-token window includes the start and end tokens, so 75 are left for text.
 */
export const CLIP_WINDOW = 77;
export const CLIP_TEXT_TOKENS = CLIP_WINDOW - 2;

/** A1111 emphasis: `(x:1.2)`, `(x)`, `[x]`, escaped `\(`; and the BREAK keyword. */
export function stripEmphasis(prompt: string): string {
  return prompt
    .replace(/\\([()[\]])/g, "$1")
    .replace(/:\s*-?\d+(?:\.\d+)?\s*\)/g, ")")
    .replace(/[()[\]]/g, " ")
    .replace(/\bBREAK\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function countClipTokens(prompt: string): number {
  const text = stripEmphasis(prompt);
  return text ? countClipBpeTokens(text) : 0;
}
