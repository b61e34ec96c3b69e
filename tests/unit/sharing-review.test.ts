import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GenerationWithImagesSchema, type PromptVersion, PromptVersionSchema } from "@/lib/schemas";
import { CreatedShareSchema } from "@/lib/schemas/shares";
import { call, expectError, pick, type RouteModules } from "./routes-call";

/*
 * Findings of the security review of share links (issue 10): share tokens never reach a log line,
 * only token-shaped /s and /api/s paths pass the gate, and a visitor can leave feedback on exactly
 * the images the link serves.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-share-review-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.DATABASE_URL;

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde";

let routes: RouteModules;
const h = (route: string, method: string) => pick(routes, route, method);

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    shares: await import("@/app/api/shares/route"),
    feedback: await import("@/app/api/s/[token]/feedback/route"),
    file: await import("@/app/api/s/[token]/images/[imageId]/file/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
});

/** Everything the logger writes while `fn` runs. */
async function logged(fn: () => unknown): Promise<string> {
  const out: string[] = [];
  const grab = (chunk: unknown) => {
    out.push(String(chunk));
    return true;
  };
  const err = vi.spyOn(process.stderr, "write").mockImplementation(grab);
  const std = vi.spyOn(process.stdout, "write").mockImplementation(grab);
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "debug";
  try {
    await fn();
  } finally {
    err.mockRestore();
    std.mockRestore();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  }
  return out.join("");
}

describe("share tokens in logs", () => {
  it("scrubShareTokens turns every /s/<token> segment into /s/…", async () => {
    const { scrubShareTokens } = await import("@/lib/security/scrub");
    expect(scrubShareTokens(`/s/${TOKEN}`)).toBe("/s/…");
    expect(scrubShareTokens(`/api/s/${TOKEN}/images/img_1/file`)).toBe("/api/s/…/images/img_1/file");
    expect(scrubShareTokens(`GET http://localhost:3000/s/${TOKEN}?_rsc=1`)).toBe(
      "GET http://localhost:3000/s/…?_rsc=1",
    );
    expect(scrubShareTokens("/s/abc%2Fdef/x")).toBe("/s/…/x");
    // Paths without a share segment are left as they are.
    expect(scrubShareTokens("/api/shares/sh_1 /api/ideas/x /shares")).toBe("/api/shares/sh_1 /api/ideas/x /shares");
  });

  it("no log line holds a token: a route's error log (with its request path) and any field", async () => {
    const { handle } = await import("@/lib/http/handle");
    const { log } = await import("@/lib/log");
    const failing = handle<{ token: string }>(async () => {
      throw new Error("the database went away");
    });
    const text = await logged(async () => {
      const res = await failing(new Request(`http://localhost/api/s/${TOKEN}/images/img_1/file`), {
        params: Promise.resolve({ token: TOKEN }),
      });
      expect(res.status).toBe(500);
      log.warn(`a link /s/${TOKEN} was slow`, { url: `http://localhost/s/${TOKEN}` });
    });
    expect(text).toContain("/api/s/…/images/img_1/file");
    expect(text).toContain("/s/… was slow");
    expect(text).not.toContain(TOKEN);
  });
});

describe("the gate's share paths", () => {
  it("opens only token-shaped /s and /api/s paths", async () => {
    const { isPublicPath, isSharePath } = await import("@/lib/auth/gate");
    for (const p of [`/s/${TOKEN}`, `/s/${TOKEN}/`, `/api/s/${TOKEN}`, `/api/s/${TOKEN}/images/img_1/thumb`]) {
      expect(isSharePath(p), p).toBe(true);
    }
    for (const p of [
      "/s",
      "/s/",
      "/api/s",
      "/S/x",
      "/API/s/x",
      "//s/x",
      "/s//x",
      "/s/x//y",
      "/s/..",
      "/s/x/../../api/ideas",
      "/s/x%2F..%2F..%2Fapi%2Fideas",
      "/s/%2e%2e/api",
      "/api/s/x/..%2Fideas",
      "/s/x.rsc",
      "/s/x;y",
      "/shares",
      "/api/shares",
      "/api/shares/x",
      "/x/s/y",
      "/api/ideas/s/x",
    ]) {
      expect(isSharePath(p), p).toBe(false);
      expect(isPublicPath(p), p).toBe(false);
    }
  });
});

async function refine(idea: string): Promise<PromptVersion> {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { idea, refiner: "offline", backend: "offline" },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function generate(promptId: string) {
  const res = await call(h("generate", "POST"), {
    method: "POST",
    body: { promptId, backend: "offline", params: { size: "512x512", n: 1, seed: 5 } },
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(h("generation", "GET"), {}, { id })).json());
    if (g.status === "succeeded") return { generationId: id, images: g.images };
    if (g.status !== "queued" && g.status !== "running") throw new Error(`generation ${g.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

describe("feedback on images", () => {
  it("takes a vote only for an image the link serves: the same rule as its bytes", async () => {
    const version = await refine("a paper boat on a puddle");
    const { generationId, images } = await generate(version.id);
    const image = images[0];
    if (!image) throw new Error("no image");
    const created = await call(h("shares", "POST"), {
      method: "POST",
      body: { target: { kind: "idea", id: version.ideaId }, feedback: true },
    });
    const token = CreatedShareSchema.parse(await created.json()).url.replace(/^\/s\//, "");
    const vote = () =>
      call(
        h("feedback", "POST"),
        {
          method: "POST",
          path: `/api/s/${token}/feedback`,
          body: { name: "Ann", imageId: image.id, vote: true },
          headers: { "x-forwarded-for": "203.0.113.9" },
        },
        { token },
      );
    const bytes = () =>
      call(h("file", "GET"), { path: `/api/s/${token}/images/${image.id}/file` }, { token, imageId: image.id });

    expect((await bytes()).status).toBe(200);
    expect((await vote()).status).toBe(201);

    // A generation that did not succeed is not in the story, so its images are neither served nor voted on.
    const { deps } = await import("@/lib/studio/deps");
    await deps().store.updateGeneration(generationId, { status: "failed" });
    await expectError(await bytes(), 404, "not_found");
    await expectError(await vote(), 404, "not_found");
  });
});
