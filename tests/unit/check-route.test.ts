/**
 * Checking an image (issue 11), server side, on SQLite and Postgres: POST /api/images/:id/check
 * runs the judge in use (offline here: no key) against the version's checklist and keeps the
 * check with the image; GET /api/images/:id carries the latest; the PNG's recipe carries it too.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { renderOfflineSketch } from "@/lib/backends/offline/render";
import { newId } from "@/lib/ids";
import { autoCheckImages } from "@/lib/jobs/auto-check";
import { OFFLINE_JUDGE_LABEL } from "@/lib/judge/offline-judge";
import { readPngText, RECIPE_KEYWORD } from "@/lib/png";
import { type CheckItem, type ImageCheck, ImageCheckSchema } from "@/lib/schemas/checks";
import { ImageDetailSchema, type PromptVersion } from "@/lib/schemas/entities";
import { getImageFiles, getStore, resetStoreForTests } from "@/lib/store";
import { setEnv } from "./harness/proxy";
import { call, expectError, type Handler } from "./routes-call";
import { describeEachDialect, type StoreDialect } from "./store-dialects";

const VARS = [
  "DATA_DIR",
  "DATABASE_URL",
  "STORAGE",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "JUDGE",
  "AUTO_CHECK",
  "RATE_CHECK_BURST",
  "RATE_CHECK_PER_MIN",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

const checkRoute = (await import("@/app/api/images/[id]/check/route")).POST as unknown as Handler;
const imageRoute = (await import("@/app/api/images/[id]/route")) as unknown as Record<"GET" | "DELETE", Handler>;
const fileRoute = (await import("@/app/api/images/[id]/file/route")).GET as unknown as Handler;

const dirs: string[] = [];
async function useEnv(vars: Record<string, string | undefined>): Promise<void> {
  await resetStoreForTests();
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-check-"));
  dirs.push(dataDir);
  setEnv({
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    STORAGE: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    JUDGE: undefined,
    AUTO_CHECK: undefined,
    ...vars,
  });
}

afterEach(async () => {
  await resetStoreForTests();
});
afterAll(async () => {
  await resetStoreForTests();
  setEnv(saved);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse("2026-02-01T10:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const PROMPT = "two red foxes under a full moon, night forest";
const CHECKS: CheckItem[] = [
  { id: "c1", text: "There are two foxes", kind: "count", words: ["two", "foxes"] },
  { id: "c2", text: "The foxes are red", kind: "attribute", words: ["red"] },
  { id: "c3", text: "A full moon", kind: "setting", words: ["full", "moon"] },
  { id: "c4", text: 'A sign reads "OPEN"', kind: "text", words: [] },
];

/** An idea, a version with `checks`, a succeeded offline generation and its one image (real bytes). */
async function seedImage(
  checks: CheckItem[],
  n = 1,
): Promise<{ imageId: string; version: PromptVersion; generationId: string }> {
  const store = getStore();
  const idea = { id: newId(T0 + n), text: "two red foxes under a full moon", title: "Foxes", createdAt: at(0) };
  const version: PromptVersion = {
    id: newId(T0 + n + 1000),
    ideaId: idea.id,
    parentId: null,
    source: "refine",
    instruction: null,
    prompt: PROMPT,
    negativePrompt: null,
    style: null,
    dialect: "prose",
    refiner: "offline",
    model: "embedded",
    title: "Foxes",
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks,
    createdAt: at(1),
  };
  await store.createIdeaWithVersion(idea, version);
  const generationId = newId(T0 + n + 2000);
  await store.createGeneration({
    id: generationId,
    promptId: version.id,
    ideaId: idea.id,
    backend: "offline",
    model: "offline-sketch-v1",
    params: { size: "128x128", n: 1, seed: 7 },
    status: "running",
    progress: 0,
    error: null,
    createdAt: at(2),
    startedAt: at(2),
    finishedAt: null,
    durationMs: null,
  });
  const imageId = newId(T0 + n + 3000);
  const bytes = await renderOfflineSketch({ prompt: PROMPT, width: 128, height: 128, seed: 7 });
  await getImageFiles().put(imageId, bytes, "image/png");
  await store.completeGeneration(
    generationId,
    [
      {
        id: imageId,
        generationId,
        promptId: version.id,
        ideaId: idea.id,
        width: 128,
        height: 128,
        seed: 7,
        mime: "image/png",
        byteSize: bytes.length,
        favorite: false,
        createdAt: at(3),
      },
    ],
    { status: "succeeded", progress: 1, finishedAt: at(3), durationMs: 100 },
  );
  return { imageId, version, generationId };
}

const post = (id: string) => call(checkRoute, { method: "POST", path: `/api/images/${id}/check` }, { id });

