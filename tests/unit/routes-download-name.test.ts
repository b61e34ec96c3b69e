import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generation, version as versionRow } from "./harness/store";
import { call, type RouteModules } from "./routes-call";

// Route modules read the environment lazily; point them at a fresh data directory first.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-download-"));
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.DATABASE_URL;

let routes: RouteModules;

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  routes = {
    file: await import("@/app/api/images/[id]/file/route"),
    thumb: await import("@/app/api/images/[id]/thumb/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

/** An idea titled `title` with one image of `seed`, its bytes stored: returns the image id. */
async function imageTitled(id: string, title: string, seed: number | null): Promise<string> {
  const { getImageFiles, getStore } = await import("@/lib/store");
  const store = getStore();
  const now = new Date().toISOString();
  const version = versionRow(`${id}-v`, `${id}-i`, { prompt: "a neon sign", title, createdAt: now });
  await store.createIdeaWithVersion({ id: version.ideaId, text: "a neon sign", title, createdAt: now }, version);
  const g = generation(`${id}-g`, version.id, version.ideaId, { createdAt: now });
  await store.createGeneration(g);
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#223344" } })
    .png()
    .toBuffer();
  const { byteSize } = await getImageFiles().put(id, bytes, "image/png");
  await store.completeGeneration(
    g.id,
    [
      {
        id,
        generationId: g.id,
        promptId: g.promptId,
        ideaId: g.ideaId,
        width: 8,
        height: 8,
        seed,
        mime: "image/png",
        byteSize,
        favorite: false,
        createdAt: now,
      },
    ],
    { status: "succeeded" },
  );
  return id;
}

const get = (route: "file" | "thumb", id: string, query = "?download=1") => {
  const handler = routes[route]?.GET;
  if (!handler) throw new Error(`no GET on ${route}`);
  return call(handler, { path: `/api/images/${id}/${route}${query}` }, { id });
};

describe("downloads are named after the title and the seed", () => {
  it("?download=1 answers an attachment named title-seed-N.png, never the id", async () => {
    const id = await imageTitled("img_neon", 'Neon Sign That Says "OPEN 24 HOURS"', 1234);
    const res = await get("file", id);
    expect(res.status).toBe(200);
    const header = res.headers.get("content-disposition");
    expect(header).toBe('attachment; filename="neon-sign-that-says-open-24-hours-seed-1234.png"');
    expect(header).not.toContain(id);
    // The thumbnail says it is one.
    expect((await get("thumb", id)).headers.get("content-disposition")).toBe(
      'attachment; filename="neon-sign-that-says-open-24-hours-seed-1234-thumb.webp"',
    );
  });

  it("a title outside ASCII gets an ASCII filename and an RFC 5987 filename* in UTF-8", async () => {
    const id = await imageTitled("img_cafe", "Café «Zur Brücke» – 東京", 7);
    const header = (await get("file", id)).headers.get("content-disposition") ?? "";
    expect(header).toBe(
      `attachment; filename="cafe-zur-brucke-seed-7.png"; filename*=UTF-8''${encodeURIComponent("café-zur-brücke-東京-seed-7.png")}`,
    );
    const star = /filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? "";
    expect(decodeURIComponent(star)).toBe("café-zur-brücke-東京-seed-7.png");
    // Only RFC 5987 attr-chars and percent escapes: no quotes, spaces or semicolons to break the header.
    expect(star).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
  });

  it("no seed and no Latin letters still give a usable name", async () => {
    const id = await imageTitled("img_tokyo", "東京の夜", null);
    expect((await get("file", id)).headers.get("content-disposition")).toBe(
      `attachment; filename="image.png"; filename*=UTF-8''${encodeURIComponent("東京の夜.png")}`,
    );
  });

  it("without ?download the image is shown inline, with no Content-Disposition", async () => {
    const id = await imageTitled("img_inline", "Inline", 1);
    expect((await get("file", id, "")).headers.get("content-disposition")).toBeNull();
  });
});
