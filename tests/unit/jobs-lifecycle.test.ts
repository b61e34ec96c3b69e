import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { offlineBackend } from "@/lib/backends/offline";
import { GenerationSchema, GenerationWithImagesSchema, PromptVersionSchema } from "@/lib/schemas";
import { describeEachDialect } from "./store-dialects";

/*
 * The generation lifecycle through the routes, as wired by getJobs(): in-process on SQLite, and
 * the shared queue, bus and cap on Postgres (the mode several instances run in). The same
 * answers either way: that is what makes the move from one mode to the other configuration.
 */

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Routes = Record<"refine" | "generate" | "generation" | "cancel" | "events", Record<string, Handler>>;

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-jobs-lifecycle-"));
const saved = { ...process.env };
let routes: Routes;

function call(
  handler: Handler | undefined,
  init: { method?: string; path?: string; body?: unknown; ip?: string } = {},
  params: Record<string, string> = {},
) {
  if (!handler) throw new Error("no such route");
  const headers: Record<string, string> = { "x-forwarded-for": init.ip ?? "198.51.100.20", accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return handler(new Request(`http://localhost${init.path ?? "/"}`, { method: init.method ?? "GET", headers, body }), {
    params: Promise.resolve(params),
  });
}

async function newVersion(idea: string) {
  const res = await call(routes.refine.POST, { method: "POST", body: { idea } });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function generate(promptId: string, ip?: string) {
  return call(routes.generate.POST, {
    method: "POST",
    body: { promptId, backend: "offline", params: { size: "512x512" } },
    ip,
  });
}

async function settled(id: string) {
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(routes.generation.GET, {}, { id })).json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the generation did not end");
}

/** The offline backend, held until the test lets it go. */
function holdBackend() {
  const original = offlineBackend.generate.bind(offlineBackend);
  const gates: Array<() => void> = [];
  vi.spyOn(offlineBackend, "generate").mockImplementation(async (request, opts) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return original(request, opts);
  });
  return () => {
    for (const open of gates.splice(0)) open();
  };
}

async function resetAll() {
  await (await import("@/lib/jobs")).resetJobsForTests();
  await (await import("@/lib/store")).resetStoreForTests();
  (await import("@/lib/config")).resetConfigForTests();
}

beforeAll(async () => {
  routes = {
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    cancel: await import("@/app/api/generations/[id]/cancel/route"),
    events: await import("@/app/api/generations/[id]/events/route"),
  } as unknown as Routes;
}, 60_000);

afterAll(async () => {
  await resetAll();
  process.env = saved;
});

describeEachDialect("the generation lifecycle through getJobs()", (dialect) => {
  beforeEach(async () => {
    await resetAll();
    process.env = {
      ...saved,
      DATA_DIR: dataDir,
      TRUST_PROXY: "1",
      OFFLINE_CONCURRENCY: "1",
      MAX_QUEUED_PER_CLIENT: "2",
    };
    for (const key of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERATION_URL", "DATABASE_URL", "STORAGE"])
      delete process.env[key];
    Object.assign(process.env, dialect.env());
    (await import("@/lib/config")).resetConfigForTests();
    // What instrumentation.ts does at start: recovery, then the queue takes work.
    await (await import("@/lib/jobs/recover")).recoverAtStart();
  });
  afterEach(() => vi.restoreAllMocks());

  it("is shared exactly when the store is Postgres", async () => {
    expect((await import("@/lib/jobs")).getJobs().shared).toBe(dialect.name === "postgres");
  });

  it("runs a generation to the end, and its event stream ends with done and its image", async () => {
    const v = await newVersion("a lighthouse in fog");
    const res = await generate(v.id);
    expect(res.status).toBe(202);
    const g = GenerationSchema.parse(await res.json());
    const events = await (
      await call(routes.events.GET, { path: `/api/generations/${g.id}/events` }, { id: g.id })
    ).text();
    const names = [...events.matchAll(/event: (\w+)/g)].map((m) => m[1]);
    expect(names[0]).toBe("generation");
    expect(names.at(-1)).toBe("done");
    const done = await settled(g.id);
    expect(done.status).toBe("succeeded");
    expect(done.images).toHaveLength(1);
  });

  it("queues first in, first out with a true place, cancels a queued one, and caps the client", async () => {
    const release = holdBackend();
    try {
      const v = await newVersion("a fox in the snow");
      const ip = "198.51.100.21";
      const first = GenerationSchema.parse(await (await generate(v.id, ip)).json());
      const second = GenerationSchema.parse(await (await generate(v.id, ip)).json());
      // Two held (running and queued): the third is refused, and changes nothing.
      const refused = await generate(v.id, ip);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("5");

      const { getJobs } = await import("@/lib/jobs");
      for (let i = 0; i < 200 && (await settledStatus(first.id)) !== "running"; i++) await pause();
      expect(await getJobs().queue.ahead(second)).toBe(0);

      const canceled = GenerationSchema.parse(
        await (await call(routes.cancel.POST, { method: "POST" }, { id: second.id })).json(),
      );
      expect(canceled.status).toBe("canceled");
      // Its place is free again.
      for (let i = 0; i < 200 && (await getJobs().cap.count(`ip:${ip}`)) > 1; i++) await pause();
      expect(await getJobs().cap.count(`ip:${ip}`)).toBe(1);
      release();
      expect((await settled(first.id)).status).toBe("succeeded");
      for (let i = 0; i < 200 && (await getJobs().cap.count(`ip:${ip}`)) > 0; i++) await pause();
      expect(await getJobs().cap.count(`ip:${ip}`)).toBe(0);
    } finally {
      release();
    }
  });

  it("cancels a running generation", async () => {
    const release = holdBackend();
    try {
      const v = await newVersion("a red umbrella");
      const g = GenerationSchema.parse(await (await generate(v.id)).json());
      for (let i = 0; i < 200 && (await settledStatus(g.id)) !== "running"; i++) await pause();
      await call(routes.cancel.POST, { method: "POST" }, { id: g.id });
      release();
      const end = await settled(g.id);
      expect(end.status).toBe("canceled");
      expect(end.images).toEqual([]);
    } finally {
      release();
    }
  });
});

const pause = () => new Promise((r) => setTimeout(r, 25));

async function settledStatus(id: string) {
  return GenerationSchema.parse(await (await call(routes.generation.GET, {}, { id })).json()).status;
}

describe("starting the shared mode", () => {
  it("stops the start when the database does not answer, naming DATABASE_URL", async () => {
    await resetAll();
    process.env = { ...saved, DATA_DIR: dataDir, DATABASE_URL: "postgres://promptsmith:pw@127.0.0.1:1/promptsmith" };
    (await import("@/lib/config")).resetConfigForTests();
    const { recoverAtStart } = await import("@/lib/jobs/recover");
    await expect(recoverAtStart()).rejects.toThrow(/DATABASE_URL/);
    await resetAll();
    process.env = saved;
  });
});