describeEachDialect("image checks", (dialect: StoreDialect) => {
  it("POST /api/images/:id/check: 200 ImageCheck from the offline judge, scored passes ÷ items", async () => {
    await useEnv(dialect.env());
    const { imageId } = await seedImage(CHECKS);
    const res = await post(imageId);
    expect(res.status).toBe(200);
    const check = ImageCheckSchema.parse(await res.json());
    expect(check).toMatchObject({
      imageId,
      judge: { id: "offline", label: OFFLINE_JUDGE_LABEL },
      score: 0.75,
    });
    expect(check.items.map((i) => [i.checkId, i.kind, i.verdict])).toEqual([
      ["c1", "count", "pass"],
      ["c2", "attribute", "pass"],
      ["c3", "setting", "pass"],
      ["c4", "text", "unsure"],
    ]);
  });

  it("GET /api/images/:id carries the latest check, or null", async () => {
    await useEnv(dialect.env());
    const { imageId } = await seedImage(CHECKS);
    const before = ImageDetailSchema.parse(await (await call(imageRoute.GET, {}, { id: imageId })).json());
    expect(before.check).toBeNull();
    await post(imageId);
    const second = ImageCheckSchema.parse(await (await post(imageId)).json());
    const after = ImageDetailSchema.parse(await (await call(imageRoute.GET, {}, { id: imageId })).json());
    expect(after.check).toEqual(second);
  });

  it("404 for a missing image, 400 for a version without a checklist, 503 with JUDGE=off", async () => {
    await useEnv(dialect.env());
    await expectError(await post("no-such-image"), 404, "not_found");
    const { imageId } = await seedImage([]);
    const empty = await expectError(await post(imageId), 400, "invalid_request");
    expect(empty.error.message).toBe("This version has no checklist.");
    const { imageId: checked } = await seedImage(CHECKS, 2);
    await useEnv({ ...dialect.env(), JUDGE: "off" });
    const off = await expectError(await post(checked), 503, "backend_unavailable");
    expect(off.error.message).toMatch(/JUDGE=off/);
  });

  it("the store keeps every check, answers the latest per image, and drops them with the image", async () => {
    await useEnv(dialect.env());
    const store = getStore();
    const a = await seedImage(CHECKS, 1);
    const b = await seedImage(CHECKS, 2);
    const check = (imageId: string, s: number, score: number): ImageCheck & { id: string } => ({
      id: newId(T0 + s * 1000),
      imageId,
      judge: { id: "openai", label: "gpt-test", model: "gpt-test" },
      score,
      items: [
        {
          checkId: "c1",
          text: "There are two foxes",
          kind: "count",
          verdict: score === 1 ? "pass" : "fail",
          reason: "Seen.",
        },
      ],
      createdAt: at(s),
    });
    await store.saveImageCheck(check(a.imageId, 10, 0));
    await store.saveImageCheck(check(a.imageId, 30, 1));
    await store.saveImageCheck(check(a.imageId, 20, 0.5));
    await store.saveImageCheck(check(b.imageId, 15, 0.25));
    const { id: _id, ...latestA } = check(a.imageId, 30, 1);
    expect(await store.getLatestCheck(a.imageId)).toEqual(latestA);
    expect(await store.getLatestCheck("nothing")).toBeUndefined();
    const many = await store.getLatestChecks([a.imageId, b.imageId, "nothing", a.imageId]);
    expect([...many.keys()].sort()).toEqual([a.imageId, b.imageId].sort());
    expect(many.get(a.imageId)?.score).toBe(1);
    expect(many.get(b.imageId)?.score).toBe(0.25);
    expect((await store.getLatestChecks([])).size).toBe(0);
    await expect(store.saveImageCheck(check("no-such-image", 40, 1))).rejects.toThrow();

    const res = await call(imageRoute.DELETE, { method: "DELETE" }, { id: a.imageId });
    expect(res.status).toBe(204);
    expect(await store.getLatestCheck(a.imageId)).toBeUndefined();
    expect((await store.getLatestCheck(b.imageId))?.score).toBe(0.25);
  });

  it("the downloaded PNG's recipe carries the latest check", async () => {
    await useEnv(dialect.env());
    const { imageId } = await seedImage(CHECKS);
    const check = ImageCheckSchema.parse(await (await post(imageId)).json());
    const res = await call(fileRoute, {}, { id: imageId });
    expect(res.status).toBe(200);
    const texts = await readPngText(new Uint8Array(await res.arrayBuffer()));
    const recipe = JSON.parse(texts.find((t) => t.keyword === RECIPE_KEYWORD)?.text ?? "{}");
    expect(recipe.check).toEqual({
      judge: check.judge,
      score: check.score,
      items: check.items,
      createdAt: check.createdAt,
    });
  });

  it("AUTO_CHECK checks new images in the background; a version without a checklist is skipped quietly", async () => {
    await useEnv(dialect.env());
    const store = getStore();
    const withList = await seedImage(CHECKS, 1);
    const without = await seedImage([], 2);
    const images = [
      ...(await store.listImagesForGeneration(withList.generationId)),
      ...(await store.listImagesForGeneration(without.generationId)),
    ];
    await autoCheckImages(withList.generationId, images);
    expect((await store.getLatestCheck(withList.imageId))?.score).toBe(0.75);
    expect(await store.getLatestCheck(without.imageId)).toBeUndefined();
    await useEnv({ ...dialect.env(), AUTO_CHECK: "off" });
    const third = await seedImage(CHECKS, 3);
    await autoCheckImages(third.generationId, await getStore().listImagesForGeneration(third.generationId));
    expect(await getStore().getLatestCheck(third.imageId)).toBeUndefined();
  });
});

