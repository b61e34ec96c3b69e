/**
 * "A test validates real answers from every route against it" (issue 13): every route of the API
 * is called as Next calls it (its handler with a Request, over a fresh data folder, offline refiner,
 * backend and judge), and each answer is checked against GET /api/openapi.json's own document:
 * its status is listed, its media type too, a JSON body matches the schema for that status, each
 * event of a stream matches its event's schema. The gate's own answers (401, the cross-site 403)
 * come from proxy.ts, called too. At the end every operation must have had a success and an error
 * answer checked, save the few listed in NOT_CHECKED with the reason.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "@/lib/openapi/document";
import type { ImageCheck } from "@/lib/schemas/checks";
import type { CreatedShare } from "@/lib/schemas/shares";
import type { Generation, GenerationWithImages, Image, PromptVersion } from "@/lib/schemas/entities";
import { type FakeA1111, startFakeA1111 } from "@/tests/fakes/a1111";
import { req, setEnv } from "./harness/proxy";
import { type Checked, fill, openApiChecker, routeModule } from "./openapi-validate";

const VARS = [
  "DATA_DIR",
  "DATABASE_URL",
  "STORAGE",
  "APP_PASSWORD",
  "API_TOKENS",
  "SESSION_SECRET",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "A1111_URL",
  "JUDGE",
  "AUTO_CHECK",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-openapi-"));
const BASE_ENV = {
  DATA_DIR: dataDir,
  DATABASE_URL: undefined,
  STORAGE: undefined,
  APP_PASSWORD: undefined,
  API_TOKENS: undefined,
  SESSION_SECRET: undefined,
  OPENAI_API_KEY: undefined,
  OPENAI_BASE_URL: undefined,
  A1111_URL: undefined,
  JUDGE: "offline",
  AUTO_CHECK: "off",
};
setEnv(BASE_ENV);

/**
 * Operations whose success or error answer is not checked here, and why. Everything else must
 * have had both.
 */
const NOT_CHECKED: Record<string, { success?: string; error?: string }> = {
  "post /api/auth/logout": { error: "it has no error answer of its own: it clears the cookie whatever comes" },
  "get /api/ready": { error: "503 needs a database or storage that does not answer; tests/unit/ready.test.ts has it" },
  "get /api/health": { error: "it has no error answer: it touches nothing that can fail" },
  "get /api/catalog": { error: "no input to refuse; the gate's 401 is checked through proxy.ts" },
  "get /api/openapi.json": { error: "no input to refuse; the gate's 401 is checked through proxy.ts" },
  "get /api/styles": { error: "no input to refuse; the gate's 401 is checked through proxy.ts" },
  "get /api/styles/export": { error: "no input to refuse; the gate's 401 is checked through proxy.ts" },
  "get /v1/models": { error: "no input to refuse; its 401 (API_TOKENS) is checked through proxy.ts" },
  "get /api/house-rules": { error: "no input to refuse; the gate's 401 is checked through proxy.ts" },
};

let doc: OpenApiDocument;
let checker: ReturnType<typeof openApiChecker>;
let a1111: FakeA1111;

type CallInit = {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};

