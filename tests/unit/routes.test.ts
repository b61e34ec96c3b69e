import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CatalogSchema, ErrorBodySchema, GenerationWithImagesSchema, PromptVersionSchema } from "@/lib/schemas";

// Route modules read the environment lazily; point them at a fresh data directory first.
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-routes-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://localhost";

function call(
  handler: Handler,
  init: { method?: string; path?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  params: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const request = new Request(`${BASE}${init.path ?? "/"}`, { method: init.method ?? "GET", headers, body });
  return handler(request, { params: Promise.resolve(params) });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  return body;
}

let routes: Record<string, Record<string, Handler>>;

// Importing the route modules compiles much of the app: slow on a busy machine.
beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  routes = {
    health: await import("@/app/api/health/route"),
    catalog: await import("@/app/api/catalog/route"),
    refine: await import("@/app/api/refine/route"),
    prompts: await import("@/app/api/prompts/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    cancel: await import("@/app/api/generations/[id]/cancel/route"),
    events: await import("@/app/api/generations/[id]/events/route"),
    images: await import("@/app/api/images/route"),
    image: await import("@/app/api/images/[id]/route"),
    file: await import("@/app/api/images/[id]/file/route"),
    thumb: await import("@/app/api/images/[id]/thumb/route"),
    recipe: await import("@/app/api/images/[id]/recipe/route"),
    ideas: await import("@/app/api/ideas/route"),
    idea: await import("@/app/api/ideas/[id]/route"),
    unknown: await import("@/app/api/[...path]/route"),
    tokenize: await import("@/app/api/tokenize/route"),
  } as unknown as Record<string, Record<string, Handler>>;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

const h = (route: string, method: string) => {
  const fn = routes[route]?.[method];
  if (!fn) throw new Error(`no ${method} on ${route}`);
  return fn;
};

async function newVersion(idea = "a fox in the snow, cozy") {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { idea },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function waitForGeneration(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await call(h("generation", "GET"), {}, { id });
    const g = GenerationWithImagesSchema.parse(await res.json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

describe("health and catalog", () => {
  it("answers health", async () => {
    const res = await call(h("health", "GET"));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, version: expect.any(String) });
  });

  it("lists refiners and backends, offline by default", async () => {
    const catalog = CatalogSchema.parse(await (await call(h("catalog", "GET"))).json());
    expect(catalog.embeddedDefaults).toBe(true);
    expect(catalog.defaults).toEqual({ refiner: "offline", backend: "offline" });
    const offline = catalog.backends.find((b) => b.id === "offline");
    expect(offline?.label).toBe("Offline sketch (no model)");
    expect(catalog.backends.find((b) => b.id === "openai")?.configured).toBe(false);
  });

  it("answers unknown API paths with the error shape", async () => {
    await expectError(await call(h("unknown", "GET"), { path: "/api/nope" }), 404, "not_found");
  });
});

describe("POST /api/refine", () => {
  it("saves a new idea and its first version (JSON)", async () => {
    const v = await newVersion();
    expect(v.parentId).toBeNull();
    expect(v.source).toBe("refine");
    expect(v.prompt.toLowerCase()).toContain("fox");
    const idea = await (await call(h("idea", "GET"), {}, { id: v.ideaId })).json();
    expect(idea.versions.map((x: { id: string }) => x.id)).toEqual([v.id]);
  });

  it("streams deltas, then the saved version (SSE)", async () => {
    const res = await call(h("refine", "POST"), { method: "POST", body: { idea: "a lighthouse at dusk" } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({
      event: m[1],
      data: JSON.parse(m[2] ?? "null"),
    }));
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.length).toBeGreaterThan(2);
    const last = events.at(-1);
    expect(last?.event).toBe("version");
    const joined = deltas.map((d) => d.data.text).join("");
    expect(joined).toBe(last?.data.prompt);
  });

  it("refines a saved version with an instruction into a child", async () => {
    const parent = await newVersion("a quiet harbour");
    const res = await call(h("refine", "POST"), {
      method: "POST",
      body: { parentId: parent.id, instruction: "make it night" },
      headers: { accept: "application/json" },
    });
    expect(res.status).toBe(201);
    const child = PromptVersionSchema.parse(await res.json());
    expect(child.parentId).toBe(parent.id);
    expect(child.ideaId).toBe(parent.ideaId);
    expect(child.instruction).toBe("make it night");
  });

  it("rejects bad bodies with 400 and details", async () => {
    const empty = await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { idea: "  " } }),
      400,
      "invalid_request",
    );
    expect(empty.error.details).toBeTruthy();
    await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { idea: "x", extra: 1 } }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { idea: "x".repeat(2001) } }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("refine", "POST"), { method: "POST", rawBody: "{not json" }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { idea: "x", style: "nope" } }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { idea: "x", refiner: "openai" } }),
      503,
      "backend_unavailable",
    );
  });

  it("rejects a body over 1 MB with 413", async () => {
    await expectError(
      await call(h("refine", "POST"), { method: "POST", rawBody: JSON.stringify({ idea: "x".repeat(1_100_000) }) }),
      413,
      "too_large",
    );
  });

  it("answers 404 for an unknown parent", async () => {
    await expectError(
      await call(h("refine", "POST"), { method: "POST", body: { parentId: "missing0001", instruction: "warmer" } }),
      404,
      "not_found",
    );
  });
});

