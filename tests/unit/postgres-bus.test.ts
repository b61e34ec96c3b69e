/**
 * The Postgres event bus (LISTEN/NOTIFY) between two instances, on the machine's PostgreSQL
 * (127.0.0.1:5432, user postgres; TEST_POSTGRES_URL overrides it). LISTEN/NOTIFY needs no tables,
 * so the tests use the `postgres` database, each run on its own channel. Where Postgres does not
 * answer, the tests FAIL when CI is set and are skipped with a warning otherwise.
 */
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostgresBus, type PostgresBus, STALE_EVENT } from "@/lib/jobs/postgres-bus";
import type { JobEvent } from "@/lib/jobs/types";

const URL_ = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const IN_CI = Boolean(process.env.CI) && process.env.CI !== "false";
const RUN = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: URL_, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresProblem(): Promise<string | undefined> {
  try {
    await admin((c) => c.query("SELECT 1"));
    return undefined;
  } catch (e) {
    return `PostgreSQL at ${new URL(URL_).host} does not answer (${(e as Error).message})`;
  }
}

const problem = await postgresProblem();
if (problem && !IN_CI) console.warn(`\n⚠ ${problem}: the Postgres bus tests are SKIPPED here (they fail under CI).\n`);

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Subscribes after the bus listens: a subscriber from before is told "stale" once LISTEN starts,
 * since whatever came before that was not heard.
 */
function heard(bus: PostgresBus, channel: string): JobEvent[] {
  const events: JobEvent[] = [];
  bus.subscribe(channel, (e) => events.push(e));
  return events;
}

async function listenPids(applicationName: string): Promise<number[]> {
  return admin(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid",
      [`${applicationName}:listen`],
    );
    return rows.map((r) => r.pid);
  });
}

