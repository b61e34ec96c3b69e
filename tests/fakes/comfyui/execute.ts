/**
 * Runs one prompt the way ComfyUI reports it: execution_start, execution_cached, then for
 * each node `executing`, KSampler's `progress` step by step (with binary preview frames),
 * `executed` for the image nodes, and execution_success / execution_error / execution_interrupted.
 */
import type { NodeDef } from "./node-defs";
import { renderFakePng, renderPreviewJpeg } from "./render";
import type { SocketHub } from "./socket-hub";
import type { HistoryEntry, ImageRef, Job, StatusMessage } from "./types";
import type { PromptGraph, PromptNode } from "./validate-prompt";

export type ExecContext = {
  hub: SocketHub;
  defs: Record<string, NodeDef>;
  stepMs: number;
  /** Signatures of the nodes the previous prompt ran: ComfyUI reuses their outputs. */
  cache: Set<string>;
  save: (kind: ImageRef["type"], prefix: string, bytes: Buffer, junk: boolean) => ImageRef;
};

export type ExecResult = Pick<HistoryEntry, "outputs" | "status" | "meta"> & { signatures: string[] };

class Interrupted extends Error {}

class NodeFailure extends Error {
  constructor(
    readonly exceptionType: string,
    message: string,
  ) {
    super(message);
  }
}

const OOM_MESSAGE =
  "Allocation on device \nThis error means you ran out of memory on your GPU.\n\n" +
  "TIPS: If the workflow worked before you might have accidentally set the batch_size to a large number.";
const RUNTIME_MESSAGE = "mat1 and mat2 shapes cannot be multiplied (154x2048 and 768x320)";

/** Dependencies first, from the outputs back, as ComfyUI orders its work. */
function executionOrder(graph: PromptGraph, outputs: string[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const value of Object.values(graph[id]?.inputs ?? {})) {
      if (Array.isArray(value) && typeof value[0] === "string") visit(value[0]);
    }
    order.push(id);
  };
  for (const id of outputs) visit(id);
  return order;
}

/** Same class, same inputs, same upstream: the identity ComfyUI's cache keys on. */
function signatures(graph: PromptGraph, order: string[]): Map<string, string> {
  const sigs = new Map<string, string>();
  for (const id of order) {
    const node = graph[id] as PromptNode;
    const inputs = Object.entries(node.inputs).map(([k, v]) =>
      Array.isArray(v) && typeof v[0] === "string" ? [k, `@${sigs.get(v[0])}:${String(v[1])}`] : [k, v],
    );
    sigs.set(id, JSON.stringify([node.class_type, inputs]));
  }
  return sigs;
}

type Latent = { width: number; height: number; batch: number };
type Sampled = Latent & { seed: number; positive: string; negative: string };

function pause(ms: number, job: Job): Promise<void> {
  if (job.interrupted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      job.wake = undefined;
      resolve();
    }
    job.wake = done;
  });
}

function hang(job: Job): Promise<void> {
  if (job.interrupted) return Promise.resolve();
  return new Promise((resolve) => {
    job.wake = () => {
      job.wake = undefined;
      resolve();
    };
  });
}

