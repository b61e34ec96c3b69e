import { AppError } from "@/lib/errors";
import type { RefineInput, RefinedPrompt } from "../types";
import { offlineChecklist } from "./checklist";
import { refineFollowUp } from "./follow-up";
import { refineFresh } from "./refine-fresh";

/**
 * The embedded refiner: a rough idea in, a detailed prompt out, with no model and no network.
 * Pure and synchronous; the only variety is a hash of the input, so the same input always
 * gives the same output.
 */
export function refineOffline(input: RefineInput): RefinedPrompt {
  // The checklist is read from the idea and the instruction, never from the prompt written here.
  return { ...writePrompt(input), checks: offlineChecklist(input) };
}

function writePrompt(input: RefineInput): RefinedPrompt {
  const idea = (input.idea ?? "").trim();
  const instruction = input.instruction?.trim();
  if (!idea && !input.parent)
    throw new AppError("invalid_request", "The idea is empty: describe what the picture should show.");
  if (input.parent && !input.parent.prompt.trim() && !idea) {
    throw new AppError("invalid_request", "The previous version has no prompt to refine.");
  }

  // A saved version is refined from its own prompt: by an instruction, a new style, a direction, or all three.
  if (input.parent?.prompt.trim()) {
    return refineFollowUp({
      idea,
      parent: {
        prompt: input.parent.prompt,
        negativePrompt: input.parent.negativePrompt,
        style: input.parent.style,
        dialect: input.parent.dialect,
        parts: input.parent.parts,
        styleUsed: input.parent.styleUsed,
      },
      instruction,
      style: input.style,
      ownStyle: input.ownStyle,
      dialect: input.dialect,
      budget: input.budget,
      locks: input.locks,
      direction: input.direction,
    });
  }

  const fresh = refineFresh({ ...input, idea: idea || (input.parent?.prompt ?? "") });
  if (!instruction) return fresh;

  // An instruction with a brand-new idea: write the first version, then apply the instruction to it.
  const edited = refineFollowUp({
    idea,
    parent: {
      prompt: fresh.prompt,
      negativePrompt: fresh.negativePrompt ?? null,
      style: input.style ?? null,
      dialect: input.dialect,
      parts: fresh.parts,
      styleUsed: input.ownStyle,
    },
    instruction,
    style: input.style,
    ownStyle: input.ownStyle,
    dialect: input.dialect,
    budget: input.budget,
  });
  return { ...edited, notes: [...fresh.notes, ...edited.notes] };
}
