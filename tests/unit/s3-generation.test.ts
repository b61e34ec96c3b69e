import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerationWithImagesSchema, PromptVersionSchema } from "@/lib/schemas";
import { call, expectError, type RouteModules } from "./routes-call";
import { type S3TestServer, startS3Server } from "./s3-server";

/* The app with STORAGE=s3, driven through its route handlers as Next would, against s3rver. */

const BUCKET = "promptsmith-app";
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-s3-app-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
delete process.env.DATABASE_URL;

let server: S3TestServer;
let raw: S3Client;
let routes: RouteModules;

async function useStorage(endpoint: string, bucket = BUCKET) {
  process.env.STORAGE = "s3";
  process.env.S3_BUCKET = bucket;
  process.env.S3_ENDPOINT = endpoint;
  process.env.S3_FORCE_PATH_STYLE = "true";
  const { resetConfigForTests } = await import("@/lib/config");
  const { resetStoreForTests } = await import("@/lib/store");
  resetConfigForTests();
  // The SQLite file stays; the image store is chosen afresh from the new configuration.
  await resetStoreForTests();
}

beforeAll(async () => {
  server = await startS3Server([BUCKET]);
  raw = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true });
  await useStorage(server.endpoint);
  routes = {
    refine: await import("@/app/api/refine/route"),
    generate: await import("@/app/api/generate/route"),
    generation: await import("@/app/api/generations/[id]/route"),
    image: await import("@/app/api/images/[id]/route"),
    file: await import("@/app/api/images/[id]/file/route"),
    thumb: await import("@/app/api/images/[id]/thumb/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
  raw.destroy();
  await server.stop();
});

const h = (route: string, method: string) => {
  const fn = routes[route]?.[method];
  if (!fn) throw new Error(`no ${method} on ${route}`);
  return fn;
};

