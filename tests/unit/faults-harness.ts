/**
 * Shared by the fault-injection tests (faults-*.test.ts): a fresh data directory, a saved
 * prompt to generate from, a way to run a generation to its end through the studio's own use
 * case, and the checks every injected fault must pass.
 */
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { GenerationParams, GenerationWithImages, PromptVersion } from "@/lib/schemas/entities";

export const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-faults-"));
process.env.DATA_DIR = dataDir;

/** Sets (or, with undefined, unsets) variables and makes config, store and SDK client read them afresh. */
export async function configure(env: Record<string, string | undefined>): Promise<void> {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  (await import("@/lib/config")).resetConfigForTests();
  (await import("@/lib/openai-client")).resetOpenAIClientForTests();
}

export async function closeStore(): Promise<void> {
  await (await import("@/lib/store")).resetStoreForTests();
}

/** A saved idea with its first version, written through the store as the refine use case does. */
export async function savedPrompt(prompt = "a small red boat on a calm lake at dawn"): Promise<PromptVersion> {
  const { getStore } = await import("@/lib/store");
  const { newId } = await import("@/lib/ids");
  const now = new Date().toISOString();
  const idea = { id: newId(), text: `fault test: ${prompt}`, title: "Fault test", createdAt: now };
  const version: PromptVersion = {
    id: newId(),
    ideaId: idea.id,
    parentId: null,
    source: "edit",
    instruction: null,
    prompt,
    negativePrompt: "blurry",
    style: null,
    dialect: "prose",
    refiner: "manual",
    model: "manual",
    title: idea.title,
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: now,
  };
  await getStore().createIdeaWithVersion(idea, version);
  return version;
}

const FINAL = new Set(["succeeded", "failed", "canceled"]);

/** POST /api/generate's use case, then waits for the generation to end; with its images. */
export async function generateToEnd(
  version: PromptVersion,
  backend: string,
  params: GenerationParams = {},
  timeoutMs = 30_000,
): Promise<GenerationWithImages> {
  const { generate } = await import("@/lib/studio/generate");
  const { getGenerationWithImages } = await import("@/lib/studio/queries");
  const queued = await generate({ promptId: version.id, backend, params });
  const until = Date.now() + timeoutMs;
  for (;;) {
    const g = await getGenerationWithImages(queued.id);
    if (g && FINAL.has(g.status)) return g;
    if (Date.now() > until) throw new Error(`generation ${queued.id} did not end (last: ${g?.status})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What is in DATA_DIR/images now: image files, thumbnails and any temp file. */
export function filesOnDisk(): string[] {
  const dir = path.join(dataDir, "images");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * The outcome every fault must have when it is not retried away: the generation failed with
 * this code and a message a person can act on; the idea and the version are still there,
 * word for word; no image row; the files on disk are those from before (no partial file, no temp).
 */
export async function expectCleanFailure(
  g: GenerationWithImages,
  version: PromptVersion,
  filesBefore: string[],
  expected: { code: string; message: RegExp },
): Promise<void> {
  expect(g.status, JSON.stringify(g.error)).toBe("failed");
  expect(g.error?.code).toBe(expected.code);
  expect(g.error?.message).toMatch(expected.message);
  expect(g.error?.message).not.toMatch(/something went wrong|undefined|\[object/i);
  expect(g.error?.message).not.toMatch(/at \S+\.(ts|js):\d+/); // never a stack trace
  expect(g.images).toEqual([]);
  await expectRowsKept(version);
  const { getStore } = await import("@/lib/store");
  expect(await getStore().listImagesForGeneration(g.id)).toEqual([]);
  expect(filesOnDisk()).toEqual(filesBefore);
}

/** Succeeded, with one row and one file (plus thumbnail) per image, and nothing else new on disk. */
export async function expectSuccess(g: GenerationWithImages, version: PromptVersion, filesBefore: string[]) {
  expect(g.status, JSON.stringify(g.error)).toBe("succeeded");
  expect(g.images.length).toBeGreaterThan(0);
  await expectRowsKept(version);
  // Thumbnails follow the durable images (issue 12): wait for them before counting files.
  const { getImageFiles } = await import("@/lib/store");
  await getImageFiles().settled();
  const added = filesOnDisk().filter((f) => !filesBefore.includes(f));
  const expected = g.images.flatMap((i) => [`${i.id}.${i.mime.split("/")[1]}`, `${i.id}.thumb.webp`]).sort();
  expect(added).toEqual(expected);
}

export async function expectRowsKept(version: PromptVersion): Promise<void> {
  const { getStore } = await import("@/lib/store");
  const store = getStore();
  expect(await store.getIdea(version.ideaId)).toBeDefined();
  expect((await store.getVersion(version.id))?.prompt).toBe(version.prompt);
}

/** The number of ideas and versions saved, for "nothing was saved" checks. */
export async function savedCounts(): Promise<{ ideas: number; versions: number }> {
  const { getStore } = await import("@/lib/store");
  const store = getStore();
  const ideas = await store.listIdeas({ limit: 100 });
  let versions = 0;
  for (const idea of ideas.items) versions += (await store.listVersions(idea.id)).length;
  return { ideas: ideas.items.length, versions };
}
