/**
 * Share links (issue 10), server side, on SQLite and Postgres: the owner's routes (POST/GET
 * /api/shares, DELETE /api/shares/:id) and the visitor's (GET /api/s/:token and its image files),
 * called as Next would call them, over rows made in the store. What a link shows and nothing more;
 * the token stored only as its hash; unknown and revoked links answer alike; expired ones 410.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { resetSharedRateLimitsForTests } from "@/lib/limits/take-token";
import type { Comparison, Generation, PromptVersion } from "@/lib/schemas/entities";
import {
  type CreatedShare,
  CreatedShareSchema,
  type SharedView,
  SharedViewSchema,
  ShareSchema,
} from "@/lib/schemas/shares";
import { loadSharedPage } from "@/lib/sharing/load-shared-page";
import { hashShareToken, isShareTokenShape, newShareToken } from "@/lib/sharing/share-token";
import { stepHow } from "@/lib/sharing/shared-view";
import { getImageFiles, getStore, resetStoreForTests } from "@/lib/store";
import { setEnv } from "./harness/proxy";
import { call, expectError, type Handler } from "./routes-call";
import { describeEachDialect, type StoreDialect } from "./store-dialects";

const VARS = [
  "DATA_DIR",
  "DATABASE_URL",
  "STORAGE",
  "APP_PASSWORD",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "RATE_SHARE_VIEW_PER_MIN",
  "RATE_SHARE_VIEW_BURST",
] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

const shares = (await import("@/app/api/shares/route")) as unknown as Record<"GET" | "POST", Handler>;
const shareById = (await import("@/app/api/shares/[id]/route")).DELETE as unknown as Handler;
const visit = (await import("@/app/api/s/[token]/route")).GET as unknown as Handler;
const fileRoute = (await import("@/app/api/s/[token]/images/[imageId]/file/route")).GET as unknown as Handler;
const thumbRoute = (await import("@/app/api/s/[token]/images/[imageId]/thumb/route")).GET as unknown as Handler;

const dirs: string[] = [];
async function useEnv(vars: Record<string, string>): Promise<void> {
  await resetStoreForTests();
  await resetSharedRateLimitsForTests();
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-sharing-"));
  dirs.push(dataDir);
  setEnv({
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    STORAGE: undefined,
    APP_PASSWORD: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    RATE_SHARE_VIEW_PER_MIN: undefined,
    RATE_SHARE_VIEW_BURST: undefined,
    ...vars,
  });
}

afterEach(async () => {
  await resetStoreForTests();
  await resetSharedRateLimitsForTests();
});
afterAll(async () => {
  await resetStoreForTests();
  await resetSharedRateLimitsForTests();
  setEnv(saved);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// ---- rows ----

const T0 = Date.parse("2026-01-05T10:00:00.000Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function version(ideaId: string, n: number, over: Partial<PromptVersion> = {}): PromptVersion {
  return {
    id: newId(T0 + n * 1000),
    ideaId,
    parentId: null,
    source: "refine",
    instruction: null,
    prompt: `a prompt, number ${n}`,
    negativePrompt: null,
    style: null,
    dialect: "prose",
    refiner: "offline",
    model: "embedded",
    title: `v${n}`,
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: at(n),
    ...over,
  };
}

function generation(v: PromptVersion, s: number, over: Partial<Generation> = {}): Generation {
  return {
    id: newId(T0 + s * 1000),
    promptId: v.id,
    ideaId: v.ideaId,
    backend: "offline",
    model: "embedded-v1",
    params: { size: "64x64", n: 1, seed: 7 },
    status: "queued",
    progress: 0,
    error: null,
    createdAt: at(s),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...over,
  };
}

const png = (shade: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r: shade, g: 40, b: 90 } } })
    .png()
    .toBuffer();

/** A generation that succeeded with one image (bytes stored); returns the image id. */
async function rendered(g: Generation, s: number): Promise<string> {
  const store = getStore();
  const id = newId(T0 + s * 1000 + 500);
  await getImageFiles().put(id, await png(s % 255), "image/png");
  await store.completeGeneration(
    g.id,
    [
      {
        id,
        generationId: g.id,
        promptId: g.promptId,
        ideaId: g.ideaId,
        width: 64,
        height: 64,
        seed: 7,
        mime: "image/png",
        byteSize: 100,
        favorite: false,
        createdAt: at(s),
      },
    ],
    { status: "succeeded", durationMs: 1200, finishedAt: at(s) },
  );
  return id;
}