describe("POST /api/prompts", () => {
  it("saves a manual edit as a child", async () => {
    const parent = await newVersion("a red bicycle");
    const res = await call(h("prompts", "POST"), {
      method: "POST",
      body: { parentId: parent.id, prompt: "a red bicycle leaning on a wall, film photo" },
    });
    expect(res.status).toBe(201);
    const v = PromptVersionSchema.parse(await res.json());
    expect(v).toMatchObject({
      parentId: parent.id,
      source: "edit",
      prompt: "a red bicycle leaning on a wall, film photo",
    });
  });

  it("saves the same edit once: two saves of one text from one parent, even at once, give one version", async () => {
    const parent = await newVersion("a lighthouse on a cliff");
    const body = { parentId: parent.id, prompt: "a lighthouse on a cliff, storm clouds gather" };
    // The leaving page's keepalive save and the reloaded page's own save of the same text race.
    const [a, b] = await Promise.all([
      call(h("prompts", "POST"), { method: "POST", body }),
      call(h("prompts", "POST"), { method: "POST", body }),
    ]);
    const [va, vb] = [PromptVersionSchema.parse(await a.json()), PromptVersionSchema.parse(await b.json())];
    expect(va.id).toBe(vb.id);
    const again = PromptVersionSchema.parse(await (await call(h("prompts", "POST"), { method: "POST", body })).json());
    expect(again.id).toBe(va.id);
    // Other text, or another negative prompt, is another edit.
    const other = PromptVersionSchema.parse(
      await (await call(h("prompts", "POST"), { method: "POST", body: { ...body, negativePrompt: "blurry" } })).json(),
    );
    expect(other.id).not.toBe(va.id);
    const idea = await (await call(h("idea", "GET"), {}, { id: parent.ideaId })).json();
    expect(idea.versions.filter((v: { parentId: string | null }) => v.parentId === parent.id)).toHaveLength(2);
  });

  it("saves an imported prompt word for word as the first version of a new idea", async () => {
    const prompt = "(red fox:1.2), deep snow, moonlight";
    const res = await call(h("prompts", "POST"), {
      method: "POST",
      body: { idea: "a fox from an old PNG", prompt, negativePrompt: "blurry" },
    });
    expect(res.status).toBe(201);
    const v = PromptVersionSchema.parse(await res.json());
    expect(v).toMatchObject({ parentId: null, source: "edit", prompt, negativePrompt: "blurry", dialect: "tags" });
    const idea = await (await call(h("idea", "GET"), {}, { id: v.ideaId })).json();
    expect(idea.idea.text).toBe("a fox from an old PNG");
    await expectError(
      await call(h("prompts", "POST"), { method: "POST", body: { idea: "x", parentId: v.id, prompt: "y" } }),
      400,
      "invalid_request",
    );
  });

  it("saves a prompt typed in the Studio as written: source verbatim, a new idea, nothing refined", async () => {
    const prompt = "1girl, red hood, (forest:1.2), BREAK, moonlight --ar 2:3";
    const res = await call(h("prompts", "POST"), {
      method: "POST",
      body: { idea: "red hood in the woods", prompt, negativePrompt: "lowres", source: "verbatim" },
    });
    expect(res.status).toBe(201);
    const v = PromptVersionSchema.parse(await res.json());
    expect(v).toMatchObject({
      parentId: null,
      source: "verbatim",
      prompt,
      negativePrompt: "lowres",
      refiner: "manual",
    });
    const detail = await (await call(h("idea", "GET"), {}, { id: v.ideaId })).json();
    expect(detail.idea.text).toBe("red hood in the woods");
    expect(detail.versions).toEqual([expect.objectContaining({ id: v.id, source: "verbatim", prompt })]);
    // Only a new idea can be verbatim; an edit of a version is always an edit, and no other source is taken.
    for (const body of [
      { parentId: v.id, prompt: "x", source: "verbatim" },
      { idea: "x", prompt: "y", source: "refine" },
    ]) {
      await expectError(await call(h("prompts", "POST"), { method: "POST", body }), 400, "invalid_request");
    }
  });

  it("400 on an empty prompt, 404 on an unknown parent", async () => {
    const parent = await newVersion("a kite");
    await expectError(
      await call(h("prompts", "POST"), { method: "POST", body: { parentId: parent.id, prompt: "" } }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("prompts", "POST"), { method: "POST", body: { parentId: "nope1234", prompt: "x" } }),
      404,
      "not_found",
    );
  });
});