describe("AUTO_CHECK on a real offline generation", () => {
  it("checks while storing: the row is saved, the stored PNG already carries it, and the file served is the file stored", async () => {
    await useEnv({});
    const { generate } = await import("@/lib/studio/generate");
    const { getJobs } = await import("@/lib/jobs");
    const store = getStore();
    const { version } = await seedImage(CHECKS, 5);
    const events: Array<{ event: string; data: unknown }> = [];
    const started = await generate({ promptId: version.id, backend: "offline", params: { size: "512x512", seed: 7 } });
    const off = getJobs().bus.subscribe(started.id, (e) => events.push(e));
    let g = started;
    for (let i = 0; i < 200 && g.status !== "succeeded" && g.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      g = (await store.getGeneration(started.id)) ?? g;
    }
    off();
    expect(g.status).toBe("succeeded");
    const [image] = await store.listImagesForGeneration(g.id);
    const check = await store.getLatestCheck(image!.id);
    expect(check).toMatchObject({ judge: { id: "offline" }, score: 0.75 });
    const res = await call(fileRoute, {}, { id: image!.id });
    const served = new Uint8Array(await res.arrayBuffer());
    expect(served.byteLength).toBe(image!.byteSize);
    const recipe = JSON.parse((await readPngText(served)).find((t) => t.keyword === RECIPE_KEYWORD)?.text ?? "{}");
    expect(recipe.check?.createdAt).toBe(check?.createdAt);
    expect(events.some((e) => e.event === "check")).toBe(true);
  });
});

describe("JUDGE and AUTO_CHECK defaults", () => {
  it("offline with no chat model: the offline judge, checking every new image", async () => {
    await useEnv({});
    const { getConfig } = await import("@/lib/config");
    expect(getConfig().judge).toMatchObject({ id: "offline", autoCheck: true });
    await useEnv({ OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(getConfig().judge).toMatchObject({ id: "openai", autoCheck: false, model: getConfig().openai.refineModel });
  });
});

/** useEnv under a name the hooks lint does not take for a React hook (it is called inside try). */
const configureEnv = useEnv;

describe("a paid judge's checks are rate-limited per client; the offline check is not", () => {
  it("RATE_CHECK_BURST checks go to the model, the next is 429 with Retry-After and reaches no model", async () => {
    const { startFakeOpenAI } = await import("@/tests/fakes/openai");
    const { resetRateLimitsForTests } = await import("@/lib/limits/rate-limits");
    const { TRUSTED_CLIENT_HEADER } = await import("@/lib/auth/trusted-client");
    const fake = await startFakeOpenAI({ port: 0 });
    try {
      fake.setMode({ mode: "judgeAllPass", endpoint: "chat" });
      const asClient = (id: string, client: string) =>
        call(
          checkRoute,
          { method: "POST", path: `/api/images/${id}/check`, headers: { [TRUSTED_CLIENT_HEADER]: client } },
          { id },
        );
      await configureEnv({
        OPENAI_BASE_URL: fake.url,
        OPENAI_API_KEY: "sk-test",
        RATE_CHECK_BURST: "2",
        RATE_CHECK_PER_MIN: "1",
      });
      resetRateLimitsForTests();
      const { imageId } = await seedImage(CHECKS);
      expect((await asClient(imageId, "a")).status).toBe(200);
      expect((await asClient(imageId, "a")).status).toBe(200);
      const limited = await asClient(imageId, "a");
      const body = await expectError(limited, 429, "rate_limited");
      expect(body.error.message).toMatch(/Too many image checks/);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(fake.requests().filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(2);
      expect((await asClient(imageId, "b")).status).toBe(200); // another client has its own bucket

      // The offline judge costs nothing and is not counted.
      await configureEnv({ RATE_CHECK_BURST: "1", RATE_CHECK_PER_MIN: "1" });
      resetRateLimitsForTests();
      const { imageId: offline } = await seedImage(CHECKS, 2);
      for (let i = 0; i < 4; i++) expect((await asClient(offline, "a")).status).toBe(200);
    } finally {
      await fake.close();
      setEnv({ RATE_CHECK_BURST: undefined, RATE_CHECK_PER_MIN: undefined });
    }
  });
});
