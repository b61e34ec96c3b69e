import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import type { AppError } from "@/lib/errors";
import { assertAllowed, moderate, resetPolicyForTests } from "@/lib/safety/moderate";
import { mapResult, resetRemoteForTests } from "@/lib/safety/remote";
import { type FakeOpenAI, startFakeOpenAI, validateAgainstContract } from "@/tests/fakes/openai";

const KEY = "sk-fake-moderation-key";
let fake: FakeOpenAI;

function configure(env: Record<string, string | undefined>) {
  for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERATION_URL", "MODERATION", "MODERATION_POLICY_FILE"]) {
    delete process.env[k];
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  resetConfigForTests();
  resetPolicyForTests();
  resetRemoteForTests();
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as AppError,
  );

beforeAll(async () => {
  fake = await startFakeOpenAI({ port: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url });
});

const moderationRequests = () => fake.requests().filter((r) => r.endpoint === "moderations");

describe("the moderations endpoint", () => {
  it("sends the idea and the prompt in one request, as the contract wants, and maps the flags", async () => {
    const verdict = await moderate({
      texts: { idea: "a quiet FLAG_HATE banner", prompt: "a fox in the snow" },
      stage: "generate",
    });
    expect(verdict).toEqual({
      allowed: false,
      source: "openai",
      categories: ["hate", "harassment"],
      fields: ["idea"],
      rules: [],
    });
    const [req, ...more] = moderationRequests();
    expect(more).toHaveLength(0);
    expect(req?.body).toEqual({
      model: "omni-moderation-latest",
      input: ["a quiet FLAG_HATE banner", "a fox in the snow"],
    });
    expect(req?.contractErrors).toBeNull();
    expect(validateAgainstContract("CreateModerationRequest", req?.body).valid).toBe(true);
    expect(req?.bearer).toBe(true);
  });

  it("lets unflagged texts through, and asks again only about texts it has not seen lately", async () => {
    const texts = { idea: "a fox", prompt: "a red fox in the snow, watercolor" };
    expect(await moderate({ texts, stage: "generate" })).toEqual({ allowed: true });
    expect(await moderate({ texts, stage: "generate" })).toEqual({ allowed: true });
    await moderate({ texts: { idea: "a fox", prompt: "a red fox, oil painting" }, stage: "generate" });
    expect(moderationRequests().map((r) => (r.body as { input: string[] }).input)).toEqual([
      ["a fox", "a red fox in the snow, watercolor"],
      ["a red fox, oil painting"],
    ]);
  });

  it("names graphic violence and sexual/minors in our words, across both texts", async () => {
    // FLAG_* markers the fake flags and the offline policy does not know ("FLAG_GORE" it would: "gore").
    const verdict = await moderate({ texts: { idea: "FLAG_MINORS", prompt: "FLAG_ME" }, stage: "generate" });
    expect(verdict).toMatchObject({
      source: "openai",
      categories: ["sexual/minors", "sexual", "violence"],
      fields: ["idea", "prompt"],
    });
  });

  it("is not asked when the offline policy already blocks", async () => {
    const verdict = await moderate({ texts: { prompt: "a severed head" }, stage: "generate" });
    expect(verdict).toMatchObject({ allowed: false, source: "policy", categories: ["violence/graphic"] });
    expect(moderationRequests()).toHaveLength(0);
  });

  it("answers a block with moderation_blocked (422), its categories and a plain reason", async () => {
    const e = await failure(assertAllowed({ texts: { prompt: "FLAG_HATE" }, stage: "generate" }));
    expect(e.code).toBe("moderation_blocked");
    expect(e.status).toBe(422);
    expect(e.details).toEqual({ categories: ["hate", "harassment"], source: "openai", fields: ["prompt"] });
    expect(e.message).toBe(
      "The prompt was blocked by the moderation service: hate or extremist symbols and harassment. Nothing was generated.",
    );
  });

  it("fails closed when the endpoint is down: 503, nothing allowed, after one quick retry", async () => {
    fake.setMode({ mode: "error500", endpoint: "moderations" });
    const e = await failure(assertAllowed({ texts: { prompt: "a fox" }, stage: "generate" }));
    expect(e.code).toBe("backend_unavailable");
    expect(e.status).toBe(503);
    expect(e.message).toMatch(/safety check failed \(500\), so nothing was generated/);
    expect(e.details).toEqual({ source: "openai" });
    expect(moderationRequests()).toHaveLength(2);
  });

  it("fails closed on an answer it cannot read, and on a refused connection", async () => {
    fake.setMode({ mode: "malformedChunk", endpoint: "moderations" });
    expect((await failure(moderate({ texts: { prompt: "a fox" }, stage: "generate" }))).code).toBe(
      "backend_unavailable",
    );
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    configure({ MODERATION_URL: `http://127.0.0.1:${port}/v1` });
    const e = await failure(moderate({ texts: { prompt: "a fox" }, stage: "generate" }));
    expect([e.code, e.message]).toEqual([
      "backend_unavailable",
      "The safety check could not be reached, so nothing was generated. Try again in a moment.",
    ]);
  });

  it("passes a rate limit on as 429 with Retry-After", async () => {
    fake.setMode({ mode: "rate429", endpoint: "moderations" });
    const e = await failure(moderate({ texts: { prompt: "a fox" }, stage: "generate" }));
    expect([e.code, e.retryAfter]).toEqual(["rate_limited", 1]);
  });

  it("leaves out a category the policy file switched off", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-remote-"));
    const file = path.join(dir, "policy.json");
    writeFileSync(file, JSON.stringify({ disable: ["hate", "harassment"] }));
    configure({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, MODERATION_POLICY_FILE: file });
    expect(await moderate({ texts: { prompt: "FLAG_HATE" }, stage: "generate" })).toEqual({ allowed: true });
    expect(await moderate({ texts: { prompt: "FLAG_ME FLAG_HATE" }, stage: "generate" })).toMatchObject({
      categories: ["violence"],
    });
  });

  it("is used with MODERATION_URL alone, and not with only OPENAI_BASE_URL (no key)", async () => {
    configure({ MODERATION_URL: fake.url });
    expect(await moderate({ texts: { prompt: "FLAG_ME" }, stage: "generate" })).toMatchObject({ source: "openai" });
    configure({ OPENAI_BASE_URL: fake.url });
    expect(await moderate({ texts: { prompt: "FLAG_ME" }, stage: "generate" })).toEqual({ allowed: true });
    expect(moderationRequests()).toHaveLength(1);
  });

  it("never sends the OpenAI key to a MODERATION_URL elsewhere", async () => {
    const seen: Array<string | undefined> = [];
    const other = createServer((req: IncomingMessage, res) => {
      seen.push(req.headers.authorization);
      req.resume();
      req.on("end", () => {
        const categories = { violence: false };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ id: "m", model: "x", results: [{ flagged: false, categories, category_scores: {} }] }),
        );
      });
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/v1`;
      configure({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, MODERATION_URL: url });
      expect(await moderate({ texts: { prompt: "a fox" }, stage: "generate" })).toEqual({ allowed: true });
      expect(seen).toHaveLength(1);
      expect(seen[0]).not.toContain(KEY);
      // Pointed at the server that already has the key, it is sent.
      configure({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: url, MODERATION_URL: url });
      await moderate({ texts: { prompt: "a hare" }, stage: "generate" });
      expect(seen[1]).toBe(`Bearer ${KEY}`);
    } finally {
      other.closeAllConnections();
      await new Promise((r) => other.close(r));
    }
  });

  it("is skipped with everything else when MODERATION=off", async () => {
    configure({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, MODERATION: "off" });
    expect(await moderate({ texts: { prompt: "FLAG_GORE gore" }, stage: "generate" })).toEqual({ allowed: true });
    expect(moderationRequests()).toHaveLength(0);
  });
});

describe("mapResult", () => {
  it("maps every omni category, and a flag with no category to other", () => {
    const all = Object.fromEntries(
      [
        "hate",
        "hate/threatening",
        "harassment",
        "harassment/threatening",
        "illicit",
        "illicit/violent",
        "self-harm",
        "self-harm/intent",
        "self-harm/instructions",
        "sexual",
        "sexual/minors",
        "violence",
        "violence/graphic",
      ].map((c) => [c, true]),
    );
    expect(mapResult({ flagged: true, categories: all }).categories.sort()).toEqual(
      ["hate", "harassment", "illicit", "self-harm", "sexual", "sexual/minors", "violence", "violence/graphic"].sort(),
    );
    expect(mapResult({ flagged: true, categories: { "new/thing": true } })).toEqual({
      flagged: true,
      categories: ["other"],
    });
  });

  it("counts a flagged result with no category as other", async () => {
    const odd = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "m", model: "x", results: [{ flagged: true, categories: { violence: false } }] }));
      });
    });
    await new Promise<void>((r) => odd.listen(0, "127.0.0.1", r));
    try {
      configure({ MODERATION_URL: `http://127.0.0.1:${(odd.address() as AddressInfo).port}/v1` });
      const e = await failure(assertAllowed({ texts: { idea: "a fox" }, stage: "refine" }));
      expect(e.details).toEqual({ categories: ["other"], source: "openai", fields: ["idea"] });
      expect(e.message).toBe(
        "The idea was blocked by the moderation service: content the moderation service flagged. Nothing was refined.",
      );
    } finally {
      odd.closeAllConnections();
      await new Promise((r) => odd.close(r));
    }
  });
});
