import "server-only";
import { BACKENDS } from "@/lib/catalog";
import { capabilitiesForFamily, withFamilyDefaults } from "@/lib/prompt-formats/model-family";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { ValidatedWorkflow } from "./workflow";

const BASE = BACKENDS.comfyui.capabilities as unknown as Capabilities;

/**
 * ComfyUI's capabilities for a workflow. A declared family is the workflow's for good: its
 * dialect, budget, negative prompt (a FLUX graph has none) and sizes, with the declared sizes
 * over the family's. Undeclared, or declared "checkpoint": the family follows the chosen
 * checkpoint's name, SD 1.5 when it says nothing. A graph without {{checkpoint}} offers no checkpoint.
 */
export function workflowCapabilities(workflow: ValidatedWorkflow | undefined): Capabilities {
  if (!workflow) return BASE;
  const checkpoints = workflow.placeholders.has("checkpoint");
  const declared = workflow.declaration;
  if (!declared || declared.family === "checkpoint") {
    return { ...withFamilyDefaults(BASE, BASE.family ?? "sd15", "checkpoint"), checkpoints };
  }
  const caps = capabilitiesForFamily(BASE, declared.family);
  return {
    ...caps,
    familySource: "workflow",
    checkpoints,
    // Only what the graph fills in can be offered: no {{negative}}, no negative prompt.
    negativePrompt: caps.negativePrompt && workflow.placeholders.has("negative"),
    sizes: declared.sizes ?? caps.sizes,
    defaultSize:
      declared.defaultSize ??
      (!declared.sizes || declared.sizes.includes(caps.defaultSize) ? caps.defaultSize : declared.sizes[0]) ??
      caps.defaultSize,
  };
}
