import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { offlineBackend } from "@/lib/backends/offline";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getJobs } from "@/lib/jobs";
import { cancel } from "@/lib/jobs/cancel";
import { MemoryClientCap } from "@/lib/jobs/client-cap";
import { enqueueGeneration } from "@/lib/jobs/enqueue";
import { ErrorBodySchema, type Generation, type PromptVersion } from "@/lib/schemas";
import { getStore, resetStoreForTests } from "@/lib/store";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-queue-cap-"));
process.env.MAX_QUEUED_PER_CLIENT = "2";
// Clients are told apart by X-Forwarded-For, as behind one trusted reverse proxy.
process.env.TRUST_PROXY = "1";
process.env.OFFLINE_CONCURRENCY = "1";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.MODERATION_URL;

type Route = { POST: (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response> };
let route: Route;

/** The offline backend, held at a gate until the test opens it. */
const gates: Array<() => void> = [];
function holdBackend() {
  const original = offlineBackend.generate.bind(offlineBackend);
  return vi.spyOn(offlineBackend, "generate").mockImplementation(async (req, opts) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return original(req, opts);
  });
}
const openGates = () => {
  for (const open of gates.splice(0)) open();
};

async function saveVersion(prompt: string): Promise<PromptVersion> {
  const now = new Date().toISOString();
  const idea = { id: newId(), text: "an idea", title: "an idea", createdAt: now };
  const version: PromptVersion = {
    id: newId(),
    ideaId: idea.id,
    parentId: null,
    source: "edit",
    instruction: null,
    prompt,
    negativePrompt: null,
    style: null,
    dialect: "prose",
    refiner: "manual",
    model: "manual",
    title: "an idea",
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

function post(promptId: string, ip: string): Promise<Response> {
  const request = new Request("http://localhost/api/generate", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ promptId, backend: "offline" }),
  });
  return route.POST(request, { params: Promise.resolve({}) });
}

async function settled(id: string): Promise<Generation> {
  for (let i = 0; i < 400; i++) {
    const g = await getStore().getGeneration(id);
    if (g && g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the generation did not finish");
}

/** The place is freed just after the row is final (the job's last step), so wait for it. */
async function freed(client: string): Promise<number> {
  const { cap } = getJobs();
  for (let i = 0; i < 100 && (await cap.count(client)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return cap.count(client);
}

beforeAll(async () => {
  resetConfigForTests();
  route = await import("@/app/api/generate/route");
});
afterAll(async () => {
  openGates();
  await resetStoreForTests();
});
beforeEach(() => {
  vi.restoreAllMocks();
  openGates();
});

describe("the per-client cap on queued generations", () => {
  it("answers 429 with Retry-After and how many wait; other clients are not held back; it frees on completion", async () => {
    holdBackend();
    const v = await saveVersion("a lighthouse on a cliff");
    const a = "198.51.100.1";
    const first = await post(v.id, a);
    const second = await post(v.id, a);
    expect([first.status, second.status]).toEqual([202, 202]);

    const third = await post(v.id, a);
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("5");
    const body = ErrorBodySchema.parse(await third.json());
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toBe(
      "You already have 2 generations waiting or running (the limit is 2). Wait for one to finish, then try again.",
    );
    expect(body.error.details).toEqual({ queued: 2, limit: 2 });
    // The refused request left no row behind.
    expect(await getStore().listGenerationsForIdea(v.ideaId)).toHaveLength(2);

    expect((await post(v.id, "198.51.100.2")).status).toBe(202);

    const ids = [(await first.json()) as Generation, (await second.json()) as Generation].map((g) => g.id);
    while (gates.length < 1) await new Promise((r) => setTimeout(r, 10));
    openGates();
    // The lane runs one at a time: keep opening until both of client A's are done.
    const done = Promise.all(ids.map(settled));
    const opener = setInterval(openGates, 10);
    try {
      expect((await done).map((g) => g.status)).toEqual(["succeeded", "succeeded"]);
    } finally {
      clearInterval(opener);
    }
    expect(await freed(`ip:${a}`)).toBe(0);
    expect((await post(v.id, a)).status).toBe(202);
  });

  it("frees a place when a queued generation is canceled, and when a request is refused by moderation", async () => {
    holdBackend();
    const v = await saveVersion("a fox in the snow");
    const harmful = await saveVersion("a fox with a severed head");
    const c = "198.51.100.3";
    const running = (await (await post(v.id, c)).json()) as Generation;
    expect((await post(harmful.id, c)).status).toBe(422);
    const queued = (await (await post(v.id, c)).json()) as Generation;
    expect((await post(v.id, c)).status).toBe(429);

    await cancel(queued.id);
    expect((await settled(queued.id)).status).toBe("canceled");
    expect(await getJobs().cap.count(`ip:${c}`)).toBe(1);
    const again = await post(v.id, c);
    expect(again.status).toBe(202);

    const opener = setInterval(openGates, 10);
    try {
      await settled(running.id);
      await settled(((await again.json()) as Generation).id);
    } finally {
      clearInterval(opener);
    }
    expect(await freed(`ip:${c}`)).toBe(0);
  });

  it("frees a place when a generation fails", async () => {
    vi.spyOn(offlineBackend, "generate").mockRejectedValue(new AppError("backend_error", "broken"));
    const v = await saveVersion("a fox in the snow");
    const res = await post(v.id, "198.51.100.4");
    const g = (await res.json()) as Generation;
    expect((await settled(g.id)).status).toBe("failed");
    expect(await freed("ip:198.51.100.4")).toBe(0);
  });

  it("does not count generations queued without a client (recovery, comparisons)", async () => {
    const v = await saveVersion("a fox in the snow");
    const generation: Generation = {
      id: newId(),
      promptId: v.id,
      ideaId: v.ideaId,
      backend: "offline",
      model: offlineBackend.model,
      params: {},
      status: "queued",
      progress: 0,
      error: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      durationMs: null,
    };
    await getStore().createGeneration(generation);
    await enqueueGeneration(generation);
    expect((await settled(generation.id)).status).toBe("succeeded");
  });
});

describe("MemoryClientCap", () => {
  it("reserves idempotently, releases, and takes several places all or none", async () => {
    const cap = new MemoryClientCap();
    await cap.reserve("k", ["a"], 3);
    await cap.reserve("k", ["a"], 3);
    await cap.reserve("k", ["b"], 3);
    expect(await cap.count("k")).toBe(2);
    await expect(cap.reserve("k", ["c", "d"], 3)).rejects.toThrow(/2 more would pass it/);
    expect(await cap.count("k")).toBe(2);
    await cap.reserve("k", ["c"], 3);
    const e = await cap.reserve("k", ["d"], 3).then(
      () => undefined,
      (x: AppError) => x,
    );
    expect([e?.code, e?.retryAfter, e?.status]).toEqual(["rate_limited", 5, 429]);
    await cap.release(["a"]);
    await cap.release(["a", "nope"]);
    expect(await cap.count("k")).toBe(2);
    await cap.reserve("k", ["d"], 3);
    expect(await cap.count("other")).toBe(0);
  });
});
