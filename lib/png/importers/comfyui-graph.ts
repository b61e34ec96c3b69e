/**
 * ComfyUI's API-format graph (the `prompt` chunk): `{ [nodeId]: { class_type, inputs } }`,
 * where an input is a literal or a link `[sourceNodeId, outputIndex]`. These helpers follow
 * links with a depth limit and a visited set, since the graph comes from an untrusted file.
 */

export type ComfyNode = { id: string; classType: string; inputs: Record<string, unknown> };
export type ComfyGraph = Map<string, ComfyNode>;
type Link = { node: ComfyNode; output: number };

const MAX_DEPTH = 40;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The graph's nodes, or null when the JSON is not an API-format graph. */
export function toComfyGraph(json: unknown): ComfyGraph | null {
  if (!isRecord(json)) return null;
  const graph: ComfyGraph = new Map();
  for (const [id, node] of Object.entries(json)) {
    if (!isRecord(node) || typeof node.class_type !== "string") continue;
    graph.set(id, { id, classType: node.class_type, inputs: isRecord(node.inputs) ? node.inputs : {} });
  }
  return graph.size > 0 ? graph : null;
}

/** The node an input links to, or null for a literal or a dangling link. */
export function follow(graph: ComfyGraph, value: unknown): Link | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, output] = value as unknown[];
  if ((typeof id !== "string" && typeof id !== "number") || typeof output !== "number") return null;
  const node = graph.get(String(id));
  return node ? { node, output } : null;
}

/**
 * The input at a path of input names, stepping through links: `["guider", "cfg"]` is the
 * `cfg` input of the node that `guider` links to. Undefined when a step is missing.
 */
export function inputAt(graph: ComfyGraph, node: ComfyNode, path: readonly string[]): unknown {
  let current = node;
  for (let i = 0; i < path.length - 1; i++) {
    const next = follow(graph, current.inputs[path[i]!]);
    if (!next) return undefined;
    current = next.node;
  }
  return current.inputs[path[path.length - 1]!];
}

// A literal may sit behind a chain of primitive, seed, or switch nodes; look for these inputs on the way.
const NUMBER_INPUTS = ["value", "int", "float", "number", "seed", "noise_seed"];
const STRING_INPUTS = ["text", "string", "value", "prompt", "text_g", "t5xxl", "clip_l", "text_l"];

/**
 * A number, following links through nodes that pass one on (by the same name, or a generic
 * one). `seen` makes each node count once per question, so a crafted graph full of diamonds
 * costs linear time, not exponential.
 */
export function resolveNumber(
  graph: ComfyGraph,
  value: unknown,
  names: readonly string[],
  depth = 0,
  seen = new Set<string>(),
): unknown {
  if (typeof value === "number" || typeof value === "string") return value;
  const link = follow(graph, value);
  if (!link || depth >= MAX_DEPTH || seen.has(link.node.id)) return undefined;
  seen.add(link.node.id);
  for (const name of [...names, ...NUMBER_INPUTS]) {
    if (!(name in link.node.inputs)) continue;
    const found = resolveNumber(graph, link.node.inputs[name], names, depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A string, following links through text nodes; concatenation nodes join their parts. */
export function resolveString(
  graph: ComfyGraph,
  value: unknown,
  depth = 0,
  seen = new Set<string>(),
): string | undefined {
  if (typeof value === "string") return value;
  const link = follow(graph, value);
  if (!link || depth >= MAX_DEPTH || seen.has(link.node.id)) return undefined;
  const { node } = link;
  seen.add(node.id);
  if (/concat/i.test(node.classType)) {
    const delimiter = typeof node.inputs.delimiter === "string" ? node.inputs.delimiter : "";
    const parts = Object.entries(node.inputs)
      .filter(([name]) => name !== "delimiter" && name !== "separator")
      .map(([, v]) => resolveString(graph, v, depth + 1, seen))
      .filter((s): s is string => s !== undefined && s !== "");
    return parts.length > 0 ? parts.join(delimiter) : undefined;
  }
  for (const name of STRING_INPUTS) {
    if (!(name in node.inputs)) continue;
    const found = resolveString(graph, node.inputs[name], depth + 1, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Text inputs of encoders, most telling first: Flux and SD3 put the full prompt in t5xxl. */
const ENCODER_TEXT_INPUTS = ["text", "t5xxl", "text_g", "clip_g", "clip_l", "text_l", "prompt"];

/**
 * The prompt texts behind a conditioning input. Encoders (CLIPTextEncode and its SDXL, SD3 and
 * Flux cousins) give their text; nodes with positive and negative outputs (ControlNetApplyAdvanced)
 * pass on the side matching the output index; other conditioning nodes (combine, concat, area,
 * timestep range) pass on every `conditioning*` input. ConditioningZeroOut is an empty prompt.
 */
export function conditioningTexts(graph: ComfyGraph, value: unknown, depth = 0, seen = new Set<string>()): string[] {
  const link = follow(graph, value);
  if (!link || depth >= MAX_DEPTH || seen.has(link.node.id)) return [];
  const { node, output } = link;
  seen.add(node.id);
  if (node.classType === "ConditioningZeroOut") return [];

  for (const name of ENCODER_TEXT_INPUTS) {
    if (!(name in node.inputs)) continue;
    const text = resolveString(graph, node.inputs[name], depth + 1, seen)?.trim();
    if (text) return [text];
  }
  if ("positive" in node.inputs && "negative" in node.inputs) {
    return conditioningTexts(graph, node.inputs[output === 1 ? "negative" : "positive"], depth + 1, seen);
  }
  return Object.keys(node.inputs)
    .filter((name) => name.startsWith("conditioning"))
    .flatMap((name) => conditioningTexts(graph, node.inputs[name], depth + 1, seen));
}

/**
 * The first node up a chain (following `follows` inputs) that `stop` accepts. `barrier` ends
 * the walk unsuccessfully, so a second-pass sampler does not claim the first pass's latent.
 */
export function upstream(
  graph: ComfyGraph,
  value: unknown,
  opts: { stop: (n: ComfyNode) => boolean; follows: readonly string[]; barrier?: (n: ComfyNode) => boolean },
): ComfyNode | null {
  let link = follow(graph, value);
  for (let depth = 0; link && depth < MAX_DEPTH; depth++) {
    const { node } = link;
    if (opts.stop(node)) return node;
    if (opts.barrier?.(node)) return null;
    const next = opts.follows.find((name) => follow(graph, node.inputs[name]));
    link = next === undefined ? null : follow(graph, node.inputs[next]);
  }
  return null;
}

/** Node ids in ComfyUI's own order: numbers by value ("3" before "10"), then the rest ("12:3" subgraph ids). */
export function byNodeId(a: ComfyNode, b: ComfyNode): number {
  const x = Number(a.id);
  const y = Number(b.id);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  if (Number.isFinite(x)) return -1;
  if (Number.isFinite(y)) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
