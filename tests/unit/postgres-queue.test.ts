/**
 * The Postgres job queue (issue 9): several queue objects with their own instance ids, each with
 * its own pool, over one database and one (memory) bus stand in for several app instances.
 * The runner is a fake that records what ran, when, and how many at once; it ends its
 * generation the way run-generation.ts does (guarded: only while the row is still running).
 * On the machine's PostgreSQL (store-dialects.ts): where it does not answer, this FAILS under CI.
 */
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createMemoryBus } from "@/lib/jobs/memory-bus";
import { CANCEL_CHANNEL, createPostgresQueue } from "@/lib/jobs/postgres-queue";
import type { EventBus, JobEvent, JobQueue, RunJob } from "@/lib/jobs/types";
import type { Generation } from "@/lib/schemas/entities";
import { createPostgresStore } from "@/lib/store";
import type { PostgresStore } from "@/lib/store/postgres-store";
import { at, generation, idea, image, version } from "./harness/store";
import { describePostgres, type StoreDialect } from "./store-dialects";

const LEASE_MS = 500;
const POLL_MS = 50;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bus that can lose messages on some channels (a NOTIFY that never arrived). */
function lossyBus(inner: EventBus, lost: Set<string>): EventBus {
  return {
    publish: (channel, event) => (lost.has(channel) ? undefined : inner.publish(channel, event)),
    subscribe: (channel, listener) => inner.subscribe(channel, listener),
    close: () => inner.close(),
  };
}

/**
 * The fake backend. `hold`: jobs wait until released (or aborted); otherwise each takes `ms`.
 * Across every instance: the order they started in, who ran them, and the most at once.
 */
function fakeRunner(store: () => PostgresStore, opts: { hold?: boolean; ms?: number } = {}) {
  const started: Array<{ id: string; instance: string }> = [];
  const releases = new Map<string, () => void>();
  const aborted: string[] = [];
  let active = 0;
  let maxActive = 0;
  const runFor =
    (instance: string): RunJob =>
    async (g, signal) => {
      started.push({ id: g.id, instance });
      active++;
      maxActive = Math.max(maxActive, active);
      let outcome: "done" | "aborted";
      try {
        outcome = await new Promise<"done" | "aborted">((resolve) => {
          if (signal.aborted) return resolve("aborted");
          signal.addEventListener("abort", () => resolve("aborted"), { once: true });
          if (opts.hold) releases.set(g.id, () => resolve("done"));
          else setTimeout(() => resolve("done"), opts.ms ?? 20);
        });
      } finally {
        // Before the row is settled: from then on another instance may start the next job.
        active--;
      }
      if (outcome === "aborted") aborted.push(g.id);
      const finishedAt = new Date().toISOString();
      if (outcome === "done") {
        await store().completeGeneration(
          g.id,
          [image(`${g.id}-img`, g, finishedAt)],
          { finishedAt },
          {
            ifStatus: ["running"],
          },
        );
      } else {
        await store().updateGeneration(g.id, { status: "canceled", finishedAt }, { ifStatus: ["running"] });
      }
    };
  return {
    runFor,
    started,
    aborted,
    release: (id: string) => releases.get(id)?.(),
    get maxActive() {
      return maxActive;
    },
  };
}