type World = Awaited<ReturnType<typeof seed>>;

/**
 * Idea A: v1 (refined, styled, with notes) → v2 (an instruction) → v3 (a hand edit) → v4
 * (restyled); v1 and v2 rendered, v2 once more with a failure; a comparison of v2 and v1 with
 * its own two images. Idea B: one version, one image.
 */
async function seed() {
  const store = getStore();
  const ideaA = { id: newId(T0), text: "A fox <b>in</b> the snow", title: "Fox in snow", createdAt: at(0) };
  const v1 = version(ideaA.id, 1, { style: "watercolor", notes: ["added dusk light"] });
  const v2 = version(ideaA.id, 2, { parentId: v1.id, instruction: "make it night", notes: ["night sky"] });
  const v3 = version(ideaA.id, 3, { parentId: v2.id, source: "edit", refiner: "manual" });
  const v4 = version(ideaA.id, 4, { parentId: v3.id, style: "anime", approvedAt: at(50) });
  await store.createIdeaWithVersion(ideaA, v1);
  for (const v of [v2, v3, v4]) await store.createVersion(v);
  const g1 = generation(v1, 10);
  const g2 = generation(v2, 11);
  const gFailed = generation(v2, 12, { status: "failed", error: { code: "timeout", message: "slow" } });
  for (const g of [g1, g2, gFailed]) await store.createGeneration(g);
  const img1 = await rendered(g1, 10);
  const img2 = await rendered(g2, 11);

  const c1 = generation(v2, 20);
  const c2 = generation(v1, 21);
  const comparison: Comparison = {
    id: newId(T0 + 22_000),
    ideaId: ideaA.id,
    kind: "versions",
    seed: 7,
    params: { size: "64x64" },
    title: "v2 vs v1 · Offline sketch (no model)",
    cells: [
      // Stored out of grid order: the view sorts by position.
      { position: 1, label: "v1 · Offline", versionId: v1.id, backend: "offline", generationId: c2.id },
      { position: 0, label: "v2 · Offline", versionId: v2.id, backend: "offline", generationId: c1.id },
    ],
    createdAt: at(22),
  };
  await store.createComparison(comparison, [c1, c2]);
  const imgC1 = await rendered(c1, 23);
  const imgC2 = await rendered(c2, 24);

  const ideaB = { id: newId(T0 + 30_000), text: "a lighthouse", title: "Lighthouse", createdAt: at(30) };
  const vB = version(ideaB.id, 31);
  await store.createIdeaWithVersion(ideaB, vB);
  const gB = generation(vB, 32);
  await store.createGeneration(gB);
  const imgB = await rendered(gB, 32);

  const ids = {
    ideaA: ideaA.id,
    ideaB: ideaB.id,
    v1: v1.id,
    v2: v2.id,
    v3: v3.id,
    v4: v4.id,
    vB: vB.id,
    g1: g1.id,
    g2: g2.id,
    gFailed: gFailed.id,
    c1: c1.id,
    c2: c2.id,
    gB: gB.id,
    comparison: comparison.id,
  };
  return { ideaA, ideaB, v1, v2, v3, v4, comparison, img1, img2, imgC1, imgC2, imgB, ids };
}

// ---- calls ----

async function createShare(body: unknown): Promise<CreatedShare> {
  const res = await call(shares.POST, { method: "POST", path: "/api/shares", body });
  expect(res.status).toBe(201);
  return CreatedShareSchema.strict().parse(await res.json());
}

const tokenOf = (s: CreatedShare) => s.url.slice("/s/".length);

async function view(token: string): Promise<SharedView> {
  const res = await call(visit, { path: `/api/s/${token}` }, { token });
  expect(res.status).toBe(200);
  return SharedViewSchema.parse(await res.json());
}