async function newVersion(idea: string) {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { idea },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function generate(promptId: string, n = 1) {
  const res = await call(h("generate", "POST"), {
    method: "POST",
    body: { promptId, backend: "offline", params: { size: "512x512", n, seed: 11 } },
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 400; i++) {
    const g = GenerationWithImagesSchema.parse(await (await call(h("generation", "GET"), {}, { id })).json());
    if (g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("generation did not finish");
}

async function bucketKeys(): Promise<string[]> {
  const answer = await raw.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (answer.Contents ?? []).map((o) => o.Key ?? "").sort();
}

describe("STORAGE=s3 through the app", () => {
  it("generates into the bucket and serves the bytes with the same headers as the file store", async () => {
    const v = await newVersion("a lighthouse in fog");
    const done = await generate(v.id, 2);
    expect(done.status).toBe("succeeded");
    expect(done.images).toHaveLength(2);
    const [first] = done.images;
    if (!first) throw new Error("no image");

    // Every image row has both objects (the thumbnail follows the durable image); nothing went to DATA_DIR.
    await (await import("@/lib/store")).getImageFiles().settled();
    const keys = await bucketKeys();
    for (const image of done.images) {
      expect(keys).toContain(`images/${image.id}/full`);
      expect(keys).toContain(`images/${image.id}/thumb.webp`);
    }
    expect(existsSync(path.join(dataDir, "images"))).toBe(false);

    const file = await call(h("file", "GET"), { path: `/api/images/${first.id}/file` }, { id: first.id });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    // A PNG is revalidated by ETag: its recipe chunk follows the version's approval (issue 10).
    expect(file.headers.get("cache-control")).toBe("private, no-cache");
    expect(file.headers.get("etag")).toBeTruthy();
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toBeNull();
    const served = Buffer.from(await file.arrayBuffer());
    expect(file.headers.get("content-length")).toBe(String(served.byteLength));
    expect(served.byteLength).toBe(first.byteSize);
    const stored = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: `images/${first.id}/full` }));
    expect(Buffer.from((await stored.Body?.transformToByteArray()) ?? []).equals(served)).toBe(true);

    const thumb = await call(h("thumb", "GET"), { path: `/api/images/${first.id}/thumb` }, { id: first.id });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 512, 512]);

    const download = await call(
      h("file", "GET"),
      { path: `/api/images/${first.id}/file?download=1` },
      { id: first.id },
    );
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="/);

    // Deleting the image takes its row, then both objects.
    const del = await call(h("image", "DELETE"), { method: "DELETE" }, { id: first.id });
    expect(del.status).toBe(204);
    expect(await bucketKeys()).not.toContain(`images/${first.id}/full`);
    expect(await bucketKeys()).not.toContain(`images/${first.id}/thumb.webp`);
  });

  it("sweeps objects with no row at start, and keeps every object a row names", async () => {
    const { getImageFiles, getStore } = await import("@/lib/store");
    const { recoverAtStart } = await import("@/lib/jobs/recover");
    const kept = await generate((await newVersion("a kite over dunes")).id);
    const [image] = kept.images;
    if (!image) throw new Error("no image");
    // What a crash between the object and its row leaves behind.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } })
      .png()
      .toBuffer();
    await getImageFiles().put("orphan-1", png, "image/png");
    await getImageFiles().put("orphan-2", png, "image/png");
    expect(await getImageFiles().listIds()).toEqual(expect.arrayContaining(["orphan-1", "orphan-2", image.id]));

    await recoverAtStart();

    const ids = await getImageFiles().listIds();
    expect(ids).not.toContain("orphan-1");
    expect(ids).not.toContain("orphan-2");
    expect(ids).toContain(image.id);
    // No row without its object.
    for (const row of (await getStore().listImages({ limit: 100 })).items) expect(ids).toContain(row.id);
  });

  it("fails a generation clearly when the bucket does not exist, and writes no image row", async () => {
    const { getStore } = await import("@/lib/store");
    const v = await newVersion("a tram at night");
    await useStorage(server.endpoint, "no-such-bucket");
    try {
      const failed = await generate(v.id);
      expect(failed.status).toBe("failed");
      expect(failed.error).toEqual({
        code: "backend_unavailable",
        message: "The image storage is unavailable: the bucket does not exist (S3_BUCKET).",
      });
      expect(failed.images).toEqual([]);
      expect(await getStore().listImagesForGeneration(failed.id)).toEqual([]);
      // At start, the orphan sweep is the first to meet the bucket: the start stops, naming the variable.
      const { recoverAtStart } = await import("@/lib/jobs/recover");
      await expect(recoverAtStart()).rejects.toThrow(
        "The image storage is unavailable: the bucket does not exist (S3_BUCKET).",
      );
    } finally {
      await useStorage(server.endpoint);
    }
  });

  it("answers 503 backend_unavailable on reads and fails generations when the server is down", async () => {
    const { getStore } = await import("@/lib/store");
    const own = await startS3Server([BUCKET]);
    await useStorage(own.endpoint);
    try {
      const v = await newVersion("a red bicycle");
      const ok = await generate(v.id);
      const [image] = ok.images;
      if (!image) throw new Error("no image");
      await own.stop();

      for (const route of ["file", "thumb"]) {
        const res = await call(h(route, "GET"), { path: `/api/images/${image.id}/${route}` }, { id: image.id });
        const body = await expectError(res, 503, "backend_unavailable");
        expect(body.error.message).toBe(
          "The image storage is unavailable: it cannot be reached, ECONNREFUSED (S3_ENDPOINT).",
        );
      }

      const failed = await generate(v.id);
      expect(failed.status).toBe("failed");
      expect(failed.error?.code).toBe("backend_unavailable");
      expect(failed.error?.message).toMatch(/^The image storage is unavailable: it cannot be reached/);
      expect(await getStore().listImagesForGeneration(failed.id)).toEqual([]);
    } finally {
      await own.stop();
      await useStorage(server.endpoint);
    }
  });
});
