import "server-only";
import { AppError } from "@/lib/errors";
import { DECLARATION_KEY, parseDeclaration, type WorkflowDeclaration } from "./declaration";
import {
  isPlaceholderName,
  PLACEHOLDER_NAMES,
  PLACEHOLDER_PATTERN,
  type PlaceholderName,
  REQUIRED_PLACEHOLDERS,
  WHOLE_PLACEHOLDER,
  type WorkflowValues,
} from "./placeholders";

/** One node of an API-format workflow ("Save (API Format)"): its class and its inputs by name. */
export type WorkflowNode = {
  class_type: string;
  inputs: Record<string, unknown>;
  _meta?: { title?: string };
};

/** An API-format workflow: node id → node. Links are `[nodeId, outputIndex]` pairs. */
export type ApiWorkflow = Record<string, WorkflowNode>;

export type ValidatedWorkflow = {
  /** The nodes only: the declaration is taken out, as ComfyUI takes nothing but nodes. */
  workflow: ApiWorkflow;
  /** The placeholders the template uses, so the backend asks only for what it needs. */
  placeholders: ReadonlySet<PlaceholderName>;
  /** What the workflow declares of its model (declaration.ts), if it does. */
  declaration?: WorkflowDeclaration;
};

const EXPORT_HINT =
  'In ComfyUI, export it with "Save (API Format)" (Workflow → Export (API) in the new menu; ' +
  "on older versions turn on the dev mode options in the settings first).";

/** How a placeholder looks in place, for the message that asks for it. */
const EXAMPLES: Record<string, string> = {
  prompt: '"text": "{{prompt}}" in the positive CLIPTextEncode',
  seed: '"seed": "{{seed}}" in the KSampler',
  width: '"width": "{{width}}" in the EmptyLatentImage',
  height: '"height": "{{height}}" in the EmptyLatentImage',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(message: string, details?: unknown): AppError {
  return new AppError("invalid_request", message, { details });
}

/** Every string inside a node's inputs, however deeply nested (custom nodes take lists and dicts). */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (isRecord(value)) for (const item of Object.values(value)) yield* stringsIn(item);
}

/**
 * Checks that `template` is an API-format workflow whose placeholders the app can fill:
 * every required one present, none unknown (a typo such as "{{negatve}}" would otherwise go
 * to ComfyUI as literal text). Throws AppError("invalid_request") that says what to fix.
 */
export function validateWorkflow(input: unknown, source = "The ComfyUI workflow"): ValidatedWorkflow {
  if (!isRecord(input)) throw invalid(`${source} is not a JSON object of nodes. ${EXPORT_HINT}`);
  const { [DECLARATION_KEY]: declared, ...template } = input;
  const declaration = declared === undefined ? undefined : parseDeclaration(declared, source);
  if (Array.isArray(template.nodes) || Array.isArray(template.links)) {
    throw invalid(
      `${source} is in ComfyUI's UI format (it has "nodes" and "links"), not the API format. ${EXPORT_HINT}`,
    );
  }
  const ids = Object.keys(template);
  if (ids.length === 0) throw invalid(`${source} has no nodes.`);

  const used = new Set<PlaceholderName>();
  const unknown = new Set<string>();
  for (const id of ids) {
    const node = template[id];
    if (!isRecord(node) || typeof node.class_type !== "string" || !isRecord(node.inputs)) {
      throw invalid(`${source} is not in the API format: node "${id}" has no class_type and inputs. ${EXPORT_HINT}`, {
        node: id,
      });
    }
    for (const text of stringsIn(node.inputs)) {
      for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
        const name = match[1] ?? "";
        if (isPlaceholderName(name)) used.add(name);
        else unknown.add(name);
      }
    }
  }

  if (unknown.size > 0) {
    const names = [...unknown].map((n) => `{{${n}}}`).join(", ");
    throw invalid(
      `${source} has unknown placeholder${unknown.size > 1 ? "s" : ""} ${names}; the known ones are ${PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(", ")}.`,
      { unknown: [...unknown] },
    );
  }
  const missing = REQUIRED_PLACEHOLDERS.filter((n) => !used.has(n));
  if (missing.length > 0) {
    const names = missing.map((n) => `{{${n}}}`).join(", ");
    throw invalid(
      `${source} lacks the required placeholder${missing.length > 1 ? "s" : ""} ${names}. ` +
        `Put ${missing.length > 1 ? "each" : "it"} where the value goes, e.g. ${EXAMPLES[missing[0] ?? "seed"]}.`,
      { missing },
    );
  }
  return { workflow: template as ApiWorkflow, placeholders: used, ...(declaration ? { declaration } : {}) };
}

function valueFor(name: string, values: WorkflowValues): string | number {
  const value = isPlaceholderName(name) ? values[name] : undefined;
  // validateWorkflow has vetted the names and the backend supplies every one a template uses,
  // so a gap here is a bug in the caller, not the user's file.
  if (value === undefined) throw new Error(`no value for the workflow placeholder {{${name}}}`);
  return value;
}

function fill(value: unknown, values: WorkflowValues): unknown {
  if (typeof value === "string") {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole) return valueFor(whole[1] ?? "", values);
    // A function replacer, so "$&" or "$1" in a prompt stays literal text.
    return value.replace(PLACEHOLDER_PATTERN, (_m, name: string) => String(valueFor(name, values)));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  return value;
}

/**
 * A new workflow with every placeholder replaced. It works on parsed values, never on JSON
 * text, so quotes, backslashes and newlines in a prompt cannot break the graph: JSON.stringify
 * escapes them when the graph is sent.
 */
export function fillWorkflow(template: ApiWorkflow, values: WorkflowValues): ApiWorkflow {
  const out: ApiWorkflow = {};
  for (const [id, node] of Object.entries(template)) {
    out[id] = { ...node, inputs: fill(node.inputs, values) as Record<string, unknown> };
  }
  return out;
}