describe("generations and images", () => {
  it("generates on the offline backend: 202, then images with file and thumbnail", async () => {
    const v = await newVersion("a paper boat in the rain");
    const res = await call(h("generate", "POST"), {
      method: "POST",
      body: { promptId: v.id, backend: "offline", params: { size: "512x512", n: 2, seed: 7 } },
    });
    expect(res.status).toBe(202);
    const queued = await res.json();
    expect(queued.status).toBe("queued");
    const done = await waitForGeneration(queued.id);
    expect(done.status).toBe("succeeded");
    expect(done.images.map((i) => i.seed)).toEqual([7, 8]);
    const img = done.images[0];
    if (!img) throw new Error("no image");
    expect(img).toMatchObject({ width: 512, height: 512, mime: "image/png", prompt: v.prompt, backend: "offline" });

    const file = await call(h("file", "GET"), { path: `/api/images/${img.id}/file?download=1` }, { id: img.id });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toContain("attachment");
    // A PNG's recipe follows its version's approval: a download is never cached (issue 10).
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    // The PNG carries its recipe: A1111's `parameters` and our own JSON.
    const { readPngText, readRecipe } = await import("@/lib/png");
    const recipe = await readRecipe(bytes);
    expect(recipe).toMatchObject({ source: "promptsmith", prompt: v.prompt, params: { seed: 7, size: "512x512" } });
    const parameters = (await readPngText(bytes)).find((t) => t.keyword === "parameters")?.text ?? "";
    expect(parameters).toContain(v.prompt);
    expect(parameters).toMatch(/Seed: 7, .*Size: 512x512/);
    const sidecar = await (await call(h("recipe", "GET"), {}, { id: img.id })).json();
    expect(sidecar).toMatchObject({ app: "Promptsmith", seed: 7, prompt: { id: v.id, text: v.prompt, lineage: [] } });
    const thumb = await call(h("thumb", "GET"), { path: `/api/images/${img.id}/thumb` }, { id: img.id });
    expect(thumb.headers.get("content-type")).toBe("image/webp");

    const list = await (await call(h("images", "GET"), { path: `/api/images?ideaId=${v.ideaId}` })).json();
    expect(list.items.map((i: { id: string }) => i.id).sort()).toEqual(done.images.map((i) => i.id).sort());

    const detail = await (await call(h("image", "GET"), {}, { id: img.id })).json();
    expect(detail.version.id).toBe(v.id);
    expect(detail.idea.id).toBe(v.ideaId);

    const fav = await call(h("image", "PATCH"), { method: "PATCH", body: { favorite: true } }, { id: img.id });
    expect((await fav.json()).favorite).toBe(true);
    const favs = await (await call(h("images", "GET"), { path: "/api/images?favorite=true" })).json();
    expect(favs.items.map((i: { id: string }) => i.id)).toEqual([img.id]);
    await expectError(
      await call(h("image", "PATCH"), { method: "PATCH", body: { favorite: "yes" } }, { id: img.id }),
      400,
      "invalid_request",
    );

    expect((await call(h("image", "DELETE"), { method: "DELETE" }, { id: img.id })).status).toBe(204);
    await expectError(await call(h("image", "GET"), {}, { id: img.id }), 404, "not_found");
    await expectError(
      await call(h("file", "GET"), { path: `/api/images/${img.id}/file` }, { id: img.id }),
      404,
      "not_found",
    );
  });

  it("streams a generation's events to the end", async () => {
    const v = await newVersion("a snowy cabin");
    const g = await (
      await call(h("generate", "POST"), {
        method: "POST",
        body: { promptId: v.id, backend: "offline", params: { size: "512x512" } },
      })
    ).json();
    const res = await call(h("events", "GET"), { path: `/api/generations/${g.id}/events` }, { id: g.id });
    const text = await res.text();
    const names = [...text.matchAll(/event: (\w+)/g)].map((m) => m[1]);
    expect(names[0]).toBe("generation");
    expect(names.at(-1)).toBe("done");
  });

  it("rejects what the backend cannot do, unknown backends and prompts", async () => {
    const v = await newVersion("a teapot");
    const post = (body: unknown) => call(h("generate", "POST"), { method: "POST", body });
    await expectError(
      await post({ promptId: v.id, backend: "offline", params: { size: "100x100" } }),
      400,
      "invalid_request",
    );
    await expectError(await post({ promptId: v.id, backend: "offline", params: { n: 9 } }), 400, "invalid_request");
    await expectError(await post({ promptId: v.id, backend: "offline", params: { wat: 1 } }), 400, "invalid_request");
    await expectError(await post({ promptId: v.id, backend: "nope" }), 400, "invalid_request");
    await expectError(await post({ promptId: v.id, backend: "openai" }), 503, "backend_unavailable");
    await expectError(await post({ promptId: "nope1234", backend: "offline" }), 404, "not_found");
  });

  it("404s for unknown generations and images, including ids that are not ids", async () => {
    await expectError(await call(h("generation", "GET"), {}, { id: "nope1234" }), 404, "not_found");
    await expectError(await call(h("cancel", "POST"), { method: "POST" }, { id: "nope1234" }), 404, "not_found");
    await expectError(await call(h("events", "GET"), {}, { id: "nope1234" }), 404, "not_found");
    await expectError(await call(h("image", "GET"), {}, { id: "../../etc/passwd" }), 404, "not_found");
    await expectError(await call(h("thumb", "GET"), { path: "/x" }, { id: "nope1234" }), 404, "not_found");
    await expectError(await call(h("image", "DELETE"), { method: "DELETE" }, { id: "nope1234" }), 404, "not_found");
  });

  it("400s on bad list queries", async () => {
    await expectError(await call(h("images", "GET"), { path: "/api/images?limit=0" }), 400, "invalid_request");
    await expectError(await call(h("images", "GET"), { path: "/api/images?cursor=%%%" }), 400, "invalid_request");
    await expectError(await call(h("images", "GET"), { path: "/api/images?bogus=1" }), 400, "invalid_request");
    await expectError(await call(h("ideas", "GET"), { path: "/api/ideas?limit=abc" }), 400, "invalid_request");
  });
});