/** Calls the route of `method template` as Next would, and checks its answer against the document. */
async function call(method: string, template: string, init: CallInit = {}): Promise<Checked> {
  const mod = await routeModule(template);
  const handler = mod[method.toUpperCase()];
  if (!handler) throw new Error(`no ${method} on ${template}`);
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (body === undefined && init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const url = `http://localhost${fill(template, init.params ?? {})}${init.query ? `?${init.query}` : ""}`;
  const res = await handler(new Request(url, { method: method.toUpperCase(), headers, body }), {
    params: Promise.resolve(init.params ?? {}),
  });
  const checked = await checker.check(method, template, res);
  if (checked.status < 400 && init.rawBody === undefined) checker.checkRequest(method, template, init);
  return checked;
}

const JSON_ACCEPT = { accept: "application/json" };

async function settled(id: string): Promise<GenerationWithImages> {
  for (let i = 0; i < 400; i++) {
    const { json } = await call("get", "/api/generations/{id}", { params: { id } });
    const g = json as GenerationWithImages;
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the generation did not finish");
}

beforeAll(async () => {
  a1111 = await startFakeA1111({ stepMs: 1 });
  const { openApiDocument } = await import("@/lib/openapi/document");
  doc = openApiDocument();
  checker = openApiChecker(doc);
}, 60_000);

afterAll(async () => {
  const { getImageFiles, resetStoreForTests } = await import("@/lib/store");
  // Thumbnails are made in the background: let them land before the folder goes.
  await getImageFiles().settled();
  await resetStoreForTests();
  await a1111?.close();
  setEnv(saved);
  rmSync(dataDir, { recursive: true, force: true });
});

const NOPE = "nope0000";

// Each case makes and waits for real work (refinements, generations, a fix loop): room on a busy machine.
describe("real answers match /api/openapi.json", { timeout: 60_000 }, () => {
  let first: PromptVersion;
  let child: PromptVersion;
  let generation: Generation;
  let image: Image;

  it("system: health, ready, catalog, this document, tokenize, checkpoints", async () => {
    expect((await call("get", "/api/health")).status).toBe(200);
    expect((await call("get", "/api/ready")).status).toBe(200);
    expect((await call("get", "/api/catalog")).status).toBe(200);
    const self = await call("get", "/api/openapi.json");
    expect(self.json).toEqual(JSON.parse(JSON.stringify(doc)));

    expect((await call("post", "/api/tokenize", { body: { backend: "offline", prompt: "a fox" } })).status).toBe(200);
    expect((await call("post", "/api/tokenize", { body: { backend: "no-such", prompt: "a fox" } })).status).toBe(404);
    expect((await call("post", "/api/tokenize", { body: { prompt: 3 } })).status).toBe(400);

    expect((await call("get", "/api/backends/{id}/checkpoints", { params: { id: "offline" } })).status).toBe(400);
    expect((await call("get", "/api/backends/{id}/checkpoints", { params: { id: "no-such" } })).status).toBe(404);
    setEnv({ ...BASE_ENV, A1111_URL: a1111.url });
    try {
      const ok = await call("get", "/api/backends/{id}/checkpoints", { params: { id: "automatic1111" } });
      expect(ok.status).toBe(200);
      expect((ok.json as { checkpoints: string[] }).checkpoints.length).toBeGreaterThan(0);
      // Counted tokens: CLIP's for an SD checkpoint, T5's (estimated) for FLUX.
      const clip = await call("post", "/api/tokenize", {
        body: { backend: "automatic1111", prompt: "a fox", family: "sdxl" },
      });
      expect(clip.json).toMatchObject({ tokenizer: "clip", estimated: false });
      const t5 = await call("post", "/api/tokenize", {
        body: { backend: "automatic1111", prompt: "a fox", family: "flux-dev" },
      });
      expect(t5.json).toMatchObject({ tokenizer: "t5", estimated: true });
    } finally {
      setEnv(BASE_ENV);
    }
  });

  it("auth: sign in (JSON and form), a wrong password, sign-in off, sign out", async () => {
    expect((await call("post", "/api/auth/login", { body: { password: "x" } })).status).toBe(404);
    setEnv({ ...BASE_ENV, APP_PASSWORD: "correct horse battery", SESSION_SECRET: "s".repeat(32) });
    try {
      expect((await call("post", "/api/auth/login", { body: { password: "correct horse battery" } })).status).toBe(200);
      expect((await call("post", "/api/auth/login", { body: { password: "wrong" } })).status).toBe(401);
      expect((await call("post", "/api/auth/login", { body: { nope: 1 } })).status).toBe(400);
      const form = await call("post", "/api/auth/login", {
        rawBody: "password=wrong",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(form.status).toBe(303);
    } finally {
      setEnv(BASE_ENV);
    }
    expect((await call("post", "/api/auth/logout")).status).toBe(204);
    const form = await call("post", "/api/auth/logout", {
      rawBody: "",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(303);
  });

  it("house rules: read, save (new, unchanged, over the cap), one version", async () => {
    expect((await call("get", "/api/house-rules")).status).toBe(200);
    expect((await call("put", "/api/house-rules", { body: { text: "no photorealistic people" } })).status).toBe(201);
    expect((await call("put", "/api/house-rules", { body: { text: "no photorealistic people" } })).status).toBe(200);
    expect((await call("put", "/api/house-rules", { body: { text: "x".repeat(2001) } })).status).toBe(400);
    expect((await call("get", "/api/house-rules/{version}", { params: { version: "1" } })).status).toBe(200);
    expect((await call("get", "/api/house-rules/{version}", { params: { version: "99" } })).status).toBe(404);
  });

  it("studio: refine (JSON, candidates, stream), edit, locks, approval, generate", async () => {
    first = (
      await call("post", "/api/refine", { body: { idea: "two red foxes under a full moon" }, headers: JSON_ACCEPT })
    ).json as PromptVersion;
    expect(first.id).toBeTruthy();
    const streamed = await call("post", "/api/refine", { body: { parentId: first.id, instruction: "make it dusk" } });
    expect(streamed.status).toBe(200);
    expect(streamed.events?.at(-1)?.event).toBe("version");
    child = streamed.events?.at(-1)?.data as PromptVersion;
    const candidates = await call("post", "/api/refine", {
      body: { idea: "a lighthouse in a storm", candidates: 2 },
      headers: JSON_ACCEPT,
    });
    expect(candidates.status).toBe(201);
    const candidateStream = await call("post", "/api/refine", { body: { idea: "a quiet library", candidates: 2 } });
    expect(candidateStream.events?.at(-1)?.event).toBe("versions");
    expect((await call("post", "/api/refine", { body: { idea: "" }, headers: JSON_ACCEPT })).status).toBe(400);
    const gore = "a battlefield strewn with severed limbs, gore everywhere";
    expect((await call("post", "/api/refine", { body: { idea: gore }, headers: JSON_ACCEPT })).status).toBe(422);
    expect((await call("post", "/api/refine", { body: { idea: gore } })).status).toBe(422);
    expect(
      (await call("post", "/api/refine", { body: { parentId: NOPE, instruction: "x" }, headers: JSON_ACCEPT })).status,
    ).toBe(404);

    expect(
      (await call("post", "/api/prompts", { body: { parentId: first.id, prompt: "two foxes, dusk" } })).status,
    ).toBe(201);
    expect(
      (await call("post", "/api/prompts", { body: { idea: "typed", prompt: "a cat", source: "verbatim" } })).status,
    ).toBe(201);
    expect((await call("post", "/api/prompts", { body: { parentId: NOPE, prompt: "x" } })).status).toBe(404);
    expect((await call("post", "/api/prompts", { body: {} })).status).toBe(400);

    const lockable = first.parts
      ? (Object.keys(first.parts)
          .filter((k) => k !== "negative")
          .slice(0, 1) as string[])
      : [];
    expect(
      (await call("patch", "/api/prompts/{id}", { params: { id: first.id }, body: { locks: lockable } })).status,
    ).toBe(200);
    expect((await call("patch", "/api/prompts/{id}", { params: { id: NOPE }, body: { locks: [] } })).status).toBe(404);

    expect((await call("post", "/api/versions/{id}/approval", { params: { id: first.id } })).status).toBe(200);
    expect((await call("delete", "/api/versions/{id}/approval", { params: { id: first.id } })).status).toBe(200);
    expect((await call("post", "/api/versions/{id}/approval", { params: { id: NOPE } })).status).toBe(404);
    expect((await call("delete", "/api/versions/{id}/approval", { params: { id: NOPE } })).status).toBe(404);

    const queued = await call("post", "/api/generate", {
      body: { promptId: first.id, backend: "offline", params: { seed: 7 } },
    });
    expect(queued.status).toBe(202);
    generation = queued.json as Generation;
    expect((await call("post", "/api/generate", { body: { promptId: NOPE, backend: "offline" } })).status).toBe(404);
    expect((await call("post", "/api/generate", { body: { promptId: first.id } })).status).toBe(400);
  });

  it("generations: state, events, cancel", async () => {
    const done = await settled(generation.id);
    expect(done.status).toBe("succeeded");
    image = done.images[0] as Image;
    const events = await call("get", "/api/generations/{id}/events", { params: { id: generation.id } });
    expect(events.events?.at(-1)?.event).toBe("done");
    expect((await call("post", "/api/generations/{id}/cancel", { params: { id: generation.id } })).status).toBe(200);
    for (const t of ["/api/generations/{id}", "/api/generations/{id}/events"]) {
      expect((await call("get", t, { params: { id: NOPE } })).status).toBe(404);
    }
    expect((await call("post", "/api/generations/{id}/cancel", { params: { id: NOPE } })).status).toBe(404);
  });

  it("images: list, one, favorite, file, thumb, recipe, check", async () => {
    expect((await call("get", "/api/images")).status).toBe(200);
    expect((await call("get", "/api/images", { query: `ideaId=${first.ideaId}&favorite=true&limit=5` })).status).toBe(
      200,
    );
    expect((await call("get", "/api/images", { query: "limit=0" })).status).toBe(400);
    const id = { id: image.id };
    expect((await call("get", "/api/images/{id}", { params: id })).status).toBe(200);
    expect((await call("patch", "/api/images/{id}", { params: id, body: { favorite: true } })).status).toBe(200);
    expect((await call("patch", "/api/images/{id}", { params: id, body: { favorite: "yes" } })).status).toBe(400);
    expect((await call("get", "/api/images/{id}/file", { params: id })).status).toBe(200);
    expect((await call("get", "/api/images/{id}/file", { params: id, query: "download=1" })).status).toBe(200);
    expect((await call("get", "/api/images/{id}/thumb", { params: id })).status).toBe(200);
    expect((await call("get", "/api/images/{id}/thumb", { params: id, query: "download=1" })).status).toBe(200);
    expect((await call("get", "/api/images/{id}/file", { params: id, query: "download=maybe" })).status).toBe(400);
    expect((await call("get", "/api/images/{id}/recipe", { params: id })).status).toBe(200);
    const check = await call("post", "/api/images/{id}/check", { params: id });
    expect(check.status).toBe(200);
    expect((check.json as ImageCheck).items.length).toBeGreaterThan(0);
    for (const t of [
      "/api/images/{id}",
      "/api/images/{id}/file",
      "/api/images/{id}/thumb",
      "/api/images/{id}/recipe",
    ]) {
      expect((await call("get", t, { params: { id: NOPE } })).status).toBe(404);
    }
    expect((await call("patch", "/api/images/{id}", { params: { id: NOPE }, body: { favorite: true } })).status).toBe(
      404,
    );
    expect((await call("post", "/api/images/{id}/check", { params: { id: NOPE } })).status).toBe(404);
    expect((await call("delete", "/api/images/{id}", { params: { id: NOPE } })).status).toBe(404);
  });

  it("fix loops: start from a check with a miss, follow, read, cancel", async () => {
    const { getStore } = await import("@/lib/store");
    const { newId } = await import("@/lib/ids");
    const { runnerSettled } = await import("@/lib/fix/runners");
    const store = getStore();
    const version = (await store.getVersion(image.promptId)) as PromptVersion;
    expect(version.checks.length).toBeGreaterThan(0);
    // The offline judge may pass every item; a loop starts from a miss, so the image's latest check has one.
    const items = version.checks.map((c, i) => ({
      checkId: c.id,
      text: c.text,
      kind: c.kind,
      verdict: i === 0 ? ("fail" as const) : ("pass" as const),
      reason: "seeded for the test",
    }));
    await store.saveImageCheck({
      id: newId(),
      imageId: image.id,
      judge: { id: "offline", label: "Offline check (no model)", model: "offline" },
      score: (items.length - 1) / items.length,
      items,
      createdAt: new Date().toISOString(),
    });
    const started = await call("post", "/api/images/{id}/fix", { params: { id: image.id }, body: { maxRounds: 1 } });
    expect(started.status).toBe(202);
    const loopId = (started.json as { id: string }).id;
    await runnerSettled(loopId);
    expect((await call("get", "/api/fix-loops/{id}", { params: { id: loopId } })).status).toBe(200);
    const events = await call("get", "/api/fix-loops/{id}/events", { params: { id: loopId } });
    expect(["done", "error"]).toContain(events.events?.at(-1)?.event);
    expect((await call("post", "/api/fix-loops/{id}/cancel", { params: { id: loopId } })).status).toBe(200);
    expect((await call("post", "/api/images/{id}/fix", { params: { id: NOPE } })).status).toBe(404);
    expect(
      (await call("post", "/api/images/{id}/fix", { params: { id: image.id }, body: { maxRounds: 99 } })).status,
    ).toBe(400);
    for (const t of ["/api/fix-loops/{id}", "/api/fix-loops/{id}/events"]) {
      expect((await call("get", t, { params: { id: NOPE } })).status).toBe(404);
    }
    expect((await call("post", "/api/fix-loops/{id}/cancel", { params: { id: NOPE } })).status).toBe(404);
  });

  it("library: star, list, rename, use, remove", async () => {
    const starred = await call("post", "/api/library", { body: { versionId: first.id, name: "Foxes" } });
    expect(starred.status).toBe(201);
    const entryId = (starred.json as { id: string }).id;
    expect((await call("post", "/api/library", { body: { versionId: first.id, name: "Foxes again" } })).status).toBe(
      200,
    );
    expect((await call("post", "/api/library", { body: { versionId: NOPE, name: "x" } })).status).toBe(404);
    expect((await call("get", "/api/library", { query: "q=fox" })).status).toBe(200);
    expect((await call("get", "/api/library", { query: "limit=abc" })).status).toBe(400);
    expect(
      (await call("patch", "/api/library/{id}", { params: { id: entryId }, body: { name: "Red foxes" } })).status,
    ).toBe(200);
    expect((await call("patch", "/api/library/{id}", { params: { id: NOPE }, body: { name: "x" } })).status).toBe(404);
    expect((await call("post", "/api/library/{id}/use", { params: { id: entryId } })).status).toBe(201);
    expect((await call("post", "/api/library/{id}/use", { params: { id: NOPE } })).status).toBe(404);
    expect((await call("delete", "/api/library/{id}", { params: { id: entryId } })).status).toBe(204);
    expect((await call("delete", "/api/library/{id}", { params: { id: entryId } })).status).toBe(404);
  });

  it("comparisons: make, list, read, export, delete", async () => {
    const made = await call("post", "/api/comparisons", {
      body: { versionIds: [first.id, child.id], backend: "offline", params: { seed: 3 } },
    });
    expect(made.status).toBe(201);
    const comparisonId = (made.json as { id: string }).id;
    for (const cell of (made.json as { cells: { generationId: string }[] }).cells) await settled(cell.generationId);
    expect(
      (await call("post", "/api/comparisons", { body: { versionIds: [first.id], backend: "offline" } })).status,
    ).toBe(400);
    expect((await call("get", "/api/comparisons", { query: `ideaId=${first.ideaId}` })).status).toBe(200);
    expect((await call("get", "/api/comparisons")).status).toBe(400);
    const id = { id: comparisonId };
    expect((await call("get", "/api/comparisons/{id}", { params: id })).status).toBe(200);
    const zip = await call("get", "/api/comparisons/{id}/export", { params: id });
    expect(zip.status).toBe(200);
    expect(
      Buffer.from(zip.bytes ?? [])
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    for (const t of ["/api/comparisons/{id}", "/api/comparisons/{id}/export"]) {
      expect((await call("get", t, { params: { id: NOPE } })).status).toBe(404);
    }
    expect((await call("delete", "/api/comparisons/{id}", { params: id })).status).toBe(204);
    expect((await call("delete", "/api/comparisons/{id}", { params: id })).status).toBe(404);
  });

  it("sharing: make a link, list, visit, leave feedback, its images, revoke", async () => {
    const made = await call("post", "/api/shares", {
      body: { target: { kind: "idea", id: first.ideaId }, feedback: true },
    });
    expect(made.status).toBe(201);
    const share = made.json as CreatedShare;
    const token = share.url.replace(/^\/s\//, "");
    expect((await call("post", "/api/shares", { body: { target: { kind: "idea", id: NOPE } } })).status).toBe(404);
    expect((await call("post", "/api/shares", { body: { target: { kind: "nope", id: NOPE } } })).status).toBe(400);
    expect((await call("get", "/api/shares")).status).toBe(200);
    expect((await call("get", "/api/shares", { query: `kind=idea&id=${first.ideaId}` })).status).toBe(200);
    expect((await call("get", "/api/shares", { query: "kind=idea" })).status).toBe(400);

    const visitor = { "x-forwarded-for": "203.0.113.9" };
    expect((await call("get", "/api/s/{token}", { params: { token } })).status).toBe(200);
    expect((await call("get", "/api/s/{token}", { params: { token: "nope" } })).status).toBe(404);
    const note = await call("post", "/api/s/{token}/feedback", {
      params: { token },
      body: { name: "Ada", comment: "Lovely", imageId: image.id, vote: true },
      headers: visitor,
    });
    expect(note.status).toBe(201);
    expect(
      (await call("post", "/api/s/{token}/feedback", { params: { token }, body: { name: "Ada" }, headers: visitor }))
        .status,
    ).toBe(400);
    expect(
      (await call("post", "/api/s/{token}/feedback", { params: { token: "nope" }, body: { name: "A", comment: "x" } }))
        .status,
    ).toBe(404);
    for (const kind of ["file", "thumb"]) {
      const t = `/api/s/{token}/images/{imageId}/${kind}`;
      expect((await call("get", t, { params: { token, imageId: image.id } })).status).toBe(200);
      expect((await call("get", t, { params: { token, imageId: NOPE } })).status).toBe(404);
    }

    expect((await call("get", "/api/ideas/{id}/feedback", { params: { id: first.ideaId } })).status).toBe(200);
    expect((await call("get", "/api/ideas/{id}/feedback", { params: { id: NOPE } })).status).toBe(404);

    // A link past its expiry: 410 gone.
    const soon = await call("post", "/api/shares", {
      body: { target: { kind: "image", id: image.id }, expiresAt: new Date(Date.now() + 1000).toISOString() },
    });
    expect(soon.status).toBe(201);
    await new Promise((r) => setTimeout(r, 1100));
    const soonToken = (soon.json as CreatedShare).url.replace(/^\/s\//, "");
    expect((await call("get", "/api/s/{token}", { params: { token: soonToken } })).status).toBe(410);

    expect((await call("delete", "/api/shares/{id}", { params: { id: share.id } })).status).toBe(204);
    expect((await call("delete", "/api/shares/{id}", { params: { id: NOPE } })).status).toBe(404);
    expect((await call("get", "/api/s/{token}", { params: { token } })).status).toBe(404);
  });

  it("styles: make, change, duplicate, samples, export, import, delete and restore", async () => {
    const parts = {
      medium: "gouache",
      lighting: "soft window light",
      palette: "navy and coral",
      camera: "50mm",
      detail: "grain",
    };
    expect((await call("get", "/api/styles")).status).toBe(200);
    const made = await call("post", "/api/styles", { body: { label: "House look", ...parts } });
    expect(made.status).toBe(201);
    const own = (made.json as { id: string }).id;
    expect((await call("post", "/api/styles", { body: { label: "No parts" } })).status).toBe(400);
    const id = { id: own };
    expect(
      (await call("patch", "/api/styles/{id}", { params: id, body: { label: "House look 2", ...parts } })).status,
    ).toBe(200);
    expect(
      (await call("patch", "/api/styles/{id}", { params: { id: "watercolor" }, body: { label: "x", ...parts } }))
        .status,
    ).toBe(403);
    expect(
      (await call("patch", "/api/styles/{id}", { params: { id: "own-nope" }, body: { label: "x", ...parts } })).status,
    ).toBe(404);
    expect((await call("post", "/api/styles/{id}/duplicate", { params: { id: "watercolor" } })).status).toBe(201);
    expect((await call("post", "/api/styles/{id}/duplicate", { params: { id: "own-nope" } })).status).toBe(404);
    expect((await call("get", "/api/styles/{id}/sample", { params: id })).status).toBe(200);
    expect((await call("get", "/api/styles/{id}/sample", { params: { id: "own-nope" } })).status).toBe(404);
    expect((await call("post", "/api/styles/{id}/sample", { params: id, body: { source: "offline" } })).status).toBe(
      200,
    );
    expect(
      (await call("post", "/api/styles/{id}/sample", { params: id, body: { source: "image", imageId: image.id } }))
        .status,
    ).toBe(200);
    expect((await call("post", "/api/styles/{id}/sample", { params: id, body: { source: "camera" } })).status).toBe(
      400,
    );
    const file = await call("get", "/api/styles/export");
    expect(file.status).toBe(200);
    expect((await call("post", "/api/styles/import", { body: file.json })).status).toBe(200);
    expect(
      (await call("post", "/api/styles/import", { body: { format: "promptsmith-styles", version: 2, styles: [] } }))
        .status,
    ).toBe(400);
    expect((await call("delete", "/api/styles/{id}", { params: id })).status).toBe(204);
    expect((await call("delete", "/api/styles/{id}", { params: { id: "watercolor" } })).status).toBe(403);
    expect((await call("post", "/api/styles/{id}/restore", { params: id })).status).toBe(200);
    expect((await call("post", "/api/styles/{id}/restore", { params: { id: "own-nope" } })).status).toBe(404);
    expect((await call("delete", "/api/styles/{id}", { params: { id: "own-nope" } })).status).toBe(404);
  });

  it("ideas: list, one, export, and deleting what was made", async () => {
    expect((await call("get", "/api/ideas")).status).toBe(200);
    expect((await call("get", "/api/ideas", { query: "hasImages=true&sort=score&from=2026-01-01" })).status).toBe(200);
    expect((await call("get", "/api/ideas", { query: "sort=sideways" })).status).toBe(400);
    const id = { id: first.ideaId };
    expect((await call("get", "/api/ideas/{id}", { params: id })).status).toBe(200);
    expect((await call("get", "/api/ideas/{id}/export", { params: id })).status).toBe(200);
    for (const t of ["/api/ideas/{id}", "/api/ideas/{id}/export"]) {
      expect((await call("get", t, { params: { id: NOPE } })).status).toBe(404);
    }
    expect((await call("delete", "/api/images/{id}", { params: { id: image.id } })).status).toBe(204);
    expect((await call("delete", "/api/ideas/{id}", { params: id })).status).toBe(204);
    expect((await call("delete", "/api/ideas/{id}", { params: id })).status).toBe(404);
  });

  it("the OpenAI-compatible API: models, an image made (refined), an unknown model", async () => {
    expect((await call("get", "/v1/models")).status).toBe(200);
    const made = await call("post", "/v1/images/generations", {
      body: { model: "promptsmith", prompt: "a fox in the snow", response_format: "b64_json" },
    });
    expect(made.status).toBe(200);
    const url = await call("post", "/v1/images/generations", {
      body: { model: "promptsmith:raw", prompt: "a fox in the snow", response_format: "url" },
    });
    expect(url.status).toBe(200);
    expect((await call("post", "/v1/images/generations", { body: { model: "nope", prompt: "a fox" } })).status).toBe(
      400,
    );
    expect((await call("post", "/v1/images/generations", { body: { prompt: "a fox", n: 99 } })).status).toBe(400);
  });

  it("the gate's answers (proxy.ts): 401 without credentials for every gated route, 403 for a cross-site write", async () => {
    const { proxy } = await import("@/proxy");
    setEnv({ ...BASE_ENV, APP_PASSWORD: "correct horse battery", SESSION_SECRET: "s".repeat(32) });
    try {
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item) as [string, { security?: unknown[] }][]) {
          const url = fill(template, { id: NOPE, token: "tok", imageId: NOPE, version: "1" });
          const res = await proxy(req(url, { method: method.toUpperCase() }));
          if (op.security === undefined) {
            expect(res.status, `${method} ${template}`).toBe(401);
            await checker.check(method, template, res);
          }
          if (method !== "get") {
            const cross = await proxy(
              req(url, {
                method: method.toUpperCase(),
                headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
              }),
            );
            expect(cross.status, `${method} ${template} cross-site`).toBe(403);
            await checker.check(method, template, cross);
          }
        }
      }
    } finally {
      setEnv(BASE_ENV);
    }
    // API_TOKENS alone closes what only tokens open (the v1 API).
    setEnv({ ...BASE_ENV, API_TOKENS: "token-one" });
    try {
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item) as [string, { security?: unknown[] }][]) {
          if (JSON.stringify(op.security) !== JSON.stringify([{ bearer: [] }, {}])) continue;
          const res = await proxy(req(template, { method: method.toUpperCase() }));
          expect(res.status, `${method} ${template}`).toBe(401);
          await checker.check(method, template, res);
        }
      }
    } finally {
      setEnv(BASE_ENV);
    }
  });

  it("had a success and an error answer of every operation checked (save those NOT_CHECKED says)", () => {
    const missing: string[] = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        const key = `${method} ${template}`;
        const statuses = [...checker.seen].filter((s) => s.startsWith(`${key} `)).map((s) => Number(s.split(" ")[2]));
        if (!statuses.some((s) => s < 400) && !NOT_CHECKED[key]?.success) missing.push(`${key}: no success checked`);
        if (!statuses.some((s) => s >= 400 && s !== 401 && s !== 403) && !NOT_CHECKED[key]?.error) {
          missing.push(`${key}: no error of its own checked`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
