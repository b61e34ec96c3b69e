import "server-only";
import { randomUUID } from "node:crypto";
import { BACKENDS } from "@/lib/catalog";
import type { Capabilities } from "@/lib/schemas/catalog";
import { getConfig } from "@/lib/config";
import { AppError, abortError } from "@/lib/errors";
import type { GeneratedImage, GenerateOptions, GenerateRequest, ImageBackend } from "../types";
import { cancelPrompt, type PromptState } from "./cancel";
import { defaultCheckpoint, fetchCheckpoints } from "./checkpoints";
import { type ComfyEndpoint, comfyEndpoint } from "./endpoint";
import { followPrompt } from "./follow-prompt";
import { currentWorkflowSync, loadWorkflow, workflowName } from "./load-workflow";
import { workflowCapabilities } from "./workflow-capabilities";
import { fetchImages, outputImages } from "./outputs";
import { ProgressTracker } from "./progress";
import { parsePreviewFrame } from "./preview-frame";
import { queuePrompt } from "./queue-prompt";
import { checkRequest, randomSeed, workflowValues } from "./request-values";
import { openSocket } from "./socket";
import { fillWorkflow } from "./workflow";

const FACTS = BACKENDS.comfyui;

export type ComfyuiBackendOptions = {
  /** Between GET /history polls once the websocket is gone. */
  pollMs?: number;
  /** Websocket silence after which /history is checked anyway. */
  quietMs?: number;
  /** How long to wait for /ws to open before going on without it. */
  socketOpenMs?: number;
};

function configuredEndpoint(): ComfyEndpoint {
  const url = getConfig().comfyuiUrl;
  if (!url) throw new AppError("backend_unavailable", `${FACTS.label} is not configured: set ${FACTS.enableWith}.`);
  return comfyEndpoint(url);
}

/** ComfyUI's HTTP + websocket API, driving an API-format workflow template. */
export function createComfyuiBackend(options: ComfyuiBackendOptions = {}): ImageBackend {
  const pollMs = options.pollMs ?? 1_000;
  const quietMs = options.quietMs ?? 5_000;
  const socketOpenMs = options.socketOpenMs ?? 5_000;

  /**
   * One prompt per image, each a batch of 1 with seed + i. KSampler draws a whole batch's noise
   * from one seed, so only image 0 of a batch could be made again from its seed; separate
   * prompts make every reported seed true. ComfyUI caches the loader and text encoders, so the
   * cost is only the sampling.
   */
  async function generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]> {
    const endpoint = configuredEndpoint();
    const template = await loadWorkflow();
    const size = checkRequest(req);
    if (opts.signal.aborted) throw abortError();

    const checkpoint = template.placeholders.has("checkpoint")
      ? (req.checkpoint ?? (await defaultCheckpoint(endpoint, opts.signal)))
      : undefined;
    const firstSeed = req.seed ?? randomSeed();
    const images: GeneratedImage[] = [];
    for (let i = 0; i < req.n; i++) {
      const onProgress = opts.onProgress && ((f: number) => opts.onProgress?.((i + f) / req.n));
      const seed = firstSeed + i;
      const workflow = fillWorkflow(
        template.workflow,
        workflowValues(req, size, seed, checkpoint, workflowCapabilities(template)),
      );
      const made = await runPrompt(endpoint, workflow, { ...opts, onProgress });
      for (const { ref, ...image } of made.fetched) {
        images.push({
          ...image,
          seed,
          meta: {
            workflow,
            workflowName: template.name,
            promptId: made.promptId,
            ...(checkpoint ? { checkpoint } : {}),
            node: ref.nodeId,
          },
        });
      }
    }
    return images;
  }

  async function runPrompt(endpoint: ComfyEndpoint, workflow: ReturnType<typeof fillWorkflow>, opts: GenerateOptions) {
    const clientId = randomUUID();
    const socket = await openSocket(endpoint, clientId, opts.signal, socketOpenMs);
    try {
      const promptId = await queuePrompt(endpoint, workflow, clientId);
      const { onPreview } = opts;
      if (socket && onPreview) {
        // The client id is this prompt's alone; a frame that names its prompt must name this one.
        socket.onBinary = (data) => {
          const preview = parsePreviewFrame(data);
          if (preview && (preview.promptId === undefined || preview.promptId === promptId)) onPreview(preview.frame);
        };
      }
      const tracker = new ProgressTracker(workflow, opts.onProgress);
      let state: PromptState = "queued";
      let entry: Awaited<ReturnType<typeof followPrompt>>;
      try {
        if (opts.signal.aborted) throw abortError();
        entry = await followPrompt({
          endpoint,
          promptId,
          socket,
          signal: opts.signal,
          tracker,
          pollMs,
          quietMs,
          onState: (s) => {
            state = s;
          },
        });
      } catch (e) {
        if (!opts.signal.aborted) throw e;
        // Cancel or the job's deadline: take the prompt off the GPU, not just stop listening.
        await cancelPrompt(endpoint, promptId, state);
        throw abortError();
      }
      tracker.sampled();

      const refs = outputImages(entry);
      if (refs.length === 0) {
        throw new AppError(
          "backend_error",
          "The ComfyUI workflow finished without saving an image; it needs a SaveImage node.",
        );
      }
      const fetched = await fetchImages(endpoint, refs, opts.signal);
      tracker.finished();
      return { promptId, fetched };
    } finally {
      socket?.close();
    }
  }

  return {
    id: FACTS.id,
    label: FACTS.label,
    /** The workflow in use; the checkpoint is chosen per request and kept in each image's meta. */
    get model(): string {
      return workflowName();
    },
    /** What the workflow declares (its family, sizes), else the family follows the checkpoint. */
    get capabilities(): Capabilities {
      return workflowCapabilities(currentWorkflowSync());
    },
    isConfigured: () => Boolean(getConfig().comfyuiUrl),
    generate,
    listCheckpoints: ({ signal }) => fetchCheckpoints(configuredEndpoint(), signal),
  };
}

export const comfyuiBackend: ImageBackend = createComfyuiBackend();
