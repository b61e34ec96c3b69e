import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-recover-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

const now = () => new Date().toISOString();

describe("recovery at start", () => {
  beforeAll(async () => {
    (await import("@/lib/config")).resetConfigForTests();
  });
  afterAll(async () => {
    await (await import("@/lib/store")).resetStoreForTests();
  });

  it("fails running generations as interrupted, requeues queued ones, sweeps orphan files", async () => {
    const { getStore, getImageFiles } = await import("@/lib/store");
    const { recoverAtStart } = await import("@/lib/jobs/recover");
    const { newId } = await import("@/lib/ids");
    const store = getStore();
    const files = getImageFiles();

    const idea = { id: newId(), text: "a boat", title: "Boat", createdAt: now() };
    const version = {
      id: newId(),
      ideaId: idea.id,
      parentId: null,
      source: "refine" as const,
      instruction: null,
      prompt: "a small red boat on a calm lake at dawn",
      negativePrompt: null,
      style: null,
      dialect: "prose" as const,
      refiner: "offline",
      model: "offline-refiner-v1",
      title: "Boat",
      notes: [],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: now(),
    };
    await store.createIdeaWithVersion(idea, version);
    const base = {
      promptId: version.id,
      ideaId: idea.id,
      backend: "offline",
      model: "offline-sketch-v1",
      params: { size: "512x512", n: 1, seed: 3 },
      progress: 0,
      error: null,
      finishedAt: null,
      durationMs: null,
    };
    const running = { ...base, id: newId(), status: "running" as const, createdAt: now(), startedAt: now() };
    const queued = { ...base, id: newId(), status: "queued" as const, createdAt: now(), startedAt: null };
    await store.createGeneration(running);
    await store.createGeneration(queued);

    const orphan = newId();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    await files.put(orphan, png, "image/png");

    await recoverAtStart();

    const r = await store.getGeneration(running.id);
    expect(r?.status).toBe("failed");
    expect(r?.error?.code).toBe("interrupted");
    expect(await store.getVersion(version.id)).toMatchObject({ prompt: version.prompt });
    expect(await files.read(orphan, "full")).toBeUndefined();

    let q = await store.getGeneration(queued.id);
    for (let i = 0; i < 200 && q?.status !== "succeeded"; i++) {
      await new Promise((res) => setTimeout(res, 25));
      q = await store.getGeneration(queued.id);
    }
    expect(q?.status).toBe("succeeded");
    const images = await store.listImagesForGeneration(queued.id);
    expect(images.map((i) => i.seed)).toEqual([3]);
    expect(await files.read(images[0]?.id ?? "", "full")).toBeDefined();
  });
});
