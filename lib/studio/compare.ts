import "server-only";
import { randomInt } from "node:crypto";
import { findBackend } from "@/lib/backends/registry";
import type { GenerateRequest, ImageBackend } from "@/lib/backends/types";
import { BACKENDS, type BackendId } from "@/lib/catalog";
import { versionNumbers } from "@/lib/client/versions";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { assertAllowed } from "@/lib/safety/moderate";
import type { ComparisonBody } from "@/lib/schemas/api";
import type {
  Comparison,
  ComparisonCell,
  ComparisonDetail,
  Generation,
  GenerationParams,
  PromptVersion,
} from "@/lib/schemas/entities";
import { deps } from "./deps";
import { getJobs } from "@/lib/jobs";
import { enqueueGeneration } from "@/lib/jobs/enqueue";
import { generationParams, RANDOM_SEED, resolveParams } from "@/lib/jobs/request-params";

const notFound = () => new AppError("not_found", "The comparison was not found.");

/** A backend that exists and is configured; a comparison is refused up front, not cell by cell. */
function comparableBackend(id: string): ImageBackend {
  const backend = findBackend(id);
  if (!backend) throw new AppError("invalid_request", `Unknown backend "${id}".`);
  if (!backend.isConfigured()) {
    const enableWith = BACKENDS[backend.id as BackendId]?.enableWith;
    throw new AppError("invalid_request", `${backend.label} is not configured: set ${enableWith}.`);
  }
  return backend;
}

function distinct(ids: readonly string[], what: string): void {
  if (new Set(ids).size !== ids.length) throw new AppError("invalid_request", `Each ${what} may be compared once.`);
}

/**
 * Cells on different backends render at one size when there is one they all take (each
 * backend's default first), so only the backend differs; otherwise each keeps its default.
 */
function sharedSize(backends: readonly ImageBackend[]): string | undefined {
  const first = backends[0];
  if (!first) return undefined;
  const candidates = [...backends.map((b) => b.capabilities.defaultSize), ...first.capabilities.sizes];
  return candidates.find((size) => backends.every((b) => b.capabilities.sizes.includes(size)));
}

export type CompareOptions = {
  /** Who asks (lib/http/client-key.ts): every cell takes one of their queue places. */
  clientKey?: string;
  signal?: AbortSignal;
};

type Planned = { cell: ComparisonCell; generation: Generation; backend: ImageBackend; request: GenerateRequest };

/**
 * 2–4 versions of one idea on one backend, or one version on 2–4 backends: one seed (given, or
 * drawn once here) and the same parameters for every cell, one image per cell. The comparison,
 * its cells and their queued generations are saved together, then each generation is queued
 * like any other (events, retries, provenance). Like POST /api/generate, the prompts are
 * moderated and the cells count against the client's queue cap: all of them, or none.
 */
