/**
 * Faults injected through the fake OpenAI server into the chat refiner, driven through
 * POST /api/refine (JSON and streamed): each fails with a clear error in the house shape,
 * and nothing is saved: no idea, no version.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorBodySchema } from "@/lib/schemas";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { closeStore, configure, savedCounts, savedPrompt } from "./faults-harness";

// Generous: on a busy machine the first import of the app's modules alone can take seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let fake: FakeOpenAI;
let post: Handler;

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  post = (await import("@/app/api/refine/route")).POST as unknown as Handler;
});
afterAll(async () => {
  await closeStore();
  await fake.close();
});
beforeEach(async () => {
  fake.reset();
  await configure({
    OPENAI_API_KEY: "sk-fake-faults-key",
    OPENAI_BASE_URL: fake.url,
    REFINE_TIMEOUT_MS: "20000",
    RATE_REFINE_BURST: "1000",
    RATE_REFINE_PER_MIN: "100000",
  });
  (await import("@/lib/refine/openai-refiner")).forgetOutputModesForTests();
});

function refine(body: unknown, json: boolean): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (json) headers.accept = "application/json";
  const request = new Request("http://localhost/api/refine", {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  return post(request, { params: Promise.resolve({}) });
}

/** The `error` event of a streamed refinement (and that no `version` came). */
async function streamedError(res: Response) {
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const text = await res.text();
  const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({ event: m[1], data: m[2] }));
  expect(events.map((e) => e.event)).not.toContain("version");
  const error = events.find((e) => e.event === "error");
  expect(error, text.slice(-500)).toBeDefined();
  return ErrorBodySchema.parse(JSON.parse(error?.data ?? "null")).error;
}

const cases = [
  { mode: "error500", status: 502, code: "backend_error", message: /OpenAI server failed \(500\)/ },
  { mode: "rate429", status: 429, code: "rate_limited", message: /rate limiting/ },
  { mode: "malformedChunk", status: 502, code: "backend_error", message: /OpenAI/ },
  { mode: "reset", status: 503, code: "backend_unavailable", message: /OpenAI/, anyOf: ["backend_error"] },
  {
    mode: "truncated",
    status: 502,
    code: "backend_error",
    message: /OpenAI|cut off|incomplete|unfinished|not valid JSON/i,
  },
  { mode: "length", status: 502, code: "backend_error", message: /.+/ },
  { mode: "refusal", status: 422, code: "refused", message: /.+/ },
  { mode: "contentFilter", status: 422, code: "refused", message: /.+/ },
] as const;

describe("the chat refiner under faults: a clear error, nothing saved", () => {
  for (const c of cases) {
    for (const json of [true, false]) {
      it(`${c.mode} (${json ? "JSON" : "streamed"}) → ${c.code}`, async () => {
        const before = await savedCounts();
        fake.setMode({ mode: c.mode, endpoint: "chat" });
        const res = await refine({ idea: "a lighthouse on a cliff at dusk", refiner: "openai" }, json);
        let error: { code: string; message: string };
        if (json) {
          const body = ErrorBodySchema.parse(await res.json());
          error = body.error;
          const codes: string[] = [c.code, ...("anyOf" in c ? c.anyOf : [])];
          expect(codes).toContain(error.code);
          if (error.code === c.code) expect(res.status).toBe(c.status);
          if (c.mode === "rate429") expect(res.headers.get("retry-after")).toBe("1");
        } else {
          error = await streamedError(res);
          expect([c.code, ...("anyOf" in c ? c.anyOf : [])]).toContain(error.code);
        }
        expect(error.message).toMatch(c.message);
        expect(error.message).not.toMatch(/something went wrong|sk-fake|127\.0\.0\.1|http:\/\//i);
        expect(await savedCounts()).toEqual(before);
      });
    }
  }

  it("a model that never answers → 504 timeout after REFINE_TIMEOUT_MS, nothing saved", async () => {
    await configure({ REFINE_TIMEOUT_MS: "500" });
    const before = await savedCounts();
    fake.setMode({ mode: "hang", endpoint: "chat" });
    const started = Date.now();
    const res = await refine({ idea: "a lighthouse on a cliff at dusk", refiner: "openai" }, true);
    expect(res.status).toBe(504);
    expect(ErrorBodySchema.parse(await res.json()).error).toMatchObject({ code: "timeout" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await savedCounts()).toEqual(before);
  });

  it("a fault refining a saved version adds no child, and the parent stays as it was", async () => {
    const parent = await savedPrompt("a quiet harbour at night");
    const before = await savedCounts();
    fake.setMode({ mode: "truncated", endpoint: "chat" });
    const res = await refine({ parentId: parent.id, instruction: "add fog", refiner: "openai" }, true);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await savedCounts()).toEqual(before);
    const { getStore } = await import("@/lib/store");
    expect((await getStore().getVersion(parent.id))?.prompt).toBe(parent.prompt);
  });

  it("works again once the fault is gone", async () => {
    const before = await savedCounts();
    const res = await refine({ idea: "a lighthouse on a cliff at dusk", refiner: "openai" }, true);
    expect(res.status).toBe(201);
    expect((await savedCounts()).ideas).toBe(before.ideas + 1);
  });
});

describe("a server that only speaks plain text (no response_format)", () => {
  it("a stream that ends without a finish reason is not saved as if it were the whole prompt", async () => {
    fake.setMode({ mode: "noResponseFormat", endpoint: "chat", times: 2 });
    const ok = await refine({ idea: "a red kite over the dunes", refiner: "openai" }, true);
    expect(ok.status).toBe(201); // json_schema and json_object refused, text accepted (and remembered)
    const before = await savedCounts();
    fake.setMode({ mode: "truncated", endpoint: "chat" });
    const res = await refine({ idea: "a lighthouse on a cliff at dusk", refiner: "openai" }, true);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
    expect(await savedCounts()).toEqual(before);
  });
});
