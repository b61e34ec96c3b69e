import { BACKENDS } from "@/lib/catalog";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import type { EvalTarget } from "./score";

/**
 * The budget the card holds prompts to. Default `sd`: Stable Diffusion (AUTOMATIC1111/ComfyUI),
 * tag dialect, 75 CLIP tokens counted with the real CLIP BPE (lib/tokens/clip-tokens.ts), the
 * tightest budget any backend has. `offline`: the offline backend's prose and 4,000 characters.
 */
export const EVAL_TARGETS: Record<"sd" | "offline", EvalTarget> = {
  sd: {
    id: "sd",
    label: `Stable Diffusion (${BACKENDS.automatic1111.label}): tags, ${BACKENDS.automatic1111.capabilities.maxPromptTokens} CLIP tokens`,
    dialect: "tags",
    budget: {
      maxTokens: BACKENDS.automatic1111.capabilities.maxPromptTokens,
      maxChars: BACKENDS.automatic1111.capabilities.maxPromptChars,
      countTokens: countClipTokens,
    },
  },
  offline: {
    id: "offline",
    label: `${BACKENDS.offline.label}: prose, ${BACKENDS.offline.capabilities.maxPromptChars} characters`,
    dialect: "prose",
    budget: { maxChars: BACKENDS.offline.capabilities.maxPromptChars },
  },
};

export type EvalTargetId = keyof typeof EVAL_TARGETS;
