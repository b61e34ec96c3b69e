import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerationWithImagesSchema, type PromptVersion, PromptVersionSchema } from "@/lib/schemas";
import { CreatedShareSchema, IdeaFeedbackSchema } from "@/lib/schemas/shares";
import { call, expectError, pick, type RouteModules } from "./routes-call";

/* Feedback and approval through share links (issue 10, item 4), by calling the route handlers. */

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-feedback-"));
process.env.DATA_DIR = dataDir;
// Visitors are told apart by X-Forwarded-For, as behind one trusted reverse proxy.
process.env.TRUST_PROXY = "1";
// A small bucket per visitor, so the test can run it dry; each test below uses its own addresses.
process.env.RATE_SHARE_FEEDBACK_BURST = "3";
process.env.RATE_SHARE_FEEDBACK_PER_MIN = "1";
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.DATABASE_URL;

let routes: RouteModules;
const h = (route: string, method: string) => pick(routes, route, method);

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    shares: await import("@/app/api/shares/route"),
    share: await import("@/app/api/shares/[id]/route"),
    feedback: await import("@/app/api/s/[token]/feedback/route"),
    ideaFeedback: await import("@/app/api/ideas/[id]/feedback/route"),
    approval: await import("@/app/api/versions/[id]/approval/route"),
    file: await import("@/app/api/images/[id]/file/route"),
    recipe: await import("@/app/api/images/[id]/recipe/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
});

let ipCounter = 0;
/** A visitor's own address, so no test drains another's bucket. */
const newVisitor = () => `198.51.100.${++ipCounter}`;

