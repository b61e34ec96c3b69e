import { mkdtempSync, rmSync } from "node:fs";
import type http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { imageUrls } from "@/lib/client/api";
import { thumbVersion } from "@/lib/client/thumb-version";
import { sha256 } from "@/lib/store/copy/image-hashes";
import { at, generation, image, version } from "./harness/store";
import { setEnv } from "./harness/proxy";
import { call, expectError, type Handler } from "./routes-call";

/*
 * GET /api/images/:id/thumb at its content-addressed URL (issue 12): a strong ETag, a year and
 * immutable only at the right version, 304 on If-None-Match, the password gate in front, and the
 * server hook's fast lane answering repeats from memory exactly as the route does.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-thumbs-"));
const TOKEN = "thumb-test-token-1";
const OPEN = { DATA_DIR: dataDir, APP_PASSWORD: undefined, API_TOKENS: undefined, SESSION_SECRET: undefined };
const GATED = {
  ...OPEN,
  APP_PASSWORD: "thumb-test-password",
  API_TOKENS: TOKEN,
  SESSION_SECRET: "thumb-test-session-secret-0123456789",
};
setEnv(OPEN);

const thumbRoute = (await import("@/app/api/images/[id]/thumb/route")).GET as unknown as Handler;
const { proxy } = await import("@/proxy");
const { req: proxyReq } = await import("./harness/proxy");
const { serveHotThumb } = await import("@/lib/http/thumb-fast-lane");
const { deps } = await import("@/lib/studio/deps");
const { deleteImage } = await import("@/lib/studio/queries");
const { resetStoreForTests } = await import("@/lib/store");

let hash = "";
let v = "";

async function picture(seed: number): Promise<Buffer> {
  const background = { r: seed * 40, g: 80, b: 40 };
  return sharp({ create: { width: 640, height: 480, channels: 3, background } })
    .png()
    .toBuffer();
}

/** An idea with images stored as the runner stores them: bytes, then rows (with or without a content hash). */
async function seed(): Promise<void> {
  const { store, files } = deps();
  const v1 = version("v1", "idea-1", { createdAt: at(0) });
  await store.createIdeaWithVersion({ id: "idea-1", text: "a fox", title: "Fox", createdAt: at(0) }, v1);
  const g = generation("g1", v1.id, "idea-1", { createdAt: at(0), backend: "offline" });
  await store.createGeneration(g);
  const bytes = await picture(1);
  hash = sha256(bytes);
  v = thumbVersion(hash);
  await files.put("img-new", bytes, "image/png");
  await files.put("img-old", await picture(2), "image/png");
  await files.put("img-gone", await picture(3), "image/png");
  await store.completeGeneration(
    g.id,
    [
      image("img-new", g, at(3), { width: 640, height: 480, contentHash: hash }),
      image("img-old", g, at(2), { width: 640, height: 480 }),
      image("img-gone", g, at(1), { width: 640, height: 480, contentHash: sha256(await picture(3)) }),
    ],
    { status: "succeeded" },
  );
  await files.settled();
}

const get = (id: string, query: string, headers: Record<string, string> = {}) =>
  call(thumbRoute, { path: `/api/images/${id}/thumb${query}`, headers }, { id });

/** The server hook's view of a request: Node's IncomingMessage and a ServerResponse that records. */
function hook(url: string, headers: Record<string, string> = {}, method = "GET") {
  const sent: { status?: number; headers?: Record<string, string>; body?: Uint8Array } = {};
  const request = { method, url, headers, socket: {} } as unknown as http.IncomingMessage;
  const response = {
    writeHead(status: number, h: Record<string, string>) {
      sent.status = status;
      sent.headers = h;
    },
    end(body?: Uint8Array) {
      sent.body = body;
    },
  } as unknown as http.ServerResponse;
  return { answered: serveHotThumb(request, response), sent };
}

