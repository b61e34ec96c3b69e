/**
 * ComfyUI's validate_prompt, in miniature: the same checks for the fake's node classes, and
 * the same error shapes (error { type, message, details, extra_info }, node_errors per node).
 */
import type { InputSpec, NodeDef } from "./node-defs";

export type ValidationError = { type: string; message: string; details: string; extra_info: Record<string, unknown> };
export type NodeErrors = Record<string, { errors: ValidationError[]; dependent_outputs: string[]; class_type: string }>;
export type PromptNode = { class_type: string; inputs: Record<string, unknown> };
export type PromptGraph = Record<string, PromptNode>;

export type Validation =
  | { ok: true; graph: PromptGraph; outputs: string[]; nodeErrors: NodeErrors }
  | { ok: false; error: ValidationError; nodeErrors: NodeErrors };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** How Python prints a list of strings, as ComfyUI's messages quote them. */
function pyList(items: string[]): string {
  return `[${items.map((s) => `'${s}'`).join(", ")}]`;
}

function fail(type: string, message: string, details: string, extra_info: Record<string, unknown> = {}) {
  return { type, message, details, extra_info };
}

/** int(val) / float(val) as Python does them, for the values ComfyUI would accept. */
function convert(kind: "INT" | "FLOAT", value: unknown): number | string {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return kind === "INT" ? Math.trunc(value) : value;
  if (typeof value === "string") {
    const text = value.trim();
    if (kind === "INT" && /^[+-]?\d+$/.test(text)) return Number(text);
    if (kind === "FLOAT" && text !== "" && Number.isFinite(Number(text))) return Number(text);
    return kind === "INT"
      ? `invalid literal for int() with base 10: '${value}'`
      : `could not convert string to float: '${value}'`;
  }
  return `${kind === "INT" ? "int" : "float"}() argument must be a string or a real number, not '${value === null ? "NoneType" : typeof value}'`;
}

function checkValue(name: string, spec: InputSpec, value: unknown, inputs: Record<string, unknown>) {
  const [type, options = {}] = spec;
  const extra = { input_name: name, input_config: spec, received_value: value };
  if (Array.isArray(type)) {
    if (typeof value === "string" && type.includes(value)) return null;
    const list = type.length > 20 ? `(list of length ${type.length})` : pyList(type);
    return fail("value_not_in_list", "Value not in list", `${name}: '${String(value)}' not in ${list}`, {
      ...extra,
      input_config: type.length > 20 ? null : spec,
    });
  }
  if (type === "STRING") {
    inputs[name] = typeof value === "string" ? value : JSON.stringify(value);
    return null;
  }
  if (type === "INT" || type === "FLOAT") {
    const n = convert(type, value);
    if (typeof n === "string") {
      return fail(
        "invalid_input_type",
        `Failed to convert an input value to a ${type} value`,
        `${name}, ${String(value)}, ${n}`,
        { ...extra, exception_message: n },
      );
    }
    inputs[name] = n;
    const min = options.min as number | undefined;
    const max = options.max as number | undefined;
    if (min !== undefined && n < min) {
      return fail("value_smaller_than_min", `Value ${n} smaller than min of ${min}`, name, extra);
    }
    if (max !== undefined && n > max) {
      return fail("value_bigger_than_max", `Value ${n} bigger than max of ${max}`, name, extra);
    }
  }
  return null;
}

export function validatePrompt(prompt: unknown, defs: Record<string, NodeDef>): Validation {
  if (!isRecord(prompt)) {
    return { ok: false, error: fail("invalid_prompt", "Prompt is not a dict of nodes.", ""), nodeErrors: {} };
  }
  // A working copy: like ComfyUI, validation writes converted values back into the inputs.
  const graph: PromptGraph = {};
  for (const [id, node] of Object.entries(prompt)) {
    if (!isRecord(node) || typeof node.class_type !== "string") {
      const error = fail(
        "invalid_prompt",
        "Cannot execute because a node is missing the class_type property.",
        `Node ID '#${id}'`,
      );
      return { ok: false, error, nodeErrors: {} };
    }
    if (!Object.hasOwn(defs, node.class_type)) {
      const error = fail(
        "invalid_prompt",
        `Cannot execute because node ${node.class_type} does not exist.`,
        `Node ID '#${id}'`,
      );
      return { ok: false, error, nodeErrors: {} };
    }
    graph[id] = { class_type: node.class_type, inputs: isRecord(node.inputs) ? { ...node.inputs } : {} };
  }

  const outputs = Object.keys(graph).filter((id) => defs[graph[id]?.class_type ?? ""]?.output_node);
  if (outputs.length === 0) {
    return { ok: false, error: fail("prompt_no_outputs", "Prompt has no outputs", ""), nodeErrors: {} };
  }

  const validated = new Map<string, { valid: boolean; errors: ValidationError[] }>();
  const validate = (id: string): boolean => {
    const known = validated.get(id);
    if (known) return known.valid;
    const node = graph[id] as PromptNode;
    const def = defs[node.class_type] as NodeDef;
    const errors: ValidationError[] = [];
    let valid = true;
    validated.set(id, { valid: true, errors }); // guards against cycles
    for (const [name, spec] of Object.entries(def.input.required)) {
      if (!Object.hasOwn(node.inputs, name)) {
        errors.push(fail("required_input_missing", "Required input is missing", name, { input_name: name }));
        continue;
      }
      const value = node.inputs[name];
      if (Array.isArray(value)) {
        const [from, slot] = value as unknown[];
        const source = typeof from === "string" ? graph[from] : undefined;
        if (value.length !== 2 || !source || typeof slot !== "number") {
          errors.push(
            fail("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", name, {
              input_name: name,
              input_config: spec,
              received_value: value,
            }),
          );
          continue;
        }
        const received = defs[source.class_type]?.output[slot];
        if (received !== spec[0]) {
          errors.push(
            fail(
              "return_type_mismatch",
              "Return type mismatch between linked nodes",
              `${name}, received_type(${received}) mismatch input_type(${String(spec[0])})`,
              { input_name: name, input_config: spec, received_type: received, linked_node: value },
            ),
          );
          continue;
        }
        if (!validate(from as string)) valid = false;
        continue;
      }
      const error = checkValue(name, spec, value, node.inputs);
      if (error) errors.push(error);
    }
    const result = { valid: valid && errors.length === 0, errors };
    validated.set(id, result);
    return result.valid;
  };

  const good: string[] = [];
  const nodeErrors: NodeErrors = {};
  const lines: string[] = [];
  for (const output of outputs) {
    if (validate(output)) {
      good.push(output);
      continue;
    }
    for (const [id, result] of validated) {
      if (result.valid || result.errors.length === 0) continue;
      const entry = nodeErrors[id] ?? {
        errors: result.errors,
        dependent_outputs: [],
        class_type: graph[id]?.class_type ?? "",
      };
      nodeErrors[id] = entry;
      if (!entry.dependent_outputs.includes(output)) entry.dependent_outputs.push(output);
    }
  }
  for (const entry of Object.values(nodeErrors)) {
    for (const e of entry.errors) lines.push(`${e.message}: ${e.details}`);
  }
  if (good.length === 0) {
    const error = fail("prompt_outputs_failed_validation", "Prompt outputs failed validation", lines.join("\n"));
    return { ok: false, error, nodeErrors };
  }
  return { ok: true, graph, outputs: good, nodeErrors };
}