const getFile = (token: string, imageId: string, kind: "file" | "thumb" = "file") =>
  call(
    kind === "file" ? fileRoute : thumbRoute,
    { path: `/api/s/${token}/images/${imageId}/${kind}` },
    { token, imageId },
  );

/** Every id a view may not name: the ideas, versions, generations and the comparison. */
function privateIds(w: World): string[] {
  return Object.values(w.ids);
}

function imagesOf(v: SharedView): string[] {
  if (v.kind === "idea") return v.steps.flatMap((s) => s.images.map((i) => i.id));
  if (v.kind === "comparison") return v.cells.flatMap((c) => c.step.images.map((i) => i.id));
  return [v.image.id];
}

describe("share tokens and steps", () => {
  it("makes 256-bit base64url tokens, hashed with SHA-256, and knows their shape", () => {
    const tokens = Array.from({ length: 50 }, () => newShareToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
    for (const { token, tokenHash } of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
      expect(hashShareToken(token)).toBe(tokenHash);
      expect(isShareTokenShape(token)).toBe(true);
    }
    for (const bad of [
      "",
      "a".repeat(42),
      "a".repeat(44),
      `${"a".repeat(42)}=`,
      `${"a".repeat(42)}/`,
      `../${"a".repeat(40)}`,
    ]) {
      expect(isShareTokenShape(bad)).toBe(false);
    }
  });

  it("says how each step was made, as the History's labels do", () => {
    const how = (source: "refine" | "edit" | "verbatim", parentId: string | null, instruction: string | null) =>
      stepHow({ source, parentId, instruction });
    expect(how("refine", null, null)).toBe("refined");
    expect(how("refine", "p", "make it night")).toBe("instruction");
    expect(how("refine", "p", null)).toBe("restyle");
    expect(how("edit", "p", null)).toBe("edit");
    expect(how("edit", null, null)).toBe("imported");
    expect(how("verbatim", null, null)).toBe("verbatim");
  });
});

describeEachDialect("share links: routes", (dialect: StoreDialect) => {
  it("creates a link: 201, its path /s/<43-char token> shown once, only the token's hash stored", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const s = await createShare({ target: { kind: "idea", id: w.ideaA.id }, feedback: true });
    expect(s.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    expect(s).toMatchObject({
      target: { kind: "idea", id: w.ideaA.id },
      ideaId: w.ideaA.id,
      label: "Idea: Fox in snow",
      expiresAt: null,
      feedback: true,
      revokedAt: null,
    });
    const token = tokenOf(s);
    // Every column of every row of the shares table: the hash is there, the token nowhere.
    const rows = await dialect.query<Record<string, unknown>>(sql`SELECT * FROM shares`);
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).toContain(createHash("sha256").update(token).digest("hex"));

    // Two links to one target have different tokens.
    const again = await createShare({ target: { kind: "idea", id: w.ideaA.id } });
    expect(again.url).not.toBe(s.url);
    expect(again.feedback).toBe(false);
  });

  it("labels comparisons and images, takes a future expiry, refuses a past one (400) and a missing target (404)", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const c = await createShare({ target: { kind: "comparison", id: w.comparison.id } });
    expect(c).toMatchObject({ label: `Comparison: ${w.comparison.title}`, ideaId: w.ideaA.id });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const i = await createShare({ target: { kind: "image", id: w.imgB }, expiresAt: expiresAt.replace("Z", "+00:00") });
    expect(i).toMatchObject({ label: "Image: Lighthouse", ideaId: w.ideaB.id, expiresAt });

    const post = (body: unknown) => call(shares.POST, { method: "POST", path: "/api/shares", body });
    for (const kind of ["idea", "comparison", "image"]) {
      await expectError(await post({ target: { kind, id: "nothing_here" } }), 404, "not_found");
    }
    // An image id given as an idea is no idea.
    await expectError(await post({ target: { kind: "idea", id: w.imgB } }), 404, "not_found");
    const past = await expectError(
      await post({ target: { kind: "idea", id: w.ideaA.id }, expiresAt: new Date(Date.now() - 1000).toISOString() }),
      400,
      "invalid_request",
    );
    expect(past.error.message).toContain("expiresAt");
    await expectError(await post({ target: { kind: "idea", id: w.ideaA.id }, extra: 1 }), 400, "invalid_request");
    await expectError(await post({ target: { kind: "idea", id: "../x" } }), 400, "invalid_request");
    await expectError(
      await post({ target: { kind: "idea", id: w.ideaA.id }, expiresAt: "tomorrow" }),
      400,
      "invalid_request",
    );
    expect(await getStore().listShares()).toHaveLength(2);
  });

  it("lists links newest first without tokens, for one target or all; revokes with 204, 404 when unknown", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const a = await createShare({ target: { kind: "idea", id: w.ideaA.id } });
    const b = await createShare({ target: { kind: "image", id: w.img1 } });
    const list = async (query = "") => {
      const res = await call(shares.GET, { path: `/api/shares${query}` });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: unknown[] };
      for (const item of body.items) ShareSchema.strict().parse(item);
      const text = JSON.stringify(body);
      expect(text).not.toContain(tokenOf(a));
      expect(text).not.toContain(tokenOf(b));
      expect(text).not.toMatch(/tokenHash|"url"|[0-9a-f]{64}/);
      return body.items as { id: string; revokedAt: string | null }[];
    };
    expect((await list()).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await list(`?kind=idea&id=${w.ideaA.id}`)).map((s) => s.id)).toEqual([a.id]);
    expect(await list(`?kind=comparison&id=${w.comparison.id}`)).toEqual([]);
    await expectError(await call(shares.GET, { path: "/api/shares?kind=idea" }), 400, "invalid_request");
    await expectError(await call(shares.GET, { path: "/api/shares?token=x" }), 400, "invalid_request");

    const del = (id: string) => call(shareById, { method: "DELETE", path: `/api/shares/${id}` }, { id });
    const res = await del(a.id);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect((await list()).find((s) => s.id === a.id)?.revokedAt).toEqual(expect.any(String));
    // Revoking twice is still done; an unknown or malformed id is 404.
    expect((await del(a.id)).status).toBe(204);
    await expectError(await del("nothing_here"), 404, "not_found");
    await expectError(await del("../etc"), 404, "not_found");
  });

  it("shows an idea's story: every version as a numbered step, how it was made, its parent's prompt, its images", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const s = await createShare({ target: { kind: "idea", id: w.ideaA.id }, feedback: true });
    const token = tokenOf(s);
    const v = await view(token);
    if (v.kind !== "idea") throw new Error("not an idea view");
    expect(v).toMatchObject({
      title: "Fox in snow",
      ideaText: "A fox <b>in</b> the snow",
      feedback: true,
      expiresAt: null,
    });
    expect(v.steps.map((st) => [st.number, st.parentNumber, st.how])).toEqual([
      [1, null, "refined"],
      [2, 1, "instruction"],
      [3, 2, "edit"],
      [4, 3, "restyle"],
    ]);
    const [s1, s2, s3, s4] = v.steps;
    expect(s1).toMatchObject({ style: "Watercolor", notes: ["added dusk light"], parentPrompt: null });
    expect(s2).toMatchObject({ instruction: "make it night", parentPrompt: w.v1.prompt, prompt: w.v2.prompt });
    expect(s4?.approvedAt).toBe(w.v4.approvedAt);
    expect(s4?.style).toBe("Anime");
    // Each step's images from its generations that succeeded, the comparison's included (they are
    // the idea's generations); the failed one adds nothing.
    expect(s1?.images.map((i) => i.id)).toEqual([w.img1, w.imgC2]);
    expect(s2?.images.map((i) => i.id)).toEqual([w.img2, w.imgC1]);
    expect(s3?.images).toEqual([]);
    expect(s1?.images[0]).toEqual({
      id: w.img1,
      width: 64,
      height: 64,
      alt: w.v1.prompt,
      src: `/api/s/${token}/images/${w.img1}/file`,
      thumbSrc: `/api/s/${token}/images/${w.img1}/thumb`,
      backend: "offline",
      model: "embedded-v1",
      seed: 7,
      createdAt: at(10),
    });
    // Nothing outside the share is named: no idea, version, generation or comparison id, no other image.
    const text = JSON.stringify(v);
    for (const id of [...privateIds(w), w.imgB]) expect(text).not.toContain(id);
    expect(Object.keys(v).sort()).toEqual(["expiresAt", "feedback", "ideaText", "kind", "steps", "title"]);

    // Every image it shows is served, file and thumbnail, briefly cached and private.
    for (const id of imagesOf(v)) {
      const file = await getFile(token, id);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/png");
      expect(file.headers.get("cache-control")).toBe("private, max-age=60");
      expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width).toBe(64);
      const thumb = await getFile(token, id, "thumb");
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get("cache-control")).toBe("private, max-age=60");
    }
  });

  it("serves no image the link does not show, and no path: the same 404 as an unknown link", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const unknown = await (await call(visit, {}, { token: newShareToken().token })).json();
    const idea = tokenOf(await createShare({ target: { kind: "idea", id: w.ideaA.id } }));
    const comparison = tokenOf(await createShare({ target: { kind: "comparison", id: w.comparison.id } }));
    const image = tokenOf(await createShare({ target: { kind: "image", id: w.img2 } }));

    const refused = async (token: string, imageId: string, kind: "file" | "thumb" = "file") => {
      const body = await expectError(await getFile(token, imageId, kind), 404, "not_found");
      expect(body).toEqual(unknown);
    };
    // Another idea's image, through each kind of link.
    for (const t of [idea, comparison, image]) {
      await refused(t, w.imgB);
      await refused(t, w.imgB, "thumb");
    }
    // The comparison shows its cells' images, not the idea's others; an image link shows itself alone.
    expect((await getFile(comparison, w.imgC1)).status).toBe(200);
    await refused(comparison, w.img1);
    expect((await getFile(image, w.img2)).status).toBe(200);
    await refused(image, w.img1);
    await refused(image, w.imgC1);
    // Ids of other things, and paths.
    for (const id of [
      w.ids.ideaA,
      w.ids.v1,
      w.ids.g1,
      w.ids.comparison,
      "nothing",
      "..",
      "../../etc/passwd",
      "..%2F..%2Fetc%2Fpasswd",
      `${w.img1}/../${w.imgB}`,
      `${w.img1}%00`,
      "",
      "a".repeat(65),
    ]) {
      await refused(idea, id);
    }
    // A token that walks elsewhere is no token.
    for (const token of ["..", "../ideas", `${idea}/..`, `${idea.slice(0, 42)}!`, `${idea}x`]) {
      const res = await call(visit, {}, { token });
      expect(await expectError(res, 404, "not_found")).toEqual(unknown);
      expect(await expectError(await getFile(token, w.img1), 404, "not_found")).toEqual(unknown);
    }
  });

  it("after revoking, the link answers 404 with the very body of an unknown one, images too", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const s = await createShare({ target: { kind: "idea", id: w.ideaA.id } });
    const token = tokenOf(s);
    await view(token);
    expect((await call(shareById, { method: "DELETE" }, { id: s.id })).status).toBe(204);

    const revoked = await expectError(await call(visit, {}, { token }), 404, "not_found");
    const unknown = await expectError(await call(visit, {}, { token: newShareToken().token }), 404, "not_found");
    const malformed = await expectError(await call(visit, {}, { token: "short" }), 404, "not_found");
    expect(revoked).toEqual(unknown);
    expect(malformed).toEqual(unknown);
    expect(await expectError(await getFile(token, w.img1), 404, "not_found")).toEqual(unknown);
    expect(await loadSharedPage(token)).toEqual({ status: "not_found" });
  });

  it("answers 410 for an expired link (JSON, images and page), 404 once its target is deleted", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const { token, tokenHash } = newShareToken();
    await getStore().createShare({
      id: newId(),
      tokenHash,
      target: { kind: "idea", id: w.ideaA.id },
      ideaId: w.ideaA.id,
      label: "Idea: Fox in snow",
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      feedback: false,
      createdAt: at(60),
      revokedAt: null,
    });
    const gone = await expectError(await call(visit, {}, { token }), 410, "gone");
    expect(gone.error.message).toMatch(/expired/);
    await expectError(await getFile(token, w.img1), 410, "gone");
    expect(await loadSharedPage(token)).toEqual({ status: "gone" });

    // A link to an image, then the image is deleted; a link to an idea, then the idea.
    const img = tokenOf(await createShare({ target: { kind: "image", id: w.imgB } }));
    const idea = tokenOf(await createShare({ target: { kind: "idea", id: w.ideaB.id } }));
    expect((await view(img)).kind).toBe("image");
    expect(await loadSharedPage(idea)).toMatchObject({ status: "ok", view: { kind: "idea", title: "Lighthouse" } });
    await getStore().deleteImage(w.imgB);
    await expectError(await call(visit, {}, { token: img }), 404, "not_found");
    await getStore().deleteIdea(w.ideaB.id);
    await expectError(await call(visit, {}, { token: idea }), 404, "not_found");
    expect(await loadSharedPage(idea)).toEqual({ status: "not_found" });
  });

  it("shows a comparison's grid in order and an image with its recipe, naming nothing else", async () => {
    await useEnv(dialect.env());
    const w = await seed();
    const ct = tokenOf(await createShare({ target: { kind: "comparison", id: w.comparison.id } }));
    const c = await view(ct);
    if (c.kind !== "comparison") throw new Error("not a comparison view");
    expect(c).toMatchObject({ title: w.comparison.title, ideaText: w.ideaA.text, comparisonKind: "versions", seed: 7 });
    expect(c.params).toEqual({ size: "64x64" });
    expect(c.cells.map((cell) => [cell.label, cell.step.number, cell.step.parentNumber])).toEqual([
      ["v2 · Offline", 2, null],
      ["v1 · Offline", 1, 2],
    ]);
    // The second cell's diff is against the first cell's prompt.
    expect(c.cells[1]?.step.parentPrompt).toBe(w.v2.prompt);
    expect(c.cells.map((cell) => cell.step.images.map((i) => i.id))).toEqual([[w.imgC1], [w.imgC2]]);
    const ctext = JSON.stringify(c);
    for (const id of [...privateIds(w), w.img1, w.img2, w.imgB]) expect(ctext).not.toContain(id);

    const it_ = tokenOf(await createShare({ target: { kind: "image", id: w.img2 } }));
    const i = await view(it_);
    if (i.kind !== "image") throw new Error("not an image view");
    expect(i.image).toMatchObject({ id: w.img2, alt: w.v2.prompt, src: `/api/s/${it_}/images/${w.img2}/file` });
    expect(i.step).toMatchObject({ number: 1, parentNumber: null, parentPrompt: null, how: "instruction" });
    expect(i.step.images.map((x) => x.id)).toEqual([w.img2]);
    expect(i).toMatchObject({ params: { size: "64x64", n: 1, seed: 7 }, durationMs: 1200, title: "Fox in snow" });
    const itext = JSON.stringify(i);
    for (const id of [...privateIds(w), w.img1, w.imgC1, w.imgC2, w.imgB]) expect(itext).not.toContain(id);
  });

  it("limits reads per link (429 with Retry-After), page included, and counts each link on its own", async () => {
    await useEnv({ ...dialect.env(), RATE_SHARE_VIEW_PER_MIN: "1", RATE_SHARE_VIEW_BURST: "3" });
    const w = await seed();
    const a = tokenOf(await createShare({ target: { kind: "idea", id: w.ideaA.id } }));
    const b = tokenOf(await createShare({ target: { kind: "idea", id: w.ideaB.id } }));
    expect((await call(visit, {}, { token: a })).status).toBe(200);
    expect((await getFile(a, w.img1)).status).toBe(200);
    expect(await loadSharedPage(a)).toMatchObject({ status: "ok" });
    const limited = await call(visit, {}, { token: a });
    await expectError(limited.clone(), 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await loadSharedPage(a)).toMatchObject({ status: "rate_limited", retryAfterSeconds: expect.any(Number) });
    expect((await call(visit, {}, { token: b })).status).toBe(200);
  });
});
