import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPng, PARAMETERS_KEYWORD, RECIPE_KEYWORD, readPngText } from "@/lib/png";
import {
  ComparisonSchema,
  GenerationWithImagesSchema,
  type Image,
  type PromptVersion,
  PromptVersionSchema,
} from "@/lib/schemas";
import { call, expectError, pick, type RouteModules } from "./routes-call";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-export-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.A1111_URL;
delete process.env.COMFYUI_URL;

let routes: RouteModules;
const h = (route: string, method: string) => pick(routes, route, method);

// Importing the route modules compiles much of the app: slow on a busy machine.
beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    approval: await import("@/app/api/versions/[id]/approval/route"),
    comparisons: await import("@/app/api/comparisons/route"),
    ideaExport: await import("@/app/api/ideas/[id]/export/route"),
    comparisonExport: await import("@/app/api/comparisons/[id]/export/route"),
    file: await import("@/app/api/images/[id]/file/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
});

async function refine(body: Record<string, unknown>): Promise<PromptVersion> {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { refiner: "offline", backend: "offline", ...body },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function waitForGeneration(id: string) {
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(h("generation", "GET"), {}, { id })).json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

async function generate(promptId: string, n: number): Promise<Image[]> {
  const res = await call(h("generate", "POST"), {
    method: "POST",
    body: { promptId, backend: "offline", params: { n, size: "512x512" } },
  });
  expect(res.status).toBe(202);
  const g = await waitForGeneration(((await res.json()) as { id: string }).id);
  expect(g.status).toBe("succeeded");
  return g.images;
}

async function unzip(res: Response): Promise<Record<string, Uint8Array>> {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  return unzipSync(new Uint8Array(await res.arrayBuffer()));
}

/**
 * What a download of the image gives: the stored file with its recipe chunks brought up to date
 * (so an approval given since shows), pixels and every other chunk as stored.
 */
async function downloadedBytes(id: string): Promise<Buffer> {
  const res = await call(h("file", "GET"), { path: `/api/images/${id}/file?download=1` }, { id });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** The PNG's chunks other than text ones: the pixels and their description, as the backend made them. */
async function nonTextChunks(bytes: Uint8Array): Promise<string[]> {
  const out: string[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = Buffer.from(bytes.subarray(at, at + 4)).readUInt32BE(0);
    const type = Buffer.from(bytes.subarray(at + 4, at + 8)).toString("latin1");
    if (!["tEXt", "iTXt", "zTXt"].includes(type))
      out.push(Buffer.from(bytes.subarray(at, at + 12 + length)).toString("base64"));
    at += 12 + length;
  }
  return out;
}

async function storedBytes(id: string): Promise<Uint8Array> {
  const { getImageFiles } = await import("@/lib/store");
  const file = await getImageFiles().read(id, "full");
  if (!file) throw new Error(`no bytes for ${id}`);
  return new Uint8Array(file.bytes);
}

/** The image paths `<img src>` names in the page. */
const imgSources = (page: string) => [...page.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]);

describe("GET /api/ideas/:id/export", () => {
  it("zips every image as stored, idea.json, prompts.md and a self-contained index.html", async () => {
    // An idea whose text would be markup if it were not escaped.
    const idea = `a fox <script>alert("x")</script> in the snow & "quotes"`;
    const v1 = await refine({ idea });
    const v2 = await refine({ parentId: v1.id, instruction: "make it night" });
    const images1 = await generate(v1.id, 2);
    const images2 = await generate(v2.id, 1);
    const approved = await call(h("approval", "POST"), { method: "POST" }, { id: v2.id });
    expect(approved.status).toBe(200);
    const approvedAt = PromptVersionSchema.parse(await approved.json()).approvedAt;
    expect(approvedAt).toBeTruthy();

    // A visitor's vote and comment, through a share, as the feedback route would store them.
    const { getStore } = await import("@/lib/store");
    const store = getStore();
    const now = new Date().toISOString();
    await store.createShare({
      id: "share-export-1",
      tokenHash: "hash-export-1",
      target: { kind: "idea", id: v1.ideaId },
      ideaId: v1.ideaId,
      label: "Idea: fox",
      expiresAt: null,
      feedback: true,
      createdAt: now,
      revokedAt: null,
    });
    const votedFor = images2[0]?.id ?? "";
    await store.addFeedback({
      id: "fb-export-1",
      shareId: "share-export-1",
      ideaId: v1.ideaId,
      imageId: votedFor,
      name: "Ann <b>",
      comment: "Love the night one",
      vote: true,
      createdAt: now,
    });

    const res = await call(h("ideaExport", "GET"), {}, { id: v1.ideaId });
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z0-9-]+-promptsmith\.zip"/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const zip = await unzip(res);

    // Every image, under images/, byte for byte what its download gives: the stored file, its recipe up to date.
    const all = [...images1, ...images2];
    const imagePaths = Object.keys(zip).filter((p) => p.startsWith("images/"));
    expect(imagePaths).toHaveLength(all.length);
    expect(imagePaths.every((p) => /^images\/\d+-[\w-]+\.png$/.test(p))).toBe(true);
    const doc = JSON.parse(strFromU8(zip["idea.json"] ?? new Uint8Array()));
    const fileOf = new Map<string, string>();
    for (const v of doc.versions) for (const g of v.generations) for (const i of g.images) fileOf.set(i.id, i.file);
    for (const image of all) {
      const bytes = zip[fileOf.get(image.id) ?? ""] ?? new Uint8Array();
      expect(Buffer.from(bytes).equals(await downloadedBytes(image.id))).toBe(true);
      expect(await nonTextChunks(bytes)).toEqual(await nonTextChunks(await storedBytes(image.id)));
    }
    // Every PNG keeps its A1111 `parameters` chunk and our recipe; the approved version's says it is approved.
    for (const image of all) {
      const bytes = zip[fileOf.get(image.id) ?? ""] ?? new Uint8Array();
      expect(isPng(bytes)).toBe(true);
      const texts = await readPngText(bytes);
      expect(texts.find((t) => t.keyword === PARAMETERS_KEYWORD)?.text).toContain(image.prompt.slice(0, 20));
      const recipe = JSON.parse(texts.find((t) => t.keyword === RECIPE_KEYWORD)?.text ?? "{}");
      expect(recipe.prompt.approvedAt).toBe(image.promptId === v2.id ? approvedAt : undefined);
    }

    // idea.json: the tree with parents, instructions, approval, parameters, seeds and feedback.
    expect(doc).toMatchObject({ format: "promptsmith-export", kind: "idea", idea: { id: v1.ideaId, text: idea } });
    expect(doc.versions.map((v: PromptVersion) => [v.id, v.parentId, v.instruction, v.approvedAt])).toEqual([
      [v1.id, null, null, null],
      [v2.id, v1.id, "make it night", approvedAt],
    ]);
    expect(doc.versions[1]).toMatchObject({ step: 2, parentStep: 1, how: "instruction", notes: v2.notes });
    const gen = doc.versions[0].generations[0];
    expect(gen).toMatchObject({ backend: "offline", params: { n: 2, size: "512x512" } });
    expect(gen.images.map((i: { seed: number }) => i.seed)).toEqual(images1.map((i) => i.seed));
    expect(doc.feedback.items).toEqual([expect.objectContaining({ name: "Ann <b>", comment: "Love the night one" })]);
    expect(doc.feedback.votes).toEqual([{ imageId: votedFor, count: 1, names: ["Ann <b>"] }]);

    // prompts.md: each prompt word for word, and each image by its relative path.
    const md = strFromU8(zip["prompts.md"] ?? new Uint8Array());
    for (const v of [v1, v2]) expect(md).toContain(v.prompt);
    expect(md).toContain("make it night");
    for (const p of imagePaths) expect(md).toContain(`](${p})`);

    // index.html: no script anywhere, nothing fetched from elsewhere, every image by its relative path.
    const page = strFromU8(zip["index.html"] ?? new Uint8Array());
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)="(https?:|\/\/|\/)/i);
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(imgSources(page).sort()).toEqual([...imagePaths].sort());
    for (const image of all) expect(page).toContain(`alt="${escapeAttr(image.prompt)}"`);
    expect(page).toMatch(/<h2[^>]*>Step 2, from step 1<\/h2><span class="badge"[^>]*>Approved</);
    expect(page).toMatch(/<ins>|<del>/);
  });

  it("leaves out an image whose bytes are gone from storage, and says so in idea.json", async () => {
    const v = await refine({ idea: "a lighthouse in fog" });
    const [kept, lost] = await generate(v.id, 2);
    const { getImageFiles } = await import("@/lib/store");
    await getImageFiles().remove(lost?.id ?? "");
    const zip = await unzip(await call(h("ideaExport", "GET"), {}, { id: v.ideaId }));
    const doc = JSON.parse(strFromU8(zip["idea.json"] ?? new Uint8Array()));
    const files = doc.versions[0].generations[0].images.map((i: { id: string; file: string | null }) => [i.id, i.file]);
    expect(files).toEqual([
      [kept?.id, `images/1-${kept?.seed}.png`],
      [lost?.id, null],
    ]);
    expect(Object.keys(zip).filter((p) => p.startsWith("images/"))).toEqual([`images/1-${kept?.seed}.png`]);
    expect(imgSources(strFromU8(zip["index.html"] ?? new Uint8Array()))).toEqual([`images/1-${kept?.seed}.png`]);
  });

  it("answers 404 JSON for a missing idea, before any byte of a ZIP", async () => {
    const res = await call(h("ideaExport", "GET"), {}, { id: "nope" });
    expect(res.headers.get("content-type")).toContain("application/json");
    await expectError(res, 404, "not_found");
  });
});