export async function createComparison(body: ComparisonBody, opts: CompareOptions = {}): Promise<Comparison> {
  const { store } = deps();
  const byVersions = "versionIds" in body;
  const versionIds = byVersions ? body.versionIds : [body.versionId];
  const backendIds = byVersions ? [body.backend] : body.backends;
  distinct(versionIds, "version");
  distinct(backendIds, "backend");

  const versions = await Promise.all(versionIds.map((id) => store.getVersion(id)));
  const found = versions.filter((v): v is PromptVersion => v !== undefined);
  if (found.length !== versionIds.length) throw new AppError("not_found", "A version to compare was not found.");
  const ideaId = found[0]?.ideaId ?? "";
  if (found.some((v) => v.ideaId !== ideaId)) {
    throw new AppError("invalid_request", "The versions to compare must belong to one idea.");
  }
  const backends = backendIds.map(comparableBackend);

  // -1 ("random", lib/jobs/request-params.ts) is a seed not given: one is drawn here for every cell.
  const asked = body.params.seed === RANDOM_SEED ? undefined : body.params.seed;
  const seed = asked ?? randomInt(0, 2 ** 32);
  const size = body.params.size ?? sharedSize(backends);
  const shared: GenerationParams = { ...body.params, ...(size ? { size } : {}) };
  delete shared.seed;

  const numbers = versionNumbers(await store.listVersions(ideaId));
  const vLabel = (v: PromptVersion) => `v${numbers.get(v.id) ?? "?"}`;
  const pairs = byVersions
    ? found.map((version) => ({ version, backend: backends[0] as ImageBackend }))
    : backends.map((backend) => ({ version: found[0] as PromptVersion, backend }));

  const createdAt = new Date().toISOString();
  const planned: Planned[] = pairs.map(({ version, backend }, position) => {
    // A backend without seeds cannot share the drawn one; a seed asked for explicitly is refused there.
    const cellSeed = asked ?? (backend.capabilities.seed ? seed : undefined);
    const request = resolveParams(backend, { ...shared, seed: cellSeed, n: 1 }, version);
    const generation: Generation = {
      id: newId(),
      promptId: version.id,
      ideaId,
      backend: backend.id,
      model: backend.model,
      params: generationParams(request),
      status: "queued",
      progress: 0,
      error: null,
      createdAt,
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    };
    const label = byVersions ? `${vLabel(version)} · ${backend.label}` : backend.label;
    return {
      cell: { position, label, versionId: version.id, backend: backend.id, generationId: generation.id },
      generation,
      backend,
      request,
    };
  });

  const title = byVersions
    ? `${found.map(vLabel).join(" vs ")} · ${backends[0]?.label}`
    : `${vLabel(found[0] as PromptVersion)} on ${backends.map((b) => b.label).join(" vs ")}`;
  const comparison: Comparison = {
    id: newId(),
    ideaId,
    kind: byVersions ? "versions" : "backends",
    seed,
    params: shared,
    title,
    cells: planned.map((p) => p.cell),
    createdAt,
  };
  const ids = planned.map((p) => p.generation.id);
  const { cap } = getJobs();
  if (opts.clientKey !== undefined) await cap.reserve(opts.clientKey, ids, getConfig().maxQueuedPerClient);
  try {
    const idea = await store.getIdea(ideaId);
    await Promise.all(
      found.map((v) =>
        assertAllowed({ texts: { idea: idea?.text, prompt: v.prompt }, stage: "generate", signal: opts.signal }),
      ),
    );
    await store.createComparison(
      comparison,
      planned.map((p) => p.generation),
    );
  } catch (e) {
    await cap.release(ids);
    throw e;
  }
  for (const p of planned) await enqueueGeneration(p.generation);
  log.info("comparison", { comparisonId: comparison.id, ideaId, kind: comparison.kind, cells: planned.length });
  return comparison;
}

export async function getComparisonDetail(id: string): Promise<ComparisonDetail> {
  const { store } = deps();
  const comparison = await store.getComparison(id);
  if (!comparison) throw notFound();
  const idea = await store.getIdea(comparison.ideaId);
  if (!idea) throw notFound();
  const versionIds = [...new Set(comparison.cells.map((c) => c.versionId))];
  const [versions, generations] = await Promise.all([
    Promise.all(versionIds.map((v) => store.getVersion(v))),
    Promise.all(
      comparison.cells.map(async (c) => {
        const generation = await store.getGeneration(c.generationId);
        return generation && { ...generation, images: await store.listImagesForGeneration(generation.id) };
      }),
    ),
  ]);
  return {
    ...comparison,
    idea,
    versions: versions.filter((v) => v !== undefined),
    generations: generations.filter((g) => g !== undefined),
  };
}

/** Newest first. */
export async function listComparisons(ideaId: string): Promise<{ items: Comparison[] }> {
  const { store } = deps();
  if (!(await store.getIdea(ideaId))) throw new AppError("not_found", "The idea was not found.");
  return { items: await store.listComparisons(ideaId) };
}

/** Only the record: the generations and images are the idea's and stay in its history. */
export async function deleteComparison(id: string): Promise<void> {
  if (!(await deps().store.deleteComparison(id))) throw notFound();
}
