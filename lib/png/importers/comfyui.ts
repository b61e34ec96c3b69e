import type { ImportedRecipe } from "../recipe";
import {
  byNodeId,
  type ComfyGraph,
  type ComfyNode,
  conditioningTexts,
  inputAt,
  resolveNumber,
  resolveString,
  toComfyGraph,
  upstream,
} from "./comfyui-graph";
import { compactParams, toInt, toNumber, toSize, toText } from "./values";

const SAMPLERS = new Set(["KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced"]);

/**
 * Where each setting lives on a sampler, first match wins: directly on KSampler and
 * KSamplerAdvanced, or one link away on SamplerCustom / SamplerCustomAdvanced, whose noise,
 * guider, sampler and sigmas are separate nodes (RandomNoise, CFGGuider, KSamplerSelect,
 * BasicScheduler).
 */
const PATHS = {
  positive: [["positive"], ["guider", "positive"], ["guider", "conditioning"]],
  negative: [["negative"], ["guider", "negative"]],
  seed: [["seed"], ["noise_seed"], ["noise", "noise_seed"], ["noise", "seed"]],
  steps: [["steps"], ["sigmas", "steps"]],
  cfg: [["cfg"], ["guider", "cfg"]],
  sampler: [["sampler_name"], ["sampler", "sampler_name"]],
  model: [["model"], ["guider", "model"]],
} as const;

function firstInput(graph: ComfyGraph, node: ComfyNode, paths: readonly (readonly string[])[]): unknown {
  for (const path of paths) {
    const value = inputAt(graph, node, path);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The four core samplers, and custom ones shaped like KSampler (e.g. "KSampler (Efficient)"). */
function isSampler(node: ComfyNode): boolean {
  if (SAMPLERS.has(node.classType)) return true;
  const { inputs } = node;
  return "positive" in inputs && "negative" in inputs && ("seed" in inputs || "noise_seed" in inputs);
}

const hasSize = (n: ComfyNode) => n.inputs.width !== undefined && n.inputs.height !== undefined;
const LATENT_INPUTS = ["samples", "latent_image", "latent", "latent_a"];

/** The node that sized this sampler's latent, unless another sampler came first (a hires pass). */
function latentSource(graph: ComfyGraph, sampler: ComfyNode): ComfyNode | null {
  return upstream(graph, sampler.inputs.latent_image, { stop: hasSize, follows: LATENT_INPUTS, barrier: isSampler });
}

/** The first-pass sampler: the one fed by an empty latent; else the lowest id. */
function mainSampler(graph: ComfyGraph): ComfyNode | null {
  const samplers = [...graph.values()].filter(isSampler).sort(byNodeId);
  return samplers.find((s) => latentSource(graph, s) !== null) ?? samplers[0] ?? null;
}

function checkpoint(graph: ComfyGraph, sampler: ComfyNode): string | undefined {
  const isLoader = (n: ComfyNode) => typeof n.inputs.ckpt_name === "string" || typeof n.inputs.unet_name === "string";
  // Up the model chain through LoRA loaders, model patches and the like; else any loader in the graph.
  const loader =
    upstream(graph, firstInput(graph, sampler, PATHS.model), { stop: isLoader, follows: ["model"] }) ??
    [...graph.values()].sort(byNodeId).find(isLoader);
  return toText(loader?.inputs.ckpt_name) ?? toText(loader?.inputs.unet_name);
}

function size(graph: ComfyGraph, sampler: ComfyNode): string | undefined {
  const source =
    latentSource(graph, sampler) ??
    [...graph.values()].sort(byNodeId).find((n) => /^Empty.*Latent/.test(n.classType) && hasSize(n));
  if (!source) return undefined;
  return toSize(
    resolveNumber(graph, source.inputs.width, ["width"]),
    resolveNumber(graph, source.inputs.height, ["height"]),
  );
}

function joinedTexts(texts: string[]): string | undefined {
  const unique = [...new Set(texts)];
  return unique.length > 0 ? unique.join(", ") : undefined;
}

/**
 * A recipe from ComfyUI's `prompt` chunk (the API-format graph; the `workflow` chunk is the
 * editor's layout and is not read). Picks the first-pass sampler, follows its positive and
 * negative links to the text encoders, and its latent and model links to the size and
 * checkpoint. Null when the text is not a graph with a sampler in it.
 */
export function fromComfyPrompt(text: string): ImportedRecipe | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const graph = toComfyGraph(json);
  const sampler = graph && mainSampler(graph);
  if (!graph || !sampler) return null;

  const number = (paths: readonly (readonly string[])[], names: string[]) =>
    resolveNumber(graph, firstInput(graph, sampler, paths), names);
  const result: ImportedRecipe = {
    source: "comfyui",
    prompt: joinedTexts(conditioningTexts(graph, firstInput(graph, sampler, PATHS.positive))) ?? "",
    params: compactParams({
      size: size(graph, sampler),
      seed: toInt(number(PATHS.seed, ["seed", "noise_seed"])),
      steps: toInt(number(PATHS.steps, ["steps"])),
      guidance: toNumber(number(PATHS.cfg, ["cfg"])),
      sampler: toText(resolveString(graph, firstInput(graph, sampler, PATHS.sampler))),
      checkpoint: checkpoint(graph, sampler),
    }),
  };
  const negative = joinedTexts(conditioningTexts(graph, firstInput(graph, sampler, PATHS.negative)));
  if (negative !== undefined) result.negativePrompt = negative;
  return result;
}
