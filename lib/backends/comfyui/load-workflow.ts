import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import defaultWorkflow from "./default-workflow.json";
import { type ValidatedWorkflow, validateWorkflow } from "./workflow";

export type LoadedWorkflow = ValidatedWorkflow & {
  /** "default-workflow" or the file name of COMFYUI_WORKFLOW, for the image's record. */
  name: string;
};

export const DEFAULT_WORKFLOW_NAME = "default-workflow";

/**
 * The template for this generation: the user's COMFYUI_WORKFLOW file, else the shipped
 * txt2img graph. Read on every generation so an edited file takes effect without a restart
 * (it is a few kilobytes; the GPU work dwarfs it).
 */
export async function loadWorkflow(): Promise<LoadedWorkflow> {
  const configured = getConfig().comfyuiWorkflow;
  if (!configured) {
    return { ...validateWorkflow(defaultWorkflow, "The built-in ComfyUI workflow"), name: DEFAULT_WORKFLOW_NAME };
  }
  const file = path.resolve(/*turbopackIgnore: true*/ configured);
  const name = path.basename(file);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new AppError("invalid_request", `COMFYUI_WORKFLOW names ${name}, which cannot be read.`, { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_request", `COMFYUI_WORKFLOW (${name}) is not valid JSON.`, { cause: e });
  }
  return { ...validateWorkflow(parsed, `COMFYUI_WORKFLOW (${name})`), name };
}
