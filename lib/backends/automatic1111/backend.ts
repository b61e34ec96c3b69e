import "server-only";
import { BACKENDS } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError, abortError } from "@/lib/errors";
import { log } from "@/lib/log";
import { guessModelFamily } from "@/lib/prompt-formats/guess-dialect";
import { withFamilyDefaults } from "@/lib/prompt-formats/model-family";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { GeneratedImage, GenerateOptions, GenerateRequest, ImageBackend } from "../types";
import { fetchCheckpoints } from "./checkpoints";
import { type A1111Response, a1111Request } from "./http";
import { decodeImages } from "./images";
import { parseInfo } from "./info";
import { sendInterrupt } from "./interrupt";
import { httpError } from "./map-error";
import { endedInterrupted, startProgressPoller } from "./progress";
import { buildTxt2imgRequest } from "./request";
import { parseTxt2imgResponse } from "./response";
import { resolveServer } from "./server";

const FACTS = BACKENDS.automatic1111;

/** The model name before the server has told us which checkpoint it runs. */
export const A1111_DEFAULT_MODEL = "sd-webui";

export type Automatic1111Options = {
  /** How often to ask /sdapi/v1/progress while txt2img runs; tests shorten it. */
  pollMs?: number;
};

/**
 * AUTOMATIC1111's stable-diffusion-webui (or Forge, same API) started with --api: one blocking
 * POST /sdapi/v1/txt2img per generation, /progress polled beside it, /interrupt to stop it.
 */
export function createAutomatic1111Backend(options: Automatic1111Options = {}): ImageBackend {
  const pollMs = options.pollMs ?? 500;
  // The checkpoint is the server's choice unless the request names one: learn it from answers.
  let lastModel: string | undefined;

  async function generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]> {
    if (opts.signal.aborted) throw abortError();
    const body = buildTxt2imgRequest(req);
    const server = resolveServer();

    const call = new AbortController();
    let interrupting: Promise<void> | undefined;
    const onAbort = () => {
      interrupting ??= sendInterrupt(server);
      call.abort();
    };
    opts.signal.addEventListener("abort", onAbort, { once: true });
    const poller = startProgressPoller(server, {
      intervalMs: pollMs,
      onProgress: opts.onProgress,
      onPreview: opts.onPreview,
    });

    let res: A1111Response;
    try {
      res = await a1111Request(server, { method: "POST", path: "/sdapi/v1/txt2img", body, signal: call.signal });
    } catch (e) {
      if (opts.signal.aborted) {
        await interrupting;
        throw abortError();
      }
      throw e;
    } finally {
      opts.signal.removeEventListener("abort", onAbort);
      await poller.stop();
    }
    // An answer that raced the cancel is the interrupted job's: never returned, so never stored.
    if (opts.signal.aborted) {
      await interrupting;
      throw abortError();
    }
    if (res.status !== 200) throw httpError(res.status, res.headers, res.text);

    const answer = parseTxt2imgResponse(res.text);
    const info = parseInfo(answer.info);
    if (await endedInterrupted(server)) {
      throw new AppError("interrupted", "The job was interrupted on the AUTOMATIC1111 server; nothing was kept.");
    }
    const model = info.modelName ?? req.checkpoint ?? lastModel ?? A1111_DEFAULT_MODEL;
    if (req.checkpoint && info.modelName && !req.checkpoint.includes(info.modelName)) {
      // A1111 falls back to another checkpoint, silently, when it cannot find the one asked for.
      log.warn("a1111: ran another checkpoint than asked", { asked: req.checkpoint, ran: info.modelName });
    }
    const images = await decodeImages(answer.images, info, req.n, model);
    if (opts.signal.aborted) throw abortError();
    if (info.modelName) lastModel = info.modelName;
    opts.onProgress?.(1);
    return images;
  }

  async function listCheckpoints({ signal }: { signal: AbortSignal }): Promise<string[]> {
    try {
      return await fetchCheckpoints(resolveServer(), signal);
    } catch (e) {
      if (signal.aborted && (signal.reason as { name?: unknown } | undefined)?.name === "TimeoutError") {
        throw new AppError("timeout", "AUTOMATIC1111 took too long to list its checkpoints.", { cause: e });
      }
      throw e;
    }
  }

  return {
    id: FACTS.id,
    label: FACTS.label,
    get model(): string {
      return lastModel ?? A1111_DEFAULT_MODEL;
    },
    /**
     * The family in force when a request names no checkpoint or family: A1111_MODEL_FAMILY when
     * set, else the family of the checkpoint the server last ran (its name and hash), else SD 1.5.
     * Every family's sizes stay allowed: a request may load another checkpoint.
     */
    get capabilities(): Capabilities {
      const set = getConfig().a1111ModelFamily;
      if (set) return withFamilyDefaults(FACTS.capabilities, set, "setting");
      const ran = lastModel ? guessModelFamily({ name: lastModel }) : undefined;
      return withFamilyDefaults(FACTS.capabilities, ran ?? FACTS.capabilities.family, "checkpoint");
    },
    isConfigured: () => Boolean(getConfig().a1111Url),
    generate,
    listCheckpoints,
  };
}

export const automatic1111Backend: ImageBackend = createAutomatic1111Backend();
