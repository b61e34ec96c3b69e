import "server-only";
import { readFileSync } from "node:fs";
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
  const { file, name } = located(configured);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw unreadable(name, e);
  }
  return workflowFromText(text, name);
}

/**
 * The same checks as each generation makes, once at start (lib/startup/check-config.ts), so a
 * missing or broken COMFYUI_WORKFLOW stops the server instead of failing every ComfyUI generation.
 */
export function checkWorkflowFile(configured: string): void {
  const { file, name } = located(configured);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw unreadable(name, e);
  }
  workflowFromText(text, name);
}

function located(configured: string): { file: string; name: string } {
  const file = path.resolve(/*turbopackIgnore: true*/ configured);
  return { file, name: path.basename(file) };
}

function unreadable(name: string, cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const why = code ? ` (${code})` : "";
  return new AppError("invalid_request", `COMFYUI_WORKFLOW names ${name}, which cannot be read${why}.`, { cause });
}

function workflowFromText(text: string, name: string): LoadedWorkflow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new AppError("invalid_request", `COMFYUI_WORKFLOW (${name}) is not valid JSON.`, { cause: e });
  }
  return { ...validateWorkflow(parsed, `COMFYUI_WORKFLOW (${name})`), name };
}