describe("POST /api/tokenize", () => {
  it("counts CLIP tokens for SD backends and only characters for the others", async () => {
    const sd = await (
      await call(h("tokenize", "POST"), {
        method: "POST",
        body: { backend: "automatic1111", prompt: "(red fox:1.2), snow" },
      })
    ).json();
    expect(sd).toEqual({ chars: 19, maxChars: 4000, tokens: 4, maxTokens: 75, tokenizer: "clip", estimated: false });
    const prose = await (
      await call(h("tokenize", "POST"), { method: "POST", body: { backend: "offline", prompt: "a fox" } })
    ).json();
    expect(prose).toEqual({
      chars: 5,
      maxChars: 4000,
      tokens: null,
      maxTokens: null,
      tokenizer: null,
      estimated: false,
    });
    await expectError(
      await call(h("tokenize", "POST"), { method: "POST", body: { backend: "nope", prompt: "x" } }),
      404,
      "not_found",
    );
    await expectError(
      await call(h("tokenize", "POST"), { method: "POST", body: { backend: "offline" } }),
      400,
      "invalid_request",
    );
  });
});

describe("ideas", () => {
  it("lists, shows and deletes an idea with everything under it", async () => {
    const v = await newVersion("a glass whale in the sky");
    const g = await (
      await call(h("generate", "POST"), {
        method: "POST",
        body: { promptId: v.id, backend: "offline", params: { size: "512x512" } },
      })
    ).json();
    const done = await waitForGeneration(g.id);
    const list = await (await call(h("ideas", "GET"), { path: "/api/ideas?q=whale" })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([v.ideaId]);
    expect(list.items[0]).toMatchObject({ versionCount: 1, imageCount: 1 });
    const detail = await (await call(h("idea", "GET"), {}, { id: v.ideaId })).json();
    expect(detail.generations[0].images).toHaveLength(1);
    expect((await call(h("idea", "DELETE"), { method: "DELETE" }, { id: v.ideaId })).status).toBe(204);
    await expectError(await call(h("idea", "GET"), {}, { id: v.ideaId }), 404, "not_found");
    const imageId = done.images[0]?.id ?? "";
    await expectError(await call(h("file", "GET"), { path: "/x" }, { id: imageId }), 404, "not_found");
    await expectError(await call(h("idea", "DELETE"), { method: "DELETE" }, { id: v.ideaId }), 404, "not_found");
  });
});