async function refine(idea: string): Promise<PromptVersion> {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { idea, refiner: "offline", backend: "offline" },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function generate(promptId: string, n = 2) {
  const res = await call(h("generate", "POST"), {
    method: "POST",
    body: { promptId, backend: "offline", params: { size: "512x512", n, seed: 3 } },
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(h("generation", "GET"), {}, { id })).json());
    if (g.status === "succeeded") return g.images;
    if (g.status !== "queued" && g.status !== "running") throw new Error(`generation ${g.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

/** An idea with one version and two images. */
async function ideaWithImages(idea: string) {
  const version = await refine(idea);
  const images = await generate(version.id);
  return { version, images };
}

async function share(target: { kind: "idea" | "image"; id: string }, feedback = true) {
  const res = await call(h("shares", "POST"), { method: "POST", body: { target, feedback } });
  expect(res.status).toBe(201);
  const created = CreatedShareSchema.parse(await res.json());
  return { id: created.id, token: created.url.replace(/^\/s\//, "") };
}

function post(
  token: string,
  body: unknown,
  visitor = newVisitor(),
  extra: { rawBody?: string; headers?: Record<string, string> } = {},
) {
  return call(
    h("feedback", "POST"),
    {
      method: "POST",
      path: `/api/s/${token}/feedback`,
      ...(extra.rawBody !== undefined ? { rawBody: extra.rawBody } : { body }),
      headers: { "x-forwarded-for": visitor, ...extra.headers },
    },
    { token },
  );
}

async function ownerList(ideaId: string) {
  const res = await call(h("ideaFeedback", "GET"), {}, { id: ideaId });
  expect(res.status).toBe(200);
  return IdeaFeedbackSchema.parse(await res.json());
}

describe("POST /api/s/:token/feedback", () => {
  it("takes a comment on the idea and on an image: 201, and the answer says nothing of anyone else's", async () => {
    const { version, images } = await ideaWithImages("a red kite over the dunes");
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const first = await post(token, { name: "Ann", comment: "Lovely light." });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ ok: true });
    const second = await post(token, { name: "Bo", comment: "This one!", imageId: images[0]?.id });
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ ok: true });

    const list = await ownerList(version.ideaId);
    expect(list.items.map((f) => [f.name, f.comment, f.imageId])).toEqual([
      ["Ann", "Lovely light.", null],
      ["Bo", "This one!", images[0]?.id],
    ]);
    expect(list.items.every((f) => f.ideaId === version.ideaId && f.vote === null)).toBe(true);
  });

  it("refuses what is over its limits or malformed with 400", async () => {
    const { version } = await ideaWithImages("a lighthouse at dusk");
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const bad = [
      { name: "Ann", comment: "x".repeat(1001) },
      { name: "n".repeat(81), comment: "hello" },
      { name: "   ", comment: "hello" },
      { name: "Ann" },
      { name: "Ann", comment: "   " },
      { name: "Ann", vote: true },
      { name: "Ann", comment: "hi", extra: 1 },
    ];
    for (const body of bad) await expectError(await post(token, body), 400, "invalid_request");
    // 1,000 characters exactly is fine.
    expect((await post(token, { name: "Ann", comment: "y".repeat(1000) })).status).toBe(201);
    expect((await ownerList(version.ideaId)).items).toHaveLength(1);
  });

  it("answers 413 for a body past the route's 8 kB, declared or not", async () => {
    const { version } = await ideaWithImages("a glass teapot");
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const huge = JSON.stringify({ name: "Ann", comment: "z".repeat(9000) });
    await expectError(await post(token, undefined, newVisitor(), { rawBody: huge }), 413, "too_large");
    const declared = { "content-length": String(9 * 1024) };
    await expectError(
      await post(token, { name: "Ann", comment: "hi" }, newVisitor(), { headers: declared }),
      413,
      "too_large",
    );
    // Far below the app-wide megabyte, and still refused.
    const escaped = JSON.stringify({ name: "Ann", comment: "\u0001".repeat(1000) });
    expect(escaped.length).toBeLessThan(8 * 1024);
    expect((await post(token, undefined, newVisitor(), { rawBody: escaped })).status).toBe(201);
  });

  it("rate-limits each visitor: 429 with Retry-After once the bucket is dry, others still get through", async () => {
    const { version } = await ideaWithImages("a paper crane");
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const visitor = newVisitor();
    for (let i = 0; i < 3; i++)
      expect((await post(token, { name: "Ann", comment: `note ${i}` }, visitor)).status).toBe(201);
    const limited = await post(token, { name: "Ann", comment: "one more" }, visitor);
    const body = await expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body.error.message).toMatch(/try again in \d+ seconds?/);
    expect((await post(token, { name: "Bo", comment: "me too" })).status).toBe(201);
    expect((await ownerList(version.ideaId)).items).toHaveLength(4);
  });

  it("accepts only images the link shows: another idea's image, or a made-up id, is 404", async () => {
    const mine = await ideaWithImages("a snail on a leaf");
    const other = await ideaWithImages("a cactus in the rain");
    const { token } = await share({ kind: "idea", id: mine.version.ideaId });
    const otherImage = other.images[0]?.id ?? "";
    await expectError(await post(token, { name: "Ann", imageId: otherImage, vote: true }), 404, "not_found");
    await expectError(await post(token, { name: "Ann", imageId: "img_nope", comment: "hi" }), 404, "not_found");

    // A link to one image takes feedback on that image only, not on its siblings.
    const [first, second] = mine.images;
    const single = await share({ kind: "image", id: first?.id ?? "" });
    expect((await post(single.token, { name: "Ann", imageId: first?.id, vote: true })).status).toBe(201);
    await expectError(await post(single.token, { name: "Ann", imageId: second?.id, vote: true }), 404, "not_found");
    expect((await ownerList(other.version.ideaId)).items).toEqual([]);
  });

  it("answers 404 where the link takes no feedback, is revoked or never existed", async () => {
    const { version } = await ideaWithImages("a quiet harbour");
    const off = await share({ kind: "idea", id: version.ideaId }, false);
    const offAnswer = await expectError(await post(off.token, { name: "Ann", comment: "hi" }), 404, "not_found");
    expect(offAnswer.error.message).toMatch(/does not take feedback/);

    const on = await share({ kind: "idea", id: version.ideaId });
    expect((await call(h("share", "DELETE"), { method: "DELETE" }, { id: on.id })).status).toBe(204);
    await expectError(await post(on.token, { name: "Ann", comment: "hi" }), 404, "not_found");
    await expectError(await post("A".repeat(43), { name: "Ann", comment: "hi" }), 404, "not_found");
    await expectError(await post("not-a-token", { name: "Ann", comment: "hi" }), 404, "not_found");
    expect((await ownerList(version.ideaId)).items).toEqual([]);
  });

  it("stores markup in names and comments verbatim: it is shown as text, never run", async () => {
    const { version } = await ideaWithImages("a moth near a lamp");
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const name = `<img src=x onerror="alert('name')">`;
    const comment = `<script>alert("xss")</script> & <b>bold</b>`;
    expect((await post(token, { name, comment })).status).toBe(201);
    const [item] = (await ownerList(version.ideaId)).items;
    expect(item).toMatchObject({ name, comment });
  });
});

describe("GET /api/ideas/:id/feedback", () => {
  it("counts each visitor's last vote per image, named, and leaves out votes taken back", async () => {
    const { version, images } = await ideaWithImages("two foxes in the snow");
    const [a, b] = images.map((i) => i.id);
    const { token } = await share({ kind: "idea", id: version.ideaId });
    const ann = newVisitor();
    const bo = newVisitor();
    const cy = newVisitor();
    const steps: Array<[string, string, unknown]> = [
      [ann, "Ann", { imageId: a, vote: true }],
      [bo, "Bo", { imageId: a, vote: true }],
      [ann, "Ann", { imageId: a, vote: false }],
      [ann, "ann ", { imageId: b, vote: true }],
      [cy, "Cy", { imageId: b, vote: true, comment: "Best one" }],
      [cy, "Cy", { imageId: b, vote: true }],
    ];
    for (const [visitor, name, rest] of steps) {
      expect((await post(token, { name, ...(rest as object) }, visitor)).status).toBe(201);
    }
    const list = await ownerList(version.ideaId);
    expect(list.items).toHaveLength(6);
    expect(list.votes).toEqual([
      { imageId: b, count: 2, names: ["ann", "Cy"] },
      { imageId: a, count: 1, names: ["Bo"] },
    ]);
  });

  it("is 404 for an idea that does not exist", async () => {
    await expectError(await call(h("ideaFeedback", "GET"), {}, { id: "idea_missing" }), 404, "not_found");
  });
});

describe("POST and DELETE /api/versions/:id/approval", () => {
  async function approval(method: "POST" | "DELETE", id: string) {
    return call(h("approval", method), { method }, { id });
  }

  it("approves (keeping the first time when approved again) and takes it back: 200 with the version", async () => {
    const v = await refine("a bicycle in the fog");
    const approved = await approval("POST", v.id);
    expect(approved.status).toBe(200);
    const first = PromptVersionSchema.parse(await approved.json());
    expect(first.id).toBe(v.id);
    expect(first.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const again = PromptVersionSchema.parse(await (await approval("POST", v.id)).json());
    expect(again.approvedAt).toBe(first.approvedAt);
    const undone = await approval("DELETE", v.id);
    expect(undone.status).toBe(200);
    expect(PromptVersionSchema.parse(await undone.json()).approvedAt).toBeNull();
  });

  it("is 404 for a version that does not exist, or an id that is none", async () => {
    await expectError(await approval("POST", "ver_missing"), 404, "not_found");
    await expectError(await approval("DELETE", "ver_missing"), 404, "not_found");
    await expectError(await approval("POST", "../etc"), 404, "not_found");
  });

  it("puts the approval in the PNG download's promptsmith chunk and the recipe sidecar, and takes it out again", async () => {
    const { readPngText, RecipeSchema } = await import("@/lib/png");
    const { version, images } = await ideaWithImages("a tin robot reading");
    const image = images[0];
    if (!image) throw new Error("no image");
    const download = (headers: Record<string, string> = {}) =>
      call(h("file", "GET"), { path: `/api/images/${image.id}/file?download=1`, headers }, { id: image.id });
    const plain = (headers: Record<string, string> = {}) =>
      call(h("file", "GET"), { path: `/api/images/${image.id}/file`, headers }, { id: image.id });
    const chunk = async (res: Response) => {
      const texts = await readPngText(new Uint8Array(await res.arrayBuffer()));
      return RecipeSchema.parse(JSON.parse(texts.find((t) => t.keyword === "promptsmith")?.text ?? "null"));
    };
    const sidecar = async () => RecipeSchema.parse(await (await call(h("recipe", "GET"), {}, { id: image.id })).json());

    // Before: no approval anywhere; the plain file is the stored bytes, with an ETag to revalidate.
    const before = await plain();
    const etag = before.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    expect(before.headers.get("cache-control")).toBe("private, no-cache");
    expect((await chunk(before)).prompt.approvedAt).toBeUndefined();
    expect((await plain({ "if-none-match": etag })).status).toBe(304);

    const { approvedAt } = PromptVersionSchema.parse(await (await approval("POST", version.id)).json());
    const approvedDownload = await download();
    expect(approvedDownload.status).toBe(200);
    expect(approvedDownload.headers.get("cache-control")).toBe("private, no-store");
    const recipe = await chunk(approvedDownload);
    expect(recipe.prompt.approvedAt).toBe(approvedAt);
    // Only the approval changed: the rest is the recipe the image was made with.
    expect(recipe).toMatchObject({ prompt: { id: version.id, text: version.prompt }, seed: image.seed });
    expect((await sidecar()).prompt.approvedAt).toBe(approvedAt);
    // The cached plain file is stale now: its ETag no longer matches, so the browser gets the new bytes.
    const after = await plain({ "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await chunk(after)).prompt.approvedAt).toBe(approvedAt);
    // The A1111 `parameters` chunk is still there, once.
    const texts = await readPngText(new Uint8Array(await (await download()).arrayBuffer()));
    expect(texts.filter((t) => t.keyword === "parameters")).toHaveLength(1);
    expect(texts.filter((t) => t.keyword === "promptsmith")).toHaveLength(1);

    await approval("DELETE", version.id);
    expect((await chunk(await download())).prompt.approvedAt).toBeUndefined();
    expect((await sidecar()).prompt.approvedAt).toBeUndefined();
    const back = await plain();
    expect(back.headers.get("etag")).toBe(etag);
    expect(new Uint8Array(await back.arrayBuffer())).toHaveLength(image.byteSize);
  });
});
