/**
 * run-generation.ts writes its last word only while its generation is still running (issue 9):
 * with several instances, one whose lease ran out may find its generation already settled by
 * another (failed, `interrupted`). A late completion is then refused and its image files go; a
 * late failure or cancel changes nothing; a generation that ended before it started is not run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageBackend } from "@/lib/backends/types";
import type { Generation } from "@/lib/schemas/entities";
import { at, generation, idea, version } from "./harness/store";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-run-settled-"));
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

const INTERRUPTED = { code: "interrupted", message: "Interrupted: the instance running it stopped." };

describe("a runner whose generation was settled elsewhere", () => {
  beforeAll(async () => {
    (await import("@/lib/config")).resetConfigForTests();
  });
  afterAll(async () => {
    await (await import("@/lib/jobs")).resetJobsForTests();
    await (await import("@/lib/store")).resetStoreForTests();
  });

  /** A running generation (as the Postgres queue hands it over) and the offline backend, wrapped. */
  async function setup(id: string, status: Generation["status"], during: (signal: AbortSignal) => Promise<void>) {
    const { getStore } = await import("@/lib/store");
    const { getBackend } = await import("@/lib/backends/registry");
    const { resolveParams } = await import("@/lib/jobs/request-params");
    const store = getStore();
    const v = version(`v-${id}`, `i-${id}`, { prompt: "a small red boat on a calm lake" });
    await store.createIdeaWithVersion(idea(`i-${id}`), v);
    const g = generation(id, v.id, v.ideaId, { status, startedAt: status === "running" ? at(3) : null });
    await store.createGeneration(g);
    const offline = getBackend("offline");
    let calls = 0;
    const backend: ImageBackend = {
      ...offline,
      async generate(req, opts) {
        calls++;
        await during(opts.signal);
        return offline.generate(req, opts);
      },
    };
    return { store, g, backend, request: resolveParams(offline, g.params, v), calls: () => calls };
  }

  const settleElsewhere = async (id: string) => {
    const { getStore } = await import("@/lib/store");
    await getStore().updateGeneration(id, { status: "failed", error: INTERRUPTED, finishedAt: at(9) });
  };

  it("refuses a late completion and removes the image files it wrote", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const { getImageFiles } = await import("@/lib/store");
    const { store, g, backend, request, calls } = await setup("late", "running", () => settleElsewhere("late"));
    const before = await getImageFiles().listIds();
    await runGeneration(g, backend, request, new AbortController().signal);
    expect(calls()).toBe(1);
    const after = await store.getGeneration("late");
    expect(after).toMatchObject({ status: "failed", error: INTERRUPTED, finishedAt: at(9) });
    expect(await store.listImagesForGeneration("late")).toEqual([]);
    expect(await getImageFiles().listIds()).toEqual(before);
  });

  it("leaves the settled answer alone when it is canceled (lease lost) after that", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const controller = new AbortController();
    const { store, g, backend, request } = await setup("lost", "running", async (signal) => {
      await settleElsewhere("lost");
      controller.abort();
      if (signal.aborted) throw signal.reason;
    });
    await runGeneration(g, backend, request, controller.signal);
    expect(await store.getGeneration("lost")).toMatchObject({ status: "failed", error: INTERRUPTED });
  });

  it("does not run a generation that ended before it started", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const { store, g, backend, request, calls } = await setup("gone", "canceled", async () => undefined);
    await runGeneration(g, backend, request, new AbortController().signal);
    expect(calls()).toBe(0);
    expect((await store.getGeneration("gone"))?.status).toBe("canceled");
  });

  it("still completes a generation that is running (the embedded path)", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const { store, g, backend, request } = await setup("ok", "queued", async () => undefined);
    await runGeneration(g, backend, request, new AbortController().signal);
    expect(await store.getGeneration("ok")).toMatchObject({ status: "succeeded", progress: 1 });
    expect(await store.listImagesForGeneration("ok")).toHaveLength(1);
  });
});
