/**
 * House rules over the API (issue 13): GET/PUT /api/house-rules, GET /api/house-rules/:version;
 * each save a new version; over the cap a 400 that changes nothing; a refinement records the
 * version it followed (or none when switched off), and the image's recipe carries it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerationSchema, GenerationWithImagesSchema, PromptVersionSchema } from "@/lib/schemas";
import { HouseRulesSchema, HouseRulesStateSchema } from "@/lib/schemas/house-rules";
import { HOUSE_RULES_MAX_CHARS } from "@/lib/schemas/limits";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-house-rules-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: Handler, method = "GET", body?: unknown, params: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json", accept: "application/json" };
  }
  return handler(new Request("http://localhost/", init), { params: Promise.resolve(params) });
}

let routes: Record<string, Record<string, Handler>>;
const h = (route: string, method: string) => {
  const fn = routes[route]?.[method];
  if (!fn) throw new Error(`no ${method} on ${route}`);
  return fn;
};

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  routes = {
    rules: await import("@/app/api/house-rules/route"),
    rule: await import("@/app/api/house-rules/[version]/route"),
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    recipe: await import("@/app/api/images/[id]/recipe/route"),
    prompts: await import("@/app/api/prompts/route"),
  } as unknown as Record<string, Record<string, Handler>>;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

async function state() {
  const res = await call(h("rules", "GET"));
  expect(res.status).toBe(200);
  return HouseRulesStateSchema.parse(await res.json());
}

async function refine(body: Record<string, unknown>) {
  const res = await call(h("refine", "POST"), "POST", body);
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

describe("house rules API", () => {
  it("starts empty, saves versions, keeps the history, and does not repeat a version for the same text", async () => {
    expect(await state()).toEqual({ current: null, history: [] });
    const first = await call(h("rules", "PUT"), "PUT", { text: "  our brand palette is navy and coral  " });
    expect(first.status).toBe(201);
    expect(HouseRulesStateSchema.parse(await first.json()).current).toMatchObject({
      version: 1,
      text: "our brand palette is navy and coral",
    });
    const second = await call(h("rules", "PUT"), "PUT", { text: "no photorealistic people\nno text or watermarks" });
    expect(second.status).toBe(201);
    const same = await call(h("rules", "PUT"), "PUT", { text: "no photorealistic people\nno text or watermarks" });
    expect(same.status).toBe(200);
    const now = await state();
    expect(now.current?.version).toBe(2);
    expect(now.history.map((r) => r.version)).toEqual([2, 1]);

    const v1 = await call(h("rule", "GET"), "GET", undefined, { version: "1" });
    expect(HouseRulesSchema.parse(await v1.json()).text).toBe("our brand palette is navy and coral");
    for (const version of ["9", "0", "x", "1e3"]) {
      expect((await call(h("rule", "GET"), "GET", undefined, { version })).status, version).toBe(404);
    }
  });

  it("refuses rules over the cap with a 400 that says both numbers, and changes nothing", async () => {
    const before = await state();
    const res = await call(h("rules", "PUT"), "PUT", { text: "x".repeat(HOUSE_RULES_MAX_CHARS + 1) });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_request");
    expect(JSON.stringify(body)).toContain("the house rules are 2,001 characters; the limit is 2,000");
    expect(await state()).toEqual(before);
    // Exactly the cap is fine; unknown fields are not.
    expect((await call(h("rules", "PUT"), "PUT", { text: "y".repeat(HOUSE_RULES_MAX_CHARS) })).status).toBe(201);
    expect((await call(h("rules", "PUT"), "PUT", { text: "z", extra: 1 })).status).toBe(400);
    expect((await call(h("rules", "PUT"), "PUT", {})).status).toBe(400);
  });

  it("a refinement records the version it followed; switched off, none; the recipe carries it", async () => {
    const put = await call(h("rules", "PUT"), "PUT", { text: "no photorealistic people" });
    const current = HouseRulesStateSchema.parse(await put.json()).current;
    if (!current) throw new Error("no house rules");

    const followed = await refine({ idea: "a lighthouse on a cliff at dusk" });
    expect(followed.houseRulesVersion).toBe(current.version);
    expect(followed.notes.join(" ")).toContain(`House rules v${current.version}`);

    const off = await refine({ idea: "a lighthouse on a cliff at dusk", houseRules: false });
    expect(off.houseRulesVersion).toBeUndefined();
    expect(off.notes.join(" ")).not.toContain("House rules");

    // A further refinement follows the rules as they are now.
    await call(h("rules", "PUT"), "PUT", { text: "no people; avoid lens flare" });
    const child = await refine({ parentId: followed.id, instruction: "make it stormy" });
    expect(child.houseRulesVersion).toBe(current.version + 1);

    const res = await call(h("generate", "POST"), "POST", {
      promptId: followed.id,
      backend: "offline",
      params: { seed: 3 },
    });
    expect(res.status).toBe(202);
    const queued = GenerationSchema.parse(await res.json());
    let done = GenerationWithImagesSchema.parse(
      await (await call(h("generation", "GET"), "GET", undefined, { id: queued.id })).json(),
    );
    for (let i = 0; i < 200 && (done.status === "queued" || done.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 25));
      done = GenerationWithImagesSchema.parse(
        await (await call(h("generation", "GET"), "GET", undefined, { id: queued.id })).json(),
      );
    }
    const image = done.images[0];
    if (!image) throw new Error("no image");
    const recipe = await (await call(h("recipe", "GET"), "GET", undefined, { id: image.id })).json();
    expect(recipe.prompt.houseRules).toEqual({ version: current.version, text: "no photorealistic people" });
  });

  it("the refine schema takes houseRules only as a boolean", async () => {
    const res = await call(h("refine", "POST"), "POST", { idea: "a fox", houseRules: "off" });
    expect(res.status).toBe(400);
  });
});

describe("Generate as typed over the API (issue 13): a verbatim version of the idea, generated as written", () => {
  it("makes a verbatim version with no refiner, no house rules, and generates it word for word", async () => {
    await call(h("rules", "PUT"), "PUT", { text: "no people" });
    const idea = "(masterpiece:1.2), a paper boat, <lora:ink:0.6>";
    const saved = await call(h("prompts", "POST"), "POST", { idea, prompt: idea, source: "verbatim" });
    expect(saved.status).toBe(201);
    const v = PromptVersionSchema.parse(await saved.json());
    expect(v).toMatchObject({ source: "verbatim", prompt: idea, refiner: "manual", parentId: null });
    expect(v.houseRulesVersion).toBeUndefined();
    const res = await call(h("generate", "POST"), "POST", { promptId: v.id, backend: "offline", params: { seed: -1 } });
    expect(res.status).toBe(202);
    const queued = GenerationSchema.parse(await res.json());
    let done = GenerationWithImagesSchema.parse(
      await (await call(h("generation", "GET"), "GET", undefined, { id: queued.id })).json(),
    );
    for (let i = 0; i < 200 && (done.status === "queued" || done.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 25));
      done = GenerationWithImagesSchema.parse(
        await (await call(h("generation", "GET"), "GET", undefined, { id: queued.id })).json(),
      );
    }
    expect(done.status).toBe("succeeded");
    expect(done.images[0]?.prompt).toBe(idea);
  });

  it("moderation still applies: a blocked idea typed as the prompt is refused at generate, nothing queued", async () => {
    const idea = "a nazi flag over a crowd";
    const v = PromptVersionSchema.parse(
      await (await call(h("prompts", "POST"), "POST", { idea, prompt: idea, source: "verbatim" })).json(),
    );
    const res = await call(h("generate", "POST"), "POST", { promptId: v.id, backend: "offline" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("moderation_blocked");
  });
});