describe("GET /api/comparisons/:id/export", () => {
  it("zips the cells' images in grid order with the story of the comparison", async () => {
    const v1 = await refine({ idea: "a kite over dunes" });
    const v2 = await refine({ parentId: v1.id, instruction: "at sunset" });
    await generate(v1.id, 1); // Not in the comparison: stays out of its archive.
    const created = await call(h("comparisons", "POST"), {
      method: "POST",
      body: { versionIds: [v2.id, v1.id], backend: "offline", params: { size: "512x512" } },
    });
    expect(created.status).toBe(201);
    const c = ComparisonSchema.parse(await created.json());
    const cells = await Promise.all(c.cells.map((cell) => waitForGeneration(cell.generationId)));
    const cellImages = cells.flatMap((g) => g.images);
    expect(cellImages).toHaveLength(2);

    const res = await call(h("comparisonExport", "GET"), {}, { id: c.id });
    expect(res.headers.get("content-disposition")).toMatch(/comparison-promptsmith\.zip"/);
    const zip = await unzip(res);
    const imagePaths = Object.keys(zip)
      .filter((p) => p.startsWith("images/"))
      .sort();
    expect(imagePaths).toEqual([`images/1-${c.seed}.png`, `images/2-${c.seed}.png`]);
    // Grid order: cell 1 (v2) first, each the file its download gives.
    for (const [i, image] of cellImages.entries()) {
      const bytes = zip[`images/${i + 1}-${c.seed}.png`] ?? new Uint8Array();
      expect(Buffer.from(bytes).equals(await downloadedBytes(image.id))).toBe(true);
      expect((await readPngText(bytes)).some((t) => t.keyword === PARAMETERS_KEYWORD)).toBe(true);
    }

    const doc = JSON.parse(strFromU8(zip["idea.json"] ?? new Uint8Array()));
    expect(doc).toMatchObject({ kind: "comparison", comparison: { id: c.id, seed: c.seed } });
    expect(doc.versions.map((v: PromptVersion) => [v.id, v.parentId])).toEqual([
      [v1.id, null],
      [v2.id, v1.id],
    ]);
    const page = strFromU8(zip["index.html"] ?? new Uint8Array());
    expect(page).not.toMatch(/<script/i);
    expect(imgSources(page)).toEqual(imagePaths);
    expect(page).toContain(`Same seed ${c.seed}`);
    const md = strFromU8(zip["prompts.md"] ?? new Uint8Array());
    for (const v of [v1, v2]) expect(md).toContain(v.prompt);
  });

  it("answers 404 JSON for a missing comparison", async () => {
    await expectError(await call(h("comparisonExport", "GET"), {}, { id: "nope" }), 404, "not_found");
  });
});

function escapeAttr(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

describe("zipStream", () => {
  it("asks for the next entry only when the reader has taken the last, and stops reading on cancel", async () => {
    const { zipStream } = await import("@/lib/sharing/export/zip-stream");
    const asked: number[] = [];
    let finished = false;
    async function* entries() {
      try {
        for (let i = 1; i <= 100; i++) {
          asked.push(i);
          yield { name: `f${i}.bin`, bytes: new Uint8Array(64 * 1024).fill(i), compress: false };
        }
      } finally {
        finished = true;
      }
    }
    const reader = zipStream(entries()).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked.length).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(asked.length).toBeLessThanOrEqual(2);
  });

  it("writes an archive any unzip reads back, entries stored or deflated as asked", async () => {
    const { zipStream } = await import("@/lib/sharing/export/zip-stream");
    const text = new TextEncoder().encode("hello ".repeat(1000));
    async function* entries() {
      yield {
        name: "images/1-7.png",
        bytes: new Uint8Array([1, 2, 3]),
        compress: false,
        mtime: new Date("2026-01-02T03:04:05Z"),
      };
      yield { name: "idea.json", bytes: text, compress: true };
    }
    const bytes = new Uint8Array(await new Response(zipStream(entries())).arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length);
    const files = unzipSync(bytes);
    expect([...(files["images/1-7.png"] ?? [])]).toEqual([1, 2, 3]);
    expect(strFromU8(files["idea.json"] ?? new Uint8Array())).toBe("hello ".repeat(1000));
  });
});
