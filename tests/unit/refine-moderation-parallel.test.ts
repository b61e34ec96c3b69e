import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import type { AppError } from "@/lib/errors";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import type { RefineOptions } from "@/lib/refine/types";
import { resetPolicyForTests } from "@/lib/safety/moderate";
import { resetRemoteForTests } from "@/lib/safety/remote";
import { ErrorBodySchema } from "@/lib/schemas";
import type { RefineBody } from "@/lib/schemas/api";
import { getStore, resetStoreForTests } from "@/lib/store";
import { prepareRefine } from "@/lib/studio/refine";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { parseSse } from "./routes-call";

/**
 * Issue 12: the moderation service looks at the idea while the refiner's first bytes are on the
 * way, and the refiner's text is held back until it has passed; a refusal stops the refiner.
 */

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-refine-moderation-"));

const MODERATION_MS = 800;
let fake: FakeOpenAI;
let route: { POST: (req: Request, ctx: { params: Promise<Record<string, never>> }) => Promise<Response> };

/** Every refiner run, with when it first had text and how its signal ended. */
type Seen = { firstTextAt?: number; signal: AbortSignal; calls: number };
let seen: Seen[];

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  route = await import("@/app/api/refine/route");
  // Warm: the first request of a process loads the SDK and opens connections, which would blur the timings.
  process.env.OPENAI_API_KEY = "sk-fake-parallel-key";
  process.env.OPENAI_BASE_URL = fake.url;
  resetConfigForTests();
  await (await prepareRefine({ idea: "a warm cup of tea" } as RefineBody)).run({
    signal: new AbortController().signal,
  });
});
afterAll(async () => {
  await resetStoreForTests();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  for (const k of ["MODERATION_URL", "MODERATION", "MODERATION_POLICY_FILE"]) delete process.env[k];
  process.env.OPENAI_API_KEY = "sk-fake-parallel-key";
  process.env.OPENAI_BASE_URL = fake.url;
  resetConfigForTests();
  resetPolicyForTests();
  resetRemoteForTests();
  resetOpenAIClientForTests();
  forgetOutputModesForTests();
  // The moderation service is slower than the chat model's first token.
  fake.setMode({ mode: "ok", endpoint: "moderations", delayMs: MODERATION_MS });
  seen = [];
  const refine = openaiRefiner.refine.bind(openaiRefiner);
  vi.spyOn(openaiRefiner, "refine").mockImplementation((input, opts: RefineOptions) => {
    const run: Seen = { signal: opts.signal, calls: 0 };
    seen.push(run);
    return refine(input, {
      ...opts,
      onDelta(text) {
        run.calls++;
        run.firstTextAt ??= performance.now();
        opts.onDelta?.(text);
      },
    });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

function post(body: unknown, accept?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (accept) headers.accept = accept;
  const request = new Request("http://localhost/api/refine", { method: "POST", headers, body: JSON.stringify(body) });
  return route.POST(request, { params: Promise.resolve({}) });
}

const ideaCount = async () => (await getStore().listIdeas({ limit: 100 })).items.length;
const endpoints = () => fake.requests().map((r) => r.endpoint);

describe("moderation beside the refiner", () => {
  it("starts the refiner before the moderation service answers, and shows no text until it has", async () => {
    const t0 = performance.now();
    const shown: number[] = [];
    const prepared = await prepareRefine({ idea: "a red fox in the snow" } as RefineBody);
    let allowedAt = 0;
    void prepared.allowed.then(() => (allowedAt = performance.now()));
    const version = await prepared.run({
      signal: new AbortController().signal,
      onDelta: () => shown.push(performance.now()),
    });

    expect(version.prompt).toContain("fox");
    expect(allowedAt - t0).toBeGreaterThanOrEqual(MODERATION_MS - 20);
    // The refiner had text while the moderation service was still thinking…
    expect(seen[0]?.firstTextAt).toBeLessThan(allowedAt);
    // …and none of it went out before the verdict; then it all did (the latest "so far" first).
    expect(shown.length).toBeGreaterThan(0);
    expect(Math.min(...shown)).toBeGreaterThanOrEqual(allowedAt);
    expect(endpoints().sort()).toEqual(["chat", "moderations"]);
  });

  it("streams: the first delta carries the text the refiner wrote while it waited, and the version follows", async () => {
    const res = await post({ idea: "a lighthouse on a cliff at dusk" });
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(0);
    const version = events.find((e) => e.event === "version")?.data as { prompt: string };
    // The deltas add up to the saved prompt (a reset starts over).
    const text = deltas.reduce((s, e) => {
      const d = e.data as { text: string; reset?: true };
      return d.reset ? d.text : s + d.text;
    }, "");
    expect(text).toBe(version.prompt);
  });

  it("a blocked idea stops the refiner in flight: 422 as before, no model text, nothing saved", async () => {
    // The chat model takes 3 s to start: the verdict (150 ms) comes while it is still in flight.
    fake.setMode({ mode: "ok", endpoint: "moderations", delayMs: 150 });
    fake.setMode({ mode: "ok", endpoint: "chat", delayMs: 3000 });
    const before = await ideaCount();
    const t0 = performance.now();
    const res = await post({ idea: "a quiet FLAG_HATE banner over a town square" });

    expect(res.status).toBe(422);
    // Answered on the verdict, not after the refiner would have finished.
    expect(performance.now() - t0).toBeLessThan(2000);
    const text = await res.text();
    const body = ErrorBodySchema.parse(JSON.parse(text));
    expect(body.error).toEqual({
      code: "moderation_blocked",
      message:
        "The idea was blocked by the moderation service: hate or extremist symbols and harassment. Nothing was refined.",
      details: { categories: ["hate", "harassment"], source: "openai", fields: ["idea"] },
    });
    // The refiner was asked (in parallel) and then stopped, with the refusal as the reason.
    expect(endpoints()).toContain("chat");
    expect(seen).toHaveLength(1);
    expect(seen[0]?.signal.aborted).toBe(true);
    expect((seen[0]?.signal.reason as AppError | undefined)?.code).toBe("moderation_blocked");
    expect(text).not.toMatch(/banner|square/i);
    expect(await ideaCount()).toBe(before);
  });

  it("a blocked idea with candidates stops every refiner and is one refusal, in JSON too", async () => {
    const before = await ideaCount();
    const res = await post({ idea: "FLAG_ME at a picnic", candidates: 3 }, "application/json");
    expect(res.status).toBe(422);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("moderation_blocked");
    expect(seen).toHaveLength(3);
    for (const run of seen) expect(run.signal.aborted).toBe(true);
    expect(await ideaCount()).toBe(before);
  });

  it("a refusal that comes after the refiner has finished still wins: no text, nothing saved", async () => {
    fake.setMode({ mode: "ok", endpoint: "moderations", delayMs: 800 });
    const before = await ideaCount();
    const shown: string[] = [];
    const prepared = await prepareRefine({ idea: "FLAG_ME in a meadow" } as RefineBody);
    const e = await prepared.run({ signal: new AbortController().signal, onDelta: (t) => shown.push(t) }).then(
      () => undefined,
      (err: AppError) => err,
    );
    expect(e?.code).toBe("moderation_blocked");
    expect(seen[0]?.calls).toBeGreaterThan(0);
    expect(shown).toEqual([]);
    expect(await ideaCount()).toBe(before);
  });

  it("a moderation outage still fails closed before any stream: 503, the refiner stopped, nothing saved", async () => {
    fake.setMode({ mode: "error500", endpoint: "moderations" });
    const before = await ideaCount();
    const res = await post({ idea: "a red fox in the snow" });
    expect(res.status).toBe(503);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe("backend_unavailable");
    expect(body.error.message).toMatch(/safety check failed \(500\)/);
    for (const run of seen) expect(run.signal.aborted).toBe(true);
    expect(await ideaCount()).toBe(before);
  });

  it("a busy moderation service is still a 429 with Retry-After", async () => {
    fake.setMode({ mode: "rate429", endpoint: "moderations" });
    const res = await post({ idea: "a red fox in the snow" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("rate_limited");
  });

  it("the offline policy still refuses before the refiner is even asked", async () => {
    const res = await post({ idea: "a battlefield strewn with severed limbs, gore everywhere" });
    expect(res.status).toBe(422);
    expect(ErrorBodySchema.parse(await res.json()).error.details).toMatchObject({ source: "policy" });
    expect(seen).toHaveLength(0);
    expect(endpoints()).toEqual([]);
  });
});
