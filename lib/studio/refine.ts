import "server-only";
import { defaultBackendId, findBackend } from "@/lib/backends/registry";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { getRefiner } from "@/lib/refine/registry";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import type { RefineInput } from "@/lib/refine/types";
import type { RefineBody } from "@/lib/schemas/api";
import type { Idea, PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

export type RefineCallbacks = {
  signal: AbortSignal;
  /** The prompt so far, each time it grows. */
  onDelta?: (promptSoFar: string) => void;
};

/**
 * Refines a new idea (saving the idea and its first version) or a saved version with an
 * instruction (saving a child). Nothing is saved when the refiner fails or is stopped.
 */
export async function refine(body: RefineBody, cb: RefineCallbacks): Promise<PromptVersion> {
  return (await prepareRefine(body))(cb);
}

/**
 * Checks everything that can be checked before the refiner runs (unknown parent, refiner not
 * configured…), so those answer with a proper status instead of an error inside a stream.
 */
export async function prepareRefine(body: RefineBody): Promise<(cb: RefineCallbacks) => Promise<PromptVersion>> {
  const { store } = deps();
  const refiner = getRefiner(body.refiner);
  const backend = findBackend(body.backend ?? defaultBackendId());
  if (!backend) throw new AppError("invalid_request", `Unknown backend "${body.backend}".`);
  const caps = backend.capabilities;

  let idea: Idea;
  let parent: PromptVersion | undefined;
  let instruction: string | undefined;
  if ("parentId" in body) {
    parent = await store.getVersion(body.parentId);
    if (!parent) throw new AppError("not_found", "The version to refine was not found.");
    const found = await store.getIdea(parent.ideaId);
    if (!found) throw new AppError("not_found", "The idea was not found.");
    idea = found;
    instruction = body.instruction;
  } else {
    idea = { id: newId(), text: body.idea, title: "", createdAt: "" };
  }

  const style = body.style !== undefined ? body.style : (parent?.style ?? null);
  const input: RefineInput = {
    idea: idea.text,
    parent,
    instruction,
    style,
    dialect: caps.dialect,
    budget: {
      maxChars: caps.maxPromptChars,
      maxTokens: caps.maxPromptTokens,
      countTokens: caps.maxPromptTokens !== undefined ? countClipTokens : undefined,
    },
  };

  return async (cb) => {
    const timeout = AbortSignal.timeout(getConfig().timeouts.refineMs);
    const signal = AbortSignal.any([cb.signal, timeout]);
    const started = Date.now();
    let refined: Awaited<ReturnType<typeof refiner.refine>>;
    try {
      refined = await refiner.refine(input, { signal, onDelta: cb.onDelta });
    } catch (e) {
      if (timeout.aborted && !cb.signal.aborted) {
        throw new AppError(
          "timeout",
          `The refiner did not finish within ${Math.round(getConfig().timeouts.refineMs / 1000)} s.`,
          { cause: e },
        );
      }
      throw e;
    }
    if (!refined.prompt.trim()) throw new AppError("backend_error", "The refiner returned an empty prompt.");

    const now = new Date().toISOString();
    const version: PromptVersion = {
      id: newId(),
      ideaId: idea.id,
      parentId: parent?.id ?? null,
      source: "refine",
      instruction: instruction ?? null,
      prompt: refined.prompt,
      negativePrompt: caps.negativePrompt || caps.dialect === "tags" ? (refined.negativePrompt ?? null) : null,
      style,
      dialect: caps.dialect,
      refiner: refiner.id,
      model: refined.model,
      title: refined.title,
      notes: refined.notes,
      createdAt: now,
    };
    if (parent) {
      await store.createVersion(version);
    } else {
      await store.createIdeaWithVersion(
        { ...idea, title: refined.title || idea.text.slice(0, 60), createdAt: now },
        version,
      );
    }
    log.info("refined", { ideaId: idea.id, versionId: version.id, refiner: refiner.id, ms: Date.now() - started });
    return version;
  };
}
