/**
 * Issue 14.3: the per-client refine limit is for what costs money or load. Offline refinements
 * (free) get a limit no person reaches that still stops a flood; a chat model keeps its small
 * burst. Driven through POST /api/refine with the client key proxy.ts would set.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { TRUSTED_CLIENT_HEADER } from "@/lib/auth/trusted-client";
import { resetRateLimitsForTests } from "@/lib/limits/rate-limits";
import { ErrorBodySchema } from "@/lib/schemas";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { closeStore, configure } from "./faults-harness";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let fake: FakeOpenAI;
let post: Handler;
let proxy: (request: NextRequest) => Response;
const TOKENS = ["tok-script-a", "tok-script-b", "tok-flood-c", "tok-flood-d", "tok-chat-e"];

// The defaults, whatever the environment running the tests says.
const DEFAULT_LIMITS = {
  APP_PASSWORD: undefined,
  API_TOKENS: TOKENS.join(","),
  LOG_LEVEL: "warn",
  RATE_REFINE_PER_MIN: undefined,
  RATE_REFINE_BURST: undefined,
  RATE_OFFLINE_REFINE_PER_MIN: undefined,
  RATE_OFFLINE_REFINE_BURST: undefined,
};

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
  post = (await import("@/app/api/refine/route")).POST as unknown as Handler;
  proxy = (await import("@/proxy")).proxy as unknown as typeof proxy;
});
afterAll(async () => {
  vi.useRealTimers();
  await closeStore();
  await fake.close();
});
beforeEach(() => {
  vi.useRealTimers();
  resetRateLimitsForTests();
  fake.reset();
});

/**
 * One POST /api/refine as the server runs it: proxy.ts first (its gate and limits), then the
 * route with the client key the proxy hands on. Each client is an API token.
 */
async function refine(client: string, body: Record<string, unknown>): Promise<Response> {
  const init = {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${client}` },
    body: JSON.stringify(body),
  };
  const gate = await proxy(new NextRequest("http://127.0.0.1:3000/api/refine", init));
  if (!gate.headers.get("x-middleware-next")) return gate;
  const key = gate.headers.get(`x-middleware-request-${TRUSTED_CLIENT_HEADER}`);
  expect(key).toMatch(/^token:/);
  const request = new Request("http://127.0.0.1:3000/api/refine", {
    ...init,
    headers: { ...init.headers, [TRUSTED_CLIENT_HEADER]: key ?? "" },
  });
  return post(request, { params: Promise.resolve({}) });
}

async function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("rate_limited");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
}

describe("offline refinements", () => {
  beforeEach(() => configure({ OPENAI_API_KEY: "", OPENAI_BASE_URL: "", ...DEFAULT_LIMITS }));

  it("a script refining 40 ideas in a row from one client gets all 40", async () => {
    for (let i = 0; i < 40; i++) {
      const res = await refine("tok-script-a", { idea: `a lighthouse in a storm, number ${i}` });
      expect(res.status, `refinement ${i + 1}`).toBe(201);
    }
  });

  it("a flood is still stopped: past a burst of 120 with no time passing, 429 with Retry-After", async () => {
    // Time stands still, so no token refills while the flood runs on a slow machine.
    vi.useFakeTimers({ toFake: ["Date"] });
    let ok = 0;
    let refused: Response | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const res = await refine("tok-flood-c", { idea: `a flood of paper boats, number ${i}` });
      if (res.status === 429) refused = res;
      else {
        expect(res.status).toBe(201);
        ok++;
      }
    }
    expect(ok).toBe(120);
    if (!refused) throw new Error("no 429 after 200 offline refinements");
    await expectRateLimited(refused);
    // Another client is not held back by the flood.
    expect((await refine("tok-flood-d", { idea: "a quiet pond" })).status).toBe(201);
  });
});

describe("chat-model refinements", () => {
  beforeEach(() =>
    configure({ OPENAI_API_KEY: "sk-fake-rate-limit-key", OPENAI_BASE_URL: fake.url, ...DEFAULT_LIMITS }),
  );

  it("keep their burst of 10: the 11th answers 429 and never reaches the model", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 10; i++) {
      const res = await refine("tok-chat-e", { idea: `a red kite over hills, number ${i}` });
      expect(res.status, `refinement ${i + 1}`).toBe(201);
    }
    const chatsBefore = fake.requests().length;
    await expectRateLimited(await refine("tok-chat-e", { idea: "one more kite" }));
    expect(fake.requests().length).toBe(chatsBefore);
    // The same client may still refine offline: that bucket is its own.
    expect((await refine("tok-chat-e", { idea: "one more kite", refiner: "offline" })).status).toBe(201);
  });
});
