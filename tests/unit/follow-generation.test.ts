/**
 * followGeneration's fallback for shared jobs: whatever the bus loses, the follower still reads
 * from the database (every pollMs, and at once on a "stale" marker), and never sends an end
 * twice or an older state after a newer one. Embedded jobs keep following the bus alone.
 * The last block follows a generation across two Postgres buses (needs the machine's Postgres).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SseSender } from "@/lib/http/sse";
import type { EventBus } from "@/lib/jobs/types";
import type { Generation, GenerationWithImages } from "@/lib/schemas/entities";
import type { Store } from "@/lib/store/types";
import { generation, idea, image, version } from "./harness/store";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-follow-"));
delete process.env.DATABASE_URL;

const PG_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";
const RUN = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

let store: Store;
let followGeneration: typeof import("@/lib/jobs/follow-generation").followGeneration;
let createMemoryBus: typeof import("@/lib/jobs/memory-bus").createMemoryBus;
let n = 0;

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  store = (await import("@/lib/store")).getStore();
  ({ followGeneration } = await import("@/lib/jobs/follow-generation"));
  ({ createMemoryBus } = await import("@/lib/jobs/memory-bus"));
  await store.createIdeaWithVersion(idea("idea1"), version("ver1", "idea1"));
});

afterAll(async () => {
  await (await import("@/lib/jobs")).resetJobsForTests();
  await (await import("@/lib/store")).resetStoreForTests();
});

type Sent = { event: string; data: unknown };

function page(): { sent: Sent[]; sse: SseSender } {
  const sent: Sent[] = [];
  return {
    sent,
    sse: {
      send: (event, data) => sent.push({ event, data }),
      close() {},
      closed: false,
    },
  };
}

async function queued(): Promise<GenerationWithImages> {
  const g = generation(`gen${++n}`, "ver1", "idea1");
  await store.createGeneration(g);
  return { ...g, images: [] };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const names = (sent: Sent[]) => sent.map((s) => s.event);
const statusOf = (s: Sent) => (s.data as Generation).status;
const progressOf = (s: Sent) => (s.data as Generation).progress;

describe("following a generation with shared jobs", () => {
  it("sees the progress and the end from the database when the bus delivers nothing", async () => {
    const g = await queued();
    const { sent, sse } = page();
    // A bus on which nobody publishes: as if every NOTIFY were lost.
    const followed = followGeneration(g, sse, new AbortController().signal, {
      bus: createMemoryBus(),
      poll: true,
      pollMs: 20,
    });
    await until(() => sent.length === 1, "the first state");
    expect(statusOf(sent[0]!)).toBe("queued");
    expect((sent[0]!.data as { ahead: unknown }).ahead).toBeNull();

    await store.updateGeneration(g.id, { status: "running", progress: 0.4, startedAt: new Date().toISOString() });
    await until(() => sent.length === 2, "the running state");
    expect(sent[1]).toMatchObject({ event: "generation", data: { status: "running", progress: 0.4 } });

    await store.completeGeneration(g.id, [image("img1", g, new Date().toISOString())], {
      status: "succeeded",
      progress: 1,
      finishedAt: new Date().toISOString(),
      durationMs: 10,
    });
    await followed;
    expect(names(sent)).toEqual(["generation", "generation", "generation", "done"]);
    expect(statusOf(sent[2]!)).toBe("succeeded");
    const done = sent[3]!.data as GenerationWithImages;
    expect(done.status).toBe("succeeded");
    expect(done.images.map((i) => i.id)).toEqual(["img1"]);
  });

  it("sends error for a generation that failed while the bus said nothing", async () => {
    const g = await queued();
    const { sent, sse } = page();
    const followed = followGeneration(g, sse, new AbortController().signal, {
      bus: createMemoryBus(),
      poll: true,
      pollMs: 20,
    });
    await until(() => sent.length === 1, "the first state");
    await store.updateGeneration(g.id, {
      status: "failed",
      error: { code: "backend_error", message: "It broke." },
      finishedAt: new Date().toISOString(),
    });
    await followed;
    expect(names(sent)).toEqual(["generation", "generation", "error"]);
    expect(sent[2]!.data).toMatchObject({ error: { code: "backend_error" }, generation: { status: "failed" } });
  });

  it("sends nothing older than the bus did, and the end once, whichever comes first", async () => {
    const bus = createMemoryBus();
    const g = await queued();
    await store.updateGeneration(g.id, { status: "running", progress: 0.2 });
    const { sent, sse } = page();
    const followed = followGeneration(g, sse, new AbortController().signal, { bus, poll: true, pollMs: 10 });
    await until(() => sent.length === 1, "the first state");
    expect(sent[0]).toMatchObject({ event: "generation", data: { status: "running", progress: 0.2 } });
    // The bus runs ahead of the database (progress is written to it now and then).
    bus.publish(g.id, { event: "progress", data: { progress: 0.9 } });
    await new Promise((r) => setTimeout(r, 80));
    expect(names(sent)).toEqual(["generation", "progress"]);

    // The row ends; the bus's done and the poll race: the page gets one end, then nothing.
    const finished = await store.updateGeneration(g.id, {
      status: "succeeded",
      progress: 1,
      finishedAt: new Date().toISOString(),
    });
    bus.publish(g.id, { event: "done", data: { ...finished, images: [] } });
    await followed;
    bus.publish(g.id, { event: "done", data: { ...finished, images: [] } });
    bus.publish(g.id, { event: "progress", data: { progress: 0.95 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(names(sent).filter((e) => e === "done")).toHaveLength(1);
    expect(sent.at(-1)!.event).toBe("done");
    const progress = sent.filter((s) => s.event === "generation").map(progressOf);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("reads the database at once when the bus says it went stale, and does not pass the marker on", async () => {
    const bus = createMemoryBus();
    const g = await queued();
    const { sent, sse } = page();
    const followed = followGeneration(g, sse, new AbortController().signal, { bus, poll: true, pollMs: 60_000 });
    await until(() => sent.length === 1, "the first state");
    await store.updateGeneration(g.id, { status: "canceled", finishedAt: new Date().toISOString() });
    const t0 = Date.now();
    bus.publish(g.id, { event: "stale", data: { event: "done" } });
    await followed;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(names(sent)).toEqual(["generation", "generation", "done"]);
    expect(statusOf(sent[2]!)).toBe("canceled");
  });
});

describe("following a generation with embedded jobs", () => {
  it("sends a state the page already has once, and no placeless queued state after the first", async () => {
    const { getJobs } = await import("@/lib/jobs");
    const g = await queued();
    const { sent, sse } = page();
    const abort = new AbortController();
    const followed = followGeneration(g, sse, abort.signal);
    await until(() => sent.length === 1, "the first state");
    // The same queued state again (a queue that moved elsewhere), twice: nothing new for the page.
    getJobs().bus.publish(g.id, { event: "generation", data: g });
    getJobs().bus.publish(g.id, { event: "generation", data: g });
    const running = { ...g, status: "running" as const, progress: 0.2 };
    getJobs().bus.publish(g.id, { event: "generation", data: running });
    getJobs().bus.publish(g.id, { event: "generation", data: running });
    getJobs().bus.publish(g.id, { event: "done", data: { ...g, status: "succeeded", images: [] } });
    await followed;
    expect(names(sent)).toEqual(["generation", "generation", "done"]);
    expect(statusOf(sent[1] as Sent)).toBe("running");
    abort.abort();
  });

  it("sends the current state first, and what the bus said while it was being read after it", async () => {
    const g = await queued();
    const { sent, sse } = page();
    const bus = createMemoryBus();
    // The bus is subscribed before the state is read; on a busy database the read is slow, and a
    // progress published meanwhile must not reach the page before the generation it belongs to.
    const original = store.getGeneration.bind(store);
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => {
      release = r;
    });
    store.getGeneration = async (id) => {
      await slow;
      return original(id);
    };
    try {
      const followed = followGeneration(g, sse, new AbortController().signal, { bus, poll: false });
      bus.publish(g.id, { event: "progress", data: { progress: 0.5 } });
      await new Promise((r) => setTimeout(r, 30));
      expect(sent).toEqual([]);
      release();
      await until(() => sent.length === 2, "the state, then the progress");
      expect(names(sent)).toEqual(["generation", "progress"]);
      bus.publish(g.id, { event: "done", data: { ...g, status: "succeeded" } });
      await followed;
      expect(names(sent)).toEqual(["generation", "progress", "done"]);
    } finally {
      store.getGeneration = original;
    }
  });

  it("follows the bus alone (no polling) through the route's signature", async () => {
    const { getJobs } = await import("@/lib/jobs");
    expect(getJobs().shared).toBe(false);
    const g = await queued();
    const { sent, sse } = page();
    const abort = new AbortController();
    const followed = followGeneration(g, sse, abort.signal);
    await until(() => sent.length === 1, "the first state");
    await store.updateGeneration(g.id, { status: "running", progress: 0.5 });
    // Longer than the shared mode's poll: the page hears nothing the bus does not say.
    await new Promise((r) => setTimeout(r, 1300));
    expect(names(sent)).toEqual(["generation"]);
    getJobs().bus.publish(g.id, { event: "progress", data: { progress: 0.6 } });
    getJobs().bus.publish(g.id, { event: "done", data: { ...g, status: "succeeded", images: [] } });
    await followed;
    expect(names(sent)).toEqual(["generation", "progress", "done"]);
    abort.abort();
  });
});

async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (e) {
    return `PostgreSQL at ${new URL(PG_URL).host} does not answer (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await postgresProblem();
if (problem && !IN_CI) console.warn(`\n⚠ ${problem}: the cross-instance follow test is SKIPPED here.\n`);

describe.skipIf(problem !== undefined && !IN_CI)("following a generation that runs on another instance", () => {
  const buses: EventBus[] = [];
  beforeAll(() => {
    if (problem) throw new Error(`${problem}. The cross-instance test needs it under CI (issue 9).`);
  });
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
  });

  it("hears instance A's progress, images and end on instance B through Postgres", async () => {
    const { createPostgresBus } = await import("@/lib/jobs/postgres-bus");
    const channel = `promptsmith_test_follow_${RUN}`;
    const a = createPostgresBus({ url: PG_URL, instanceId: `a-${RUN}`, channel, applicationName: `pstest-f-${RUN}-a` });
    const b = createPostgresBus({ url: PG_URL, instanceId: `b-${RUN}`, channel, applicationName: `pstest-f-${RUN}-b` });
    buses.push(a, b);
    await Promise.all([a.ready(), b.ready()]);

    const g = await queued();
    const { sent, sse } = page();
    // No polling: what B's page sees came through Postgres.
    const followed = followGeneration(g, sse, new AbortController().signal, { bus: b, poll: false });
    await until(() => sent.length === 1, "the first state");

    // Instance A runs it: what run-generation publishes, in its order.
    const running = await store.updateGeneration(g.id, { status: "running", progress: 0 });
    a.publish(g.id, { event: "generation", data: running });
    a.publish(g.id, { event: "progress", data: { progress: 0.5 } });
    const done = await store.completeGeneration(g.id, [image(`img-${g.id}`, g, new Date().toISOString())], {
      status: "succeeded",
      progress: 1,
      finishedAt: new Date().toISOString(),
    });
    const images = await store.listImagesForGeneration(g.id);
    a.publish(g.id, { event: "image", data: images[0] });
    a.publish(g.id, { event: "generation", data: done });
    a.publish(g.id, { event: "done", data: { ...done, images } });
    await followed;
    expect(names(sent)).toEqual(["generation", "generation", "progress", "image", "generation", "done"]);
    expect((sent.at(-1)!.data as GenerationWithImages).images).toHaveLength(1);
  });
});