describePostgres("Postgres job queue", (dialect: StoreDialect) => {
  let stores: PostgresStore[] = [];
  let queues: JobQueue[] = [];
  let bus: EventBus;
  let events: Array<{ channel: string; event: JobEvent }>;

  const openStore = () => {
    const store = createPostgresStore({ url: dialect.env().DATABASE_URL as string });
    stores.push(store);
    return store;
  };
  /** The store the test itself writes and reads with (and the fake runner settles with). */
  const main = () => stores[0] as PostgresStore;

  beforeEach(() => {
    stores = [];
    queues = [];
    bus = createMemoryBus();
    events = [];
    openStore();
  });
  afterEach(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await bus.close();
    // Let runners that were told to stop write their last word before the pools go.
    await sleep(50);
    await Promise.all(stores.map((s) => s.close()));
  });

  function instance(
    id: string,
    run: RunJob,
    over: { bus?: EventBus; concurrency?: number; leaseMs?: number; settled?: Generation[] } = {},
  ): JobQueue {
    const store = openStore();
    const queue = createPostgresQueue({
      db: () => store.database(),
      instanceId: id,
      run,
      concurrencyFor: (backend) => (backend === "automatic1111" ? 1 : (over.concurrency ?? 2)),
      bus: over.bus ?? bus,
      leaseMs: over.leaseMs ?? LEASE_MS,
      pollMs: POLL_MS,
      onSettled: (g) => void over.settled?.push(g),
    });
    queues.push(queue);
    return queue;
  }

  async function seedIdea() {
    await main().createIdeaWithVersion(idea("i"), version("v", "i"));
  }
  /** A saved, queued generation (as generate() saves it), created at `second`. */
  async function saved(id: string, backend = "automatic1111", second = 2): Promise<Generation> {
    const g = generation(id, "v", "i", { backend, createdAt: new Date(Date.now() + second).toISOString() });
    await main().createGeneration(g);
    return g;
  }
  const statusOf = async (id: string) => (await main().getGeneration(id))?.status;
  const row = async (id: string) =>
    (
      await dialect.query<{ claimed_by: string | null; queue_seq: unknown; cancel_requested: unknown }>(
        sql`SELECT claimed_by, queue_seq, cancel_requested FROM generations WHERE id = ${id}`,
      )
    )[0];
  const listen = (channel: string) => bus.subscribe(channel, (event) => events.push({ channel, event }));

  it("runs one at a time across instances at concurrency 1, first in first out", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { ms: 30 });
    const a = instance("a", runner.runFor("a"));
    const b = instance("b", runner.runFor("b"));
    const c = instance("c", runner.runFor("c"));
    await Promise.all([a.start(), b.start(), c.start()]);
    const ids = Array.from({ length: 9 }, (_, n) => `g${n}`);
    const byInstance = [a, b, c];
    for (const [n, id] of ids.entries()) {
      await (byInstance[n % 3] as JobQueue).enqueue(await saved(id, "automatic1111", n));
    }
    await until(async () => (await main().listGenerationsByStatus(["succeeded"])).length === 9, "all nine to succeed");
    expect(runner.maxActive).toBe(1);
    expect(runner.started.map((s) => s.id)).toEqual(ids);
    // Whichever instance frees the slot usually claims the next at once, so which ones ran
    // these is timing; with that one gone, the others carry on (the claim is no one's privilege).
    const last = runner.started.at(-1)?.instance;
    await byInstance.find((_q, n) => ["a", "b", "c"][n] === last)?.close();
    await (byInstance.find((_, n) => ["a", "b", "c"][n] !== last) as JobQueue).enqueue(
      await saved("g9", "automatic1111", 9),
    );
    await until(async () => (await main().listGenerationsByStatus(["succeeded"])).length === 10, "the tenth");
    expect(runner.started.at(-1)?.instance).not.toBe(last);
  });

  it("keeps a larger limit cluster-wide and runs no generation twice", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { ms: 40 });
    const a = instance("a", runner.runFor("a"), { concurrency: 2 });
    const b = instance("b", runner.runFor("b"), { concurrency: 2 });
    await Promise.all([a.start(), b.start()]);
    const ids = Array.from({ length: 10 }, (_, n) => `o${n}`);
    await Promise.all(ids.map(async (id, n) => (n % 2 ? a : b).enqueue(await saved(id, "offline", n))));
    await until(async () => (await main().listGenerationsByStatus(["succeeded"])).length === 10, "all ten");
    expect(runner.maxActive).toBeLessThanOrEqual(2);
    expect(runner.maxActive).toBe(2);
    expect(runner.started.map((s) => s.id).sort()).toEqual([...ids].sort());
  });

  it("counts the queue ahead across instances; null once running or ended", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const a = instance("a", runner.runFor("a"));
    const b = instance("b", runner.runFor("b"));
    await Promise.all([a.start(), b.start()]);
    const g1 = await saved("h1", "automatic1111", 1);
    await a.enqueue(g1);
    await until(() => runner.started.length === 1, "the first to start");
    const g2 = await saved("h2", "automatic1111", 2);
    const g3 = await saved("h3", "automatic1111", 3);
    const g4 = await saved("h4", "automatic1111", 4);
    await b.enqueue(g2);
    await a.enqueue(g3);
    await b.enqueue(g4);
    const other = await saved("x1", "comfyui", 5);
    expect(await a.ahead(g2)).toBe(0);
    expect(await b.ahead(g3)).toBe(1);
    expect(await a.ahead(g4)).toBe(2);
    expect(await b.ahead(g4)).toBe(2);
    // Not yet handed to the queue: behind every one that is (of its own backend only).
    expect(await a.ahead(other)).toBe(0);
    expect(await a.ahead({ ...g1, status: "running" })).toBeNull();
    // A stale "queued" copy of a running generation: the row decides.
    expect(await b.ahead(g1)).toBeNull();

    runner.release("h1");
    await until(() => runner.started.length === 2, "the second to start");
    expect(runner.started[1]?.id).toBe("h2");
    expect(await b.ahead(g3)).toBe(0);
    expect(await a.ahead(g4)).toBe(1);
    runner.release("h2");
    await until(() => runner.started.length === 3, "the third");
    runner.release("h3");
    await until(() => runner.started.length === 4, "the fourth");
    runner.release("h4");
    await until(async () => (await statusOf("h4")) === "succeeded", "h4 to succeed");
    expect(await a.ahead(g4)).toBeNull();
  });

  it("cancels a queued generation from another instance: it ends at once and never runs", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const settled: Generation[] = [];
    const a = instance("a", runner.runFor("a"));
    const b = instance("b", runner.runFor("b"), { settled });
    await Promise.all([a.start(), b.start()]);
    await a.enqueue(await saved("q1", "automatic1111", 1));
    await until(() => runner.started.length === 1, "q1 to start");
    await a.enqueue(await saved("q2", "automatic1111", 2));
    await a.enqueue(await saved("q3", "automatic1111", 3));
    bus.subscribe("q2", (event) => events.push({ channel: "q2", event }));

    expect(await b.cancel("q2")).toBe(true);
    expect(await statusOf("q2")).toBe("canceled");
    expect(settled.map((g) => g.id)).toEqual(["q2"]);
    expect(events.map((e) => e.event.event)).toEqual(["generation", "done"]);

    runner.release("q1");
    await until(() => runner.started.length === 2, "the next one to start");
    expect(runner.started.map((s) => s.id)).toEqual(["q1", "q3"]);
    runner.release("q3");
    await until(async () => (await statusOf("q3")) === "succeeded", "q3 to succeed");
    expect(await statusOf("q2")).toBe("canceled");
    // Ended: no queue has anything to cancel.
    expect(await a.cancel("q2")).toBe(false);
    expect(await a.cancel("q3")).toBe(false);
    expect(await a.cancel("missing")).toBe(false);
  });

  it("cancels a running generation on another instance through the bus", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const a = instance("a", runner.runFor("a"), { leaseMs: 60_000 });
    const b = instance("b", runner.runFor("b"), { leaseMs: 60_000 });
    await a.start();
    await a.enqueue(await saved("r1"));
    await until(() => runner.started.length === 1, "r1 to start on a");
    await b.start();
    listen(CANCEL_CHANNEL);

    expect(await b.cancel("r1")).toBe(true);
    // With a lease of a minute, only the bus can have told a this quickly.
    await until(async () => (await statusOf("r1")) === "canceled", "r1 to be canceled", 2000);
    expect(runner.aborted).toEqual(["r1"]);
    expect(events.map((e) => e.event.data)).toEqual([{ id: "r1" }]);
  });

  it("cancels a running generation at the owner's next renewal when the bus message is lost", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const lossy = lossyBus(bus, new Set([CANCEL_CHANNEL]));
    const a = instance("a", runner.runFor("a"), { bus: lossy });
    const b = instance("b", runner.runFor("b"), { bus: lossy });
    await Promise.all([a.start(), b.start()]);
    listen(CANCEL_CHANNEL);
    await a.enqueue(await saved("r1"));
    await until(() => runner.started.length === 1, "r1 to start");
    const owner = runner.started[0]?.instance;
    const other = owner === "a" ? b : a;

    expect(await other.cancel("r1")).toBe(true);
    expect(Number((await row("r1"))?.cancel_requested)).toBe(1);
    await until(async () => (await statusOf("r1")) === "canceled", "r1 to be canceled", LEASE_MS * 2);
    expect(events).toEqual([]); // the message never arrived: the renewal did it
    expect(runner.aborted).toEqual(["r1"]);
  });

  it("fails, as interrupted, what an instance that stopped renewing ran; never runs it again", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const a = instance("a", runner.runFor("a"));
    await a.start();
    await a.enqueue(await saved("d1", "automatic1111", 1));
    await until(() => runner.started.length === 1, "d1 to start on a");
    await a.enqueue(await saved("d2", "automatic1111", 2));
    // a dies: no more renewals; its runner hangs without settling anything.
    await a.close();
    const bSettled: Generation[] = [];
    const b = instance("b", runner.runFor("b"), { settled: bSettled });
    bus.subscribe("d1", (event) => events.push({ channel: "d1", event }));
    await b.start();
    // b starts while a's lease is live: it leaves d1 running, a's.
    expect(await statusOf("d1")).toBe("running");
    expect((await row("d1"))?.claimed_by).toBe("a");

    await until(async () => (await statusOf("d1")) === "failed", "d1 to be reaped", LEASE_MS * 4);
    const reaped = await main().getGeneration("d1");
    expect(reaped?.error).toEqual({
      code: "interrupted",
      message: "Interrupted: the instance running it stopped (its lease ran out).",
    });
    expect(bSettled.map((g) => g.id)).toEqual(["d1"]);
    expect(events.map((e) => e.event.event)).toEqual(["generation", "error"]);
    // The place is free: d2 runs on b, and d1 is not run again.
    await until(() => runner.started.length === 2, "d2 to start on b");
    expect(runner.started).toEqual([
      { id: "d1", instance: "a" },
      { id: "d2", instance: "b" },
    ]);

    // a's runner comes back late and completes: refused, the interruption stands, no image row.
    runner.release("d1");
    await sleep(100);
    expect(await main().getGeneration("d1")).toEqual(reaped);
    expect(await main().listImagesForGeneration("d1")).toEqual([]);
    runner.release("d2");
    await until(async () => (await statusOf("d2")) === "succeeded", "d2 to succeed");
  });

  it("aborts its own job when its row was settled elsewhere (lease lost)", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const a = instance("a", runner.runFor("a"));
    await a.start();
    await a.enqueue(await saved("l1"));
    await until(() => runner.started.length === 1, "l1 to start");
    // Another instance settled it (say a's lease ran out while its event loop stalled).
    await main().updateGeneration("l1", { status: "failed", error: { code: "interrupted", message: "x" } });
    await until(() => runner.aborted.includes("l1"), "a to abort l1", LEASE_MS * 2);
    expect(await statusOf("l1")).toBe("failed");
  });

  it("stops its own jobs, as interrupted, when the database has not answered for most of a lease", async () => {
    await seedIdea();
    const store = openStore();
    let down = false;
    const reasons: unknown[] = [];
    let stoppedAt = 0;
    const a = createPostgresQueue({
      db: () => (down ? Promise.reject(new Error("connect ECONNREFUSED")) : store.database()),
      instanceId: "a",
      run: (_g, signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener(
            "abort",
            () => {
              stoppedAt = Date.now();
              reasons.push(signal.reason);
              resolve();
            },
            { once: true },
          );
        }),
      concurrencyFor: () => 1,
      bus,
      leaseMs: LEASE_MS,
      pollMs: POLL_MS,
    });
    queues.push(a);
    await a.start();
    await a.enqueue(await saved("f1"));
    await until(async () => (await statusOf("f1")) === "running", "f1 to run");
    const downAt = Date.now();
    down = true;
    await until(() => reasons.length === 1, "a to stop f1", LEASE_MS * 3);
    // Before the lease runs out, so the backend is told to stop before anyone may start the next job.
    expect(stoppedAt - downAt).toBeLessThan(LEASE_MS + LEASE_MS / 3);
    expect(reasons[0]).toMatchObject({ code: "interrupted" });
  });

  it("stops renewing a row whose runner ended without settling it, so it is reaped and the queue moves", async () => {
    await seedIdea();
    const ran: string[] = [];
    // A runner that returns without its last write (say the database failed just then).
    const a = instance("a", async (g) => {
      ran.push(g.id);
    });
    await a.start();
    await a.enqueue(await saved("s1", "automatic1111", 1));
    await a.enqueue(await saved("s2", "automatic1111", 2));
    await until(() => ran.length === 1, "s1 to run");
    expect(await statusOf("s1")).toBe("running");
    await until(async () => (await statusOf("s1")) === "failed", "s1 to be reaped", LEASE_MS * 4);
    expect((await main().getGeneration("s1"))?.error?.code).toBe("interrupted");
    await until(() => ran.length === 2, "s2 to run once s1's place is free");
    expect(ran).toEqual(["s1", "s2"]);
  });

  it("adopts queued rows that never got a place, oldest first", async () => {
    await seedIdea();
    // Saved by an instance that died before enqueueing them (created a while ago).
    await main().createGeneration(generation("late", "v", "i", { backend: "automatic1111", createdAt: at(20) }));
    await main().createGeneration(generation("early", "v", "i", { backend: "automatic1111", createdAt: at(10) }));
    // One saved just now is left to the instance enqueueing it.
    await main().createGeneration(
      generation("fresh", "v", "i", { backend: "automatic1111", createdAt: new Date().toISOString() }),
    );
    expect((await row("early"))?.queue_seq).toBeNull();
    const runner = fakeRunner(main, { ms: 10 });
    const b = instance("b", runner.runFor("b"));
    await b.start();
    await until(async () => (await statusOf("late")) === "succeeded", "both adopted rows to run");
    expect(runner.started.map((s) => s.id)).toEqual(["early", "late"]);
    expect(await statusOf("fresh")).toBe("queued");
    expect((await row("fresh"))?.queue_seq).toBeNull();
  });

  it("start() on a new instance leaves running rows with a live lease alone, and reaps those with none", async () => {
    await seedIdea();
    const runner = fakeRunner(main, { hold: true });
    const a = instance("a", runner.runFor("a"), { leaseMs: 60_000 });
    await a.start();
    await a.enqueue(await saved("live"));
    await until(() => runner.started.length === 1, "live to start");
    // Left running by a process from before the shared queue: no lease at all.
    await main().createGeneration(generation("orphan", "v", "i", { backend: "comfyui", status: "running" }));

    const b = instance("b", runner.runFor("b"), { leaseMs: 60_000 });
    await b.start();
    expect(await statusOf("live")).toBe("running");
    expect((await row("live"))?.claimed_by).toBe("a");
    expect(await main().getGeneration("orphan")).toMatchObject({ status: "failed", error: { code: "interrupted" } });
    runner.release("live");
    await until(async () => (await statusOf("live")) === "succeeded", "live to succeed");
    expect(runner.started.map((s) => s.id)).toEqual(["live"]);
  });
});