beforeAll(seed, 60_000);
beforeEach(() => setEnv(OPEN));
afterAll(async () => {
  setEnv({ DATA_DIR: undefined, APP_PASSWORD: undefined, API_TOKENS: undefined, SESSION_SECRET: undefined });
  await resetStoreForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /api/images/:id/thumb", () => {
  it("pages render the content-addressed URL from the image's hash, and a bare one without it", () => {
    expect(imageUrls.thumb("img-new", hash)).toBe(`/api/images/img-new/thumb?v=${hash.slice(0, 16)}`);
    expect(imageUrls.thumb("img-old")).toBe("/api/images/img-old/thumb");
  });

  it("at the right version: the bytes, a strong ETag, public for a year and immutable", async () => {
    const res = await get("img-new", `?v=${v}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toBe(`"t${v}"`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(body.byteLength));
    expect((await sharp(body).metadata()).width).toBe(512);
  });

  it("answers If-None-Match with 304 and no body, strong or weak, in a list", async () => {
    for (const inm of [`"t${v}"`, `W/"t${v}"`, `"other", "t${v}"`]) {
      const res = await get("img-new", `?v=${v}`, { "if-none-match": inm });
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(`"t${v}"`);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await res.text()).toBe("");
    }
    expect((await get("img-new", `?v=${v}`, { "if-none-match": '"tsomething-else"' })).status).toBe(200);
  });

  it("a wrong or missing version gets the same bytes, revalidated every time, never immutable", async () => {
    for (const query of ["?v=0000000000000000", "", "?v=", `?v=${hash}`]) {
      const res = await get("img-new", query);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("public, no-cache");
      expect(res.headers.get("etag")).toBe(`"t${v}"`);
      expect((await get("img-new", query, { "if-none-match": `"t${v}"` })).status).toBe(304);
    }
  });

  it("an image stored before migration 0012 has no version: an ETag of its thumbnail's own bytes, never immutable", async () => {
    const res = await get("img-old", "");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, no-cache");
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"t[0-9a-f]{16}"$/);
    expect((await get("img-old", "?v=anything", { "if-none-match": etag })).status).toBe(304);
  });

  it("is 404 for an image that does not exist, and keeps ?download as a named file", async () => {
    await expectError(await get("nope1234", `?v=${v}`), 404, "not_found");
    const download = await get("img-new", "?download=1");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename=".*-thumb\.webp"$/);
  });

  it("behind the password gate: the proxy refuses a caller without a session or token, and the answer is private", async () => {
    setEnv(GATED);
    const url = `/api/images/img-new/thumb?v=${v}`;
    expect((await proxy(proxyReq(url))).status).toBe(401);
    const through = await proxy(proxyReq(url, { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(through.headers.get("x-middleware-next")).toBe("1");
    const res = await get("img-new", `?v=${v}`, { authorization: `Bearer ${TOKEN}` });
    expect(res.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect((await get("img-new", "")).headers.get("cache-control")).toBe("private, no-cache");
  });
});

describe("the server hook's fast lane", () => {
  it("answers a thumbnail the route has served, as the route does, and leaves anything else to Next", async () => {
    await get("img-new", `?v=${v}`);
    const hit = hook(`/api/images/img-new/thumb?v=${v}`);
    expect(hit.answered).toBe(true);
    expect(hit.sent.status).toBe(200);
    expect(hit.sent.headers?.["Cache-Control"]).toBe("public, max-age=31536000, immutable");
    expect(hit.sent.headers?.ETag).toBe(`"t${v}"`);
    expect(hit.sent.headers?.["Content-Security-Policy"]).toContain("default-src 'none'");
    expect(hit.sent.headers?.["X-Content-Type-Options"]).toBe("nosniff");
    const fromRoute = Buffer.from(await (await get("img-new", `?v=${v}`)).arrayBuffer());
    expect(Buffer.from(hit.sent.body ?? []).equals(fromRoute)).toBe(true);

    const revalidated = hook(`/api/images/img-new/thumb?v=${v}`, { "if-none-match": `"t${v}"` });
    expect([revalidated.answered, revalidated.sent.status, revalidated.sent.body]).toEqual([true, 304, undefined]);
    const head = hook(`/api/images/img-new/thumb?v=${v}`, {}, "HEAD");
    expect([head.answered, head.sent.status, head.sent.body]).toEqual([true, 200, undefined]);

    // Not exactly a known content address, or not a read: Next answers.
    for (const url of [
      "/api/images/img-new/thumb?v=0000000000000000",
      "/api/images/img-new/thumb",
      `/api/images/img-new/thumb?v=${v}&x=1`,
      `/api/images/img-old/thumb?v=${v}`,
      `/api/images/img-new/file?v=${v}`,
    ]) {
      expect(hook(url).answered).toBe(false);
    }
    expect(hook(`/api/images/img-new/thumb?v=${v}`, {}, "POST").answered).toBe(false);
  });

  it("leaves a caller the gate would refuse to Next (and its 401), and serves one with a token", async () => {
    await get("img-new", `?v=${v}`);
    setEnv(GATED);
    expect(hook(`/api/images/img-new/thumb?v=${v}`).answered).toBe(false);
    expect(hook(`/api/images/img-new/thumb?v=${v}`, { authorization: "Bearer wrong-token" }).answered).toBe(false);
    const ok = hook(`/api/images/img-new/thumb?v=${v}`, { authorization: `Bearer ${TOKEN}` });
    expect(ok.answered).toBe(true);
    expect(ok.sent.headers?.["Cache-Control"]).toBe("private, max-age=31536000, immutable");
  });

  it("forgets a removed image at once: the route says 404 and the lane passes it on", async () => {
    const { store } = deps();
    const gone = (await store.getImage("img-gone"))?.contentHash ?? "";
    const gv = thumbVersion(gone);
    expect((await get("img-gone", `?v=${gv}`)).status).toBe(200);
    expect(hook(`/api/images/img-gone/thumb?v=${gv}`).answered).toBe(true);
    await deleteImage("img-gone");
    expect(hook(`/api/images/img-gone/thumb?v=${gv}`).answered).toBe(false);
    await expectError(await get("img-gone", `?v=${gv}`), 404, "not_found");
  });
});
