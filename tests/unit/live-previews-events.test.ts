/**
 * Live previews between the backend and the page (issue 12): the relay throttles (the newest
 * frame kept) and shrinks frames; the runner sends them as `preview` events before the image and
 * never after it, and stores only the final images; the follower passes them to the events
 * stream; with Postgres they stay on the instance that runs the job (no NOTIFY).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageBackend, PreviewFrame } from "@/lib/backends/types";
import type { SseSender } from "@/lib/http/sse";
import type { PreviewEvent } from "@/lib/jobs/preview-relay";
import type { JobEvent } from "@/lib/jobs/types";
import { generation, idea, version } from "./harness/store";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-previews-"));
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.PREVIEWS;

const PG_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";

async function frame(
  width: number,
  height: number,
  shade: number,
  format: "png" | "jpeg" = "png",
): Promise<PreviewFrame> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: shade, g: 64, b: 255 - shade } } });
  const bytes = await (format === "png" ? image.png() : image.jpeg()).toBuffer();
  return { mime: `image/${format}`, bytes: new Uint8Array(bytes) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const decoded = async (p: PreviewEvent) => {
  const meta = await sharp(Buffer.from(p.data, "base64")).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
};

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
});
afterAll(async () => {
  await (await import("@/lib/jobs")).resetJobsForTests();
  await (await import("@/lib/store")).resetStoreForTests();
});

describe("the preview relay", () => {
  it("sends at most one frame per interval, the newest one, and none after stop", async () => {
    const { createPreviewRelay } = await import("@/lib/jobs/preview-relay");
    const frames = await Promise.all(Array.from({ length: 30 }, (_, i) => frame(64, 64, i * 8)));
    const sent: Array<{ at: number; p: PreviewEvent }> = [];
    const relay = createPreviewRelay((p) => sent.push({ at: Date.now(), p }), { intervalMs: 100 });
    const started = Date.now();
    for (const f of frames) {
      relay.onPreview(f);
      await sleep(10);
    }
    await sleep(150);
    const elapsed = Date.now() - started;
    // 30 frames over ~300 ms + the wait: about one per 100 ms, never 30.
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(95);
    // The last frame given is the last one sent (small frames pass through unchanged).
    expect(sent.at(-1)!.p.data).toBe(Buffer.from(frames.at(-1)!.bytes).toString("base64"));

    const after = sent.length;
    relay.onPreview(frames[0]!);
    relay.stop();
    relay.onPreview(frames[1]!);
    await sleep(200);
    expect(sent.length).toBe(after);
  });

  it("shrinks a large frame to a 256 px WebP, keeps a small JPEG as it is, and drops what is no image", async () => {
    const { shrinkFrame } = await import("@/lib/jobs/preview-relay");
    const big = await shrinkFrame(await frame(1024, 768, 100));
    expect(big?.mime).toBe("image/webp");
    expect(await decoded(big!)).toEqual({ format: "webp", width: 256, height: 192 });
    expect(Buffer.from(big!.data, "base64").byteLength).toBeLessThan(48 * 1024);

    const small = await frame(128, 128, 50, "jpeg");
    const kept = await shrinkFrame({ ...small, mime: "image/png" }); // the bytes, not the label, decide
    expect(kept).toEqual({ mime: "image/jpeg", data: Buffer.from(small.bytes).toString("base64") });

    await expect(shrinkFrame({ mime: "image/png", bytes: new TextEncoder().encode("<svg/>") })).rejects.toThrow();
  });
});

describe("a generation with live previews", () => {
  /** The offline backend, sending `count` frames `gapMs` apart before its image. */
  async function setup(id: string, count: number, gapMs: number) {
    const { getStore } = await import("@/lib/store");
    const { getBackend } = await import("@/lib/backends/registry");
    const { resolveParams } = await import("@/lib/jobs/request-params");
    const store = getStore();
    const v = version(`v-${id}`, `i-${id}`, { prompt: "a small red boat on a calm lake" });
    await store.createIdeaWithVersion(idea(`i-${id}`), v);
    const g = generation(id, v.id, v.ideaId, { status: "queued" });
    await store.createGeneration(g);
    const offline = getBackend("offline");
    const frames = await Promise.all(Array.from({ length: count }, (_, i) => frame(512, 512, (i * 9) % 255)));
    const backend: ImageBackend = {
      ...offline,
      async generate(req, opts) {
        for (const f of frames) {
          opts.onPreview?.(f);
          await sleep(gapMs);
        }
        return offline.generate(req, opts);
      },
    };
    return { store, g, backend, request: resolveParams(offline, g.params, v) };
  }

  it("publishes throttled, shrunk previews before the image, none after, and stores only the image", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const { getJobs } = await import("@/lib/jobs");
    const { getImageFiles } = await import("@/lib/store");
    const { store, g, backend, request } = await setup("with-previews", 25, 40);
    const events: JobEvent[] = [];
    const off = getJobs().bus.subscribe(g.id, (e) => events.push(e));
    const filesBefore = (await getImageFiles().listIds()).length;
    await runGeneration(g, backend, request, new AbortController().signal);
    await sleep(500); // a frame still being shrunk when the image came must not follow it
    off();

    const names = events.map((e) => e.event);
    const previews = events.filter((e) => e.event === "preview").map((e) => e.data as PreviewEvent);
    // 25 frames over ~1 s at one per 400 ms: a few, not 25.
    expect(previews.length).toBeGreaterThanOrEqual(2);
    expect(previews.length).toBeLessThanOrEqual(4);
    for (const p of previews) expect(await decoded(p)).toEqual({ format: "webp", width: 256, height: 256 });
    expect(names.lastIndexOf("preview")).toBeLessThan(names.indexOf("image"));
    expect(names.at(-1)).toBe("done");

    const images = await store.listImagesForGeneration(g.id);
    expect(images).toHaveLength(1);
    expect((await getImageFiles().listIds()).length).toBe(filesBefore + 1);
  });

  it("sends no previews with PREVIEWS=off, and the backend is not asked for them", async () => {
    const { runGeneration } = await import("@/lib/jobs/run-generation");
    const { getJobs } = await import("@/lib/jobs");
    const { resetConfigForTests } = await import("@/lib/config");
    process.env.PREVIEWS = "off";
    resetConfigForTests();
    try {
      const { g, backend, request } = await setup("no-previews", 3, 5);
      let asked = false;
      const spy: ImageBackend = {
        ...backend,
        generate: (req, opts) => {
          asked = opts.onPreview !== undefined;
          return backend.generate(req, opts);
        },
      };
      const events: JobEvent[] = [];
      const off = getJobs().bus.subscribe(g.id, (e) => events.push(e));
      await runGeneration(g, spy, request, new AbortController().signal);
      off();
      expect(asked).toBe(false);
      expect(events.map((e) => e.event)).not.toContain("preview");
      expect(events.map((e) => e.event)).toContain("done");
    } finally {
      delete process.env.PREVIEWS;
      resetConfigForTests();
    }
  });

  it("reaches the page over the generation's events stream", async () => {
    const { followGeneration } = await import("@/lib/jobs/follow-generation");
    const { createMemoryBus } = await import("@/lib/jobs/memory-bus");
    const { getStore } = await import("@/lib/store");
    const store = getStore();
    const v = version("v-follow", "i-follow");
    await store.createIdeaWithVersion(idea("i-follow"), v);
    const g = generation("follow", v.id, v.ideaId, { status: "running" });
    await store.createGeneration(g);
    const sent: Array<{ event: string; data: unknown }> = [];
    const sse: SseSender = { send: (event, data) => sent.push({ event, data }), close() {}, closed: false };
    const bus = createMemoryBus();
    const followed = followGeneration({ ...g, images: [] }, sse, new AbortController().signal, { bus, poll: false });
    await until(() => sent.length === 1, "the first state");
    const preview = { mime: "image/webp", data: "UklGRg==" };
    bus.publish(g.id, { event: "progress", data: { progress: 0.4 } });
    bus.publish(g.id, { event: "preview", data: preview }, { localOnly: true });
    bus.publish(g.id, { event: "done", data: { ...g, status: "succeeded", images: [] } });
    await followed;
    expect(sent.map((s) => s.event)).toEqual(["generation", "progress", "preview", "done"]);
    expect(sent[2]!.data).toEqual(preview);
  });
});

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (e) {
    return `PostgreSQL does not answer (${(e as Error).message})`;
  }
}
const pgProblem = await postgresProblem();

