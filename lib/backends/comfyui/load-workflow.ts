import "server-only";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import defaultWorkflow from "./default-workflow.json";
import fluxWorkflow from "./flux-workflow.json";
import { type ValidatedWorkflow, validateWorkflow } from "./workflow";

export type LoadedWorkflow = ValidatedWorkflow & {
  /** "default-workflow" or the file name of COMFYUI_WORKFLOW, for the image's record. */
  name: string;
};

export const DEFAULT_WORKFLOW_NAME = "default-workflow";

/**
 * The shipped graphs, named in COMFYUI_WORKFLOW as "builtin:<name>": the checkpoint txt2img
 * (its family follows the checkpoint's name) and FLUX.1 dev as ComfyUI's own example wires it
 * (UNETLoader, DualCLIPLoader with t5xxl + clip_l, VAELoader, FluxGuidance, SamplerCustomAdvanced).
 */
const BUILTIN_WORKFLOWS: Record<string, { name: string; graph: unknown }> = {
  "builtin:default": { name: DEFAULT_WORKFLOW_NAME, graph: defaultWorkflow },
  "builtin:flux": { name: "flux-workflow", graph: fluxWorkflow },
};

export const BUILTIN_WORKFLOW_IDS = Object.keys(BUILTIN_WORKFLOWS);

function builtin(configured: string | undefined): LoadedWorkflow | undefined {
  const found = BUILTIN_WORKFLOWS[configured?.trim() || "builtin:default"];
  if (!found) return undefined;
  return { ...validateWorkflow(found.graph, `The built-in ComfyUI workflow ${found.name}`), name: found.name };
}

/** The workflow's name for the image's record, without reading it. */
export function workflowName(): string {
  const configured = getConfig().comfyuiWorkflow;
  const found = BUILTIN_WORKFLOWS[configured?.trim() || "builtin:default"];
  return found ? found.name : path.basename(configured ?? DEFAULT_WORKFLOW_NAME);
}

/**
 * The configured workflow, read now and synchronously, for the capabilities it declares (the
 * catalog); undefined when the file cannot be read or is broken: the start-up check and each
 * generation say so, and the catalog keeps the backend's own facts meanwhile.
 */
export function currentWorkflowSync(): LoadedWorkflow | undefined {
  const configured = getConfig().comfyuiWorkflow;
  const shipped = builtin(configured);
  if (shipped || !configured) return shipped;
  try {
    const { file, name } = located(configured);
    return workflowFromText(readFileSync(file, "utf8"), name);
  } catch {
    return undefined;
  }
}

/**
 * The template for this generation: the user's COMFYUI_WORKFLOW file, else a shipped graph.
 * Read on every generation so an edited file takes effect without a restart (it is a few
 * kilobytes; the GPU work dwarfs it).
 */
export async function loadWorkflow(): Promise<LoadedWorkflow> {
  const configured = getConfig().comfyuiWorkflow;
  const shipped = builtin(configured);
  if (shipped) return shipped;
  if (!configured) throw new Error("unreachable: no COMFYUI_WORKFLOW is the built-in default");
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
  if (builtin(configured)) return;
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
  if (configured.trim().startsWith("builtin:")) {
    throw new AppError(
      "invalid_request",
      `COMFYUI_WORKFLOW names ${configured.trim()}, which is not a built-in workflow; the built-in ones are ${BUILTIN_WORKFLOW_IDS.join(", ")}.`,
    );
  }
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