export async function runJob(job: Job, ctx: ExecContext): Promise<ExecResult> {
  const { graph, promptId } = job;
  const messages: StatusMessage[] = [];
  const send = (type: string, data: Record<string, unknown>, keep = false) => {
    ctx.hub.send(job.clientId, type, data);
    if (keep) messages.push([type, data]);
  };
  const order = executionOrder(graph, job.item[4]);
  const sigs = signatures(graph, order);
  const isOutput = (id: string) => ctx.defs[graph[id]?.class_type ?? ""]?.output_node === true;
  // Failure modes must reach KSampler, so a run that means to fail skips the cache.
  const useCache = job.mode === "ok" || job.mode === "notImage" || job.mode === "dropSocket";
  const cached = order.filter((id) => useCache && !isOutput(id) && ctx.cache.has(sigs.get(id) ?? ""));

  send("execution_start", { prompt_id: promptId, timestamp: Date.now() }, true);
  send("execution_cached", { nodes: cached, prompt_id: promptId, timestamp: Date.now() }, true);

  const values = new Map<string, unknown[]>();
  const input = (node: PromptNode, name: string): unknown => {
    const v = node.inputs[name];
    if (Array.isArray(v) && typeof v[0] === "string") return values.get(v[0])?.[v[1] as number];
    return v;
  };
  const executed: string[] = [];
  const outputs: ExecResult["outputs"] = {};
  const meta: ExecResult["meta"] = {};
  let current: string | null = null;

  const sample = async (id: string, steps: number, look: Sampled): Promise<void> => {
    for (let step = 1; step <= steps; step++) {
      if (job.mode === "hang") await hang(job);
      else await pause(ctx.stepMs, job);
      if (job.interrupted) throw new Interrupted();
      if (job.mode === "oom") throw new NodeFailure("torch.OutOfMemoryError", OOM_MESSAGE);
      if (job.mode === "executionError" && step >= Math.ceil(steps / 2)) {
        throw new NodeFailure("RuntimeError", RUNTIME_MESSAGE);
      }
      send("progress", { value: step, max: steps, prompt_id: promptId, node: id });
      // Live previews, as with --preview-method on: after each step, PREVIEW_IMAGE (1), then the
      // image type (1 = JPEG), then the latent "decoded" so far.
      const preview = await renderPreviewJpeg({ ...look, index: 0, prompt: look.positive }, step / steps);
      ctx.hub.sendBinary(job.clientId, 1, Buffer.concat([Buffer.from([0, 0, 0, 1]), preview]));
      if (job.mode === "dropSocket" && step === Math.min(2, steps)) ctx.hub.drop(job.clientId);
    }
  };

  const evaluate = async (id: string, node: PromptNode, run: boolean): Promise<unknown[]> => {
    switch (node.class_type) {
      case "CheckpointLoaderSimple": {
        const ckpt = input(node, "ckpt_name");
        return [ckpt, ckpt, ckpt];
      }
      case "CLIPTextEncode":
        return [{ text: String(input(node, "text") ?? "") }];
      case "EmptyLatentImage":
        return [
          {
            width: Number(input(node, "width")),
            height: Number(input(node, "height")),
            batch: Number(input(node, "batch_size")),
          } satisfies Latent,
        ];
      case "KSampler": {
        const latent = input(node, "latent_image") as Latent;
        const positive = input(node, "positive") as { text: string };
        const negative = input(node, "negative") as { text: string };
        const sampled = {
          ...latent,
          seed: Number(input(node, "seed")),
          positive: positive.text,
          negative: negative.text,
        };
        if (run) await sample(id, Number(input(node, "steps")), sampled);
        return [sampled];
      }
      // FLUX: loaders pass their file names on; the guider carries the one conditioning (no negative).
      case "UNETLoader":
        return [input(node, "unet_name")];
      case "DualCLIPLoader":
        return [[input(node, "clip_name1"), input(node, "clip_name2")]];
      case "VAELoader":
        return [input(node, "vae_name")];
      case "ModelSamplingFlux":
        return [input(node, "model")];
      case "FluxGuidance":
        return [input(node, "conditioning")];
      case "BasicGuider":
        return [{ positive: input(node, "conditioning") as { text: string } }];
      case "KSamplerSelect":
        return [input(node, "sampler_name")];
      case "BasicScheduler":
        return [{ steps: Number(input(node, "steps")) }];
      case "RandomNoise":
        return [{ seed: Number(input(node, "noise_seed")) }];
      case "EmptySD3LatentImage":
        return [
          {
            width: Number(input(node, "width")),
            height: Number(input(node, "height")),
            batch: Number(input(node, "batch_size")),
          } satisfies Latent,
        ];
      case "SamplerCustomAdvanced": {
        const latent = input(node, "latent_image") as Latent;
        const guider = input(node, "guider") as { positive: { text: string } };
        const sampled = {
          ...latent,
          seed: (input(node, "noise") as { seed: number }).seed,
          positive: guider.positive.text,
          negative: "",
        };
        if (run) await sample(id, (input(node, "sigmas") as { steps: number }).steps, sampled);
        return [sampled, sampled];
      }
      case "VAEDecode":
        return [input(node, "samples")];
      case "SaveImage":
      case "PreviewImage": {
        const batch = input(node, "images") as Sampled;
        const kind = node.class_type === "SaveImage" ? "output" : "temp";
        const prefix = kind === "output" ? String(input(node, "filename_prefix") ?? "ComfyUI") : "ComfyUI_temp";
        const images: ImageRef[] = [];
        for (let index = 0; index < batch.batch; index++) {
          if (job.interrupted) throw new Interrupted();
          const render = { prompt: batch.positive, negative: batch.negative, seed: batch.seed, index };
          const bytes = await renderFakePng({ ...render, width: batch.width, height: batch.height }, graph);
          images.push(ctx.save(kind, prefix, bytes, job.mode === "notImage"));
        }
        outputs[id] = { images };
        meta[id] = { node_id: id, display_node: id, parent_node: null, real_node_id: id };
        send("executed", { node: id, display_node: id, output: { images }, prompt_id: promptId });
        return [];
      }
      default:
        return [];
    }
  };

  try {
    for (const id of order) {
      const node = graph[id] as PromptNode;
      if (cached.includes(id)) {
        values.set(id, await evaluate(id, node, false));
        continue;
      }
      if (job.interrupted) throw new Interrupted();
      current = id;
      job.currentNode = id;
      send("executing", { node: id, display_node: id, prompt_id: promptId });
      values.set(id, await evaluate(id, node, true));
      executed.push(id);
      await pause(1, job);
    }
    send("execution_success", { prompt_id: promptId, timestamp: Date.now() }, true);
    return {
      outputs,
      meta,
      status: { status_str: "success", completed: true, messages },
      signatures: [...sigs.values()],
    };
  } catch (e) {
    const nodeType = current ? (graph[current]?.class_type ?? "") : "";
    const base = { prompt_id: promptId, node_id: current, node_type: nodeType, executed, timestamp: Date.now() };
    if (e instanceof Interrupted) {
      send("execution_interrupted", base, true);
    } else if (e instanceof NodeFailure) {
      send(
        "execution_error",
        {
          ...base,
          exception_message: e.message,
          exception_type: e.exceptionType,
          traceback: [`  File "comfy/samplers.py", line 1, in sample\n`, `${e.exceptionType}: ${e.message}\n`],
          current_inputs: {},
          current_outputs: {},
        },
        true,
      );
    } else {
      throw e;
    }
    return { outputs, meta, status: { status_str: "error", completed: false, messages }, signatures: [] };
  } finally {
    job.currentNode = null;
  }
}