describe.skipIf(pgProblem !== undefined && !IN_CI)("previews with the Postgres bus", () => {
  it("stay on the instance that publishes them; progress still reaches the others", async () => {
    const { createPostgresBus } = await import("@/lib/jobs/postgres-bus");
    const run = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const channel = `promptsmith_test_previews_${run}`;
    const make = (who: string) =>
      createPostgresBus({ url: PG_URL, instanceId: `${who}-${run}`, channel, applicationName: `pvtest-${run}-${who}` });
    const a = make("a");
    const b = make("b");
    try {
      await Promise.all([a.ready(), b.ready()]);
      const onA: JobEvent[] = [];
      const onB: JobEvent[] = [];
      a.subscribe("gen", (e) => onA.push(e));
      b.subscribe("gen", (e) => onB.push(e));
      const preview = { event: "preview", data: { mime: "image/webp", data: "x".repeat(20_000) } };
      a.publish("gen", preview, { localOnly: true });
      a.publish("gen", { event: "progress", data: { progress: 0.5 } });
      await until(() => onB.length >= 1, "progress on B");
      await sleep(150);
      expect(onA).toEqual([preview, { event: "progress", data: { progress: 0.5 } }]);
      // Not the preview, and not the "stale" marker a too-large NOTIFY would have become.
      expect(onB).toEqual([{ event: "progress", data: { progress: 0.5 } }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