describe.skipIf(problem !== undefined && !IN_CI)("postgres event bus", () => {
  beforeAll(() => {
    if (problem) throw new Error(`${problem}. The Postgres bus tests need it under CI (issue 9).`);
  });

  const buses: PostgresBus[] = [];
  let n = 0;
  /** Two instances on one channel of their own; their connections are named after them. */
  function pair() {
    n++;
    const channel = `promptsmith_test_${RUN}_${n}`;
    const make = (who: string) => {
      const bus = createPostgresBus({
        url: URL_,
        instanceId: `${who}-${RUN}-${n}`,
        channel,
        applicationName: `pstest-${RUN}-${n}-${who}`,
        reconnect: { baseMs: 50, maxMs: 200 },
      });
      buses.push(bus);
      return bus;
    };
    return { a: make("a"), b: make("b"), appB: `pstest-${RUN}-${n}-b`, appA: `pstest-${RUN}-${n}-a` };
  }
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  it("delivers A's events on B, in order and once, on their own channel only", async () => {
    const { a, b } = pair();
    await Promise.all([a.ready(), b.ready()]);
    const onB = heard(b, "gen1");
    const otherOnB = heard(b, "gen2");
    const sent = Array.from({ length: 200 }, (_, i) => ({ event: "progress", data: { progress: i / 200 } }));
    for (const e of sent) a.publish("gen1", e);
    a.publish("gen2", { event: "done", data: { id: "gen2" } });
    await until(() => otherOnB.length === 1, "gen2 on B");
    await until(() => onB.length >= sent.length, "gen1 on B");
    await new Promise((r) => setTimeout(r, 100));
    expect(onB).toEqual(sent);
    expect(otherOnB).toEqual([{ event: "done", data: { id: "gen2" } }]);
  });

  it("gives A's own subscribers a publish at once, and not again when Postgres echoes it", async () => {
    const { a, b } = pair();
    await Promise.all([a.ready(), b.ready()]);
    const onA = heard(a, "gen");
    const onB = heard(b, "gen");
    a.publish("gen", { event: "progress", data: { progress: 0.5 } });
    // Synchronously, before any round trip.
    expect(onA).toEqual([{ event: "progress", data: { progress: 0.5 } }]);
    await until(() => onB.length === 1, "A's event on B");
    // Postgres delivers notifications in commit order: once B's reply reaches A, A's own echo has too.
    b.publish("gen", { event: "image", data: { id: "img" } });
    await until(() => onA.length >= 2, "B's event on A");
    await new Promise((r) => setTimeout(r, 50));
    expect(onA).toEqual([
      { event: "progress", data: { progress: 0.5 } },
      { event: "image", data: { id: "img" } },
    ]);
    expect(onB).toEqual([
      { event: "progress", data: { progress: 0.5 } },
      { event: "image", data: { id: "img" } },
    ]);
  });

  it("sends a stale marker instead of an event too large for NOTIFY (counted in bytes)", async () => {
    const { a, b } = pair();
    await Promise.all([a.ready(), b.ready()]);
    const onA = heard(a, "gen");
    const onB = heard(b, "gen");
    // 2700 characters but 8100 bytes: a count of characters would let Postgres refuse it.
    const big = { event: "done", data: { images: "€".repeat(2700) } };
    a.publish("gen", big);
    a.publish("gen", { event: "progress", data: { progress: 1 } });
    await until(() => onB.length === 2, "the marker and the next event on B");
    expect(onB).toEqual([
      { event: STALE_EVENT, data: { event: "done" } },
      { event: "progress", data: { progress: 1 } },
    ]);
    expect(onA[0]).toEqual(big);
  });

  it("stops delivering to a listener once it unsubscribes", async () => {
    const { a, b } = pair();
    await Promise.all([a.ready(), b.ready()]);
    const kept = heard(b, "gen");
    const gone: JobEvent[] = [];
    const off = b.subscribe("gen", (e) => gone.push(e));
    a.publish("gen", { event: "progress", data: { progress: 0.1 } });
    await until(() => kept.length === 1 && gone.length === 1, "the first event");
    off();
    a.publish("gen", { event: "progress", data: { progress: 0.2 } });
    await until(() => kept.length === 2, "the second event");
    expect(gone).toHaveLength(1);
  });

  it("opens the LISTEN connection again when it is killed, tells subscribers to re-read, and delivers again", async () => {
    const { a, b, appB } = pair();
    await Promise.all([a.ready(), b.ready()]);
    const onB = heard(b, "gen");
    const [before] = await listenPids(appB);
    expect(before).toBeTypeOf("number");
    await admin((c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`${appB}:listen`]),
    );
    // Whatever was sent while B was not listening is lost: B's subscribers hear "stale" once it is back.
    await until(() => onB.some((e) => e.event === STALE_EVENT), "the stale marker after reconnecting");
    const after = await listenPids(appB);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    a.publish("gen", { event: "done", data: { id: "gen" } });
    await until(() => onB.some((e) => e.event === "done"), "an event after reconnecting");
    expect(onB.filter((e) => e.event === "done")).toHaveLength(1);
  });

  it("ends its connections on close", async () => {
    const { a, appA } = pair();
    heard(a, "gen");
    a.publish("gen", { event: "progress", data: { progress: 0 } });
    await a.ready();
    await until(() => true, "");
    expect(await listenPids(appA)).toHaveLength(1);
    await a.close();
    const left = await admin(
      async (c) =>
        (await c.query("SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1", [`${appA}:%`])).rows,
    );
    expect(left).toEqual([]);
  });
});

describe("postgres event bus without a database", () => {
  it("keeps local delivery and never throws into publishers while Postgres is unreachable", async () => {
    const bus = createPostgresBus({
      // Nothing listens on port 1.
      url: "postgres://postgres@127.0.0.1:1/postgres",
      instanceId: "lonely",
      channel: `promptsmith_test_${RUN}_down`,
      reconnect: { baseMs: 20, maxMs: 50 },
    });
    const local = heard(bus, "gen");
    for (let i = 0; i < 20; i++) expect(() => bus.publish("gen", { event: "progress", data: { i } })).not.toThrow();
    expect(local).toHaveLength(20);
    // Let a few reconnect attempts fail: none may surface as an unhandled error.
    await new Promise((r) => setTimeout(r, 300));
    await bus.close();
    expect(() => bus.publish("gen", { event: "progress", data: {} })).not.toThrow();
  });
});
