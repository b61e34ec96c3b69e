import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createS3ImageStore } from "@/lib/store";
import type { ImageFiles } from "@/lib/store/types";
import { type S3TestServer, startS3Server } from "./s3-server";

const BUCKET = "promptsmith-images";
let server: S3TestServer;
let raw: S3Client;

beforeAll(async () => {
  server = await startS3Server([BUCKET]);
  raw = new S3Client({ endpoint: server.endpoint, region: "us-east-1", forcePathStyle: true });
});

afterAll(async () => {
  raw.destroy();
  await server.stop();
});

const store = (options: { bucket?: string; endpoint?: string; pageSize?: number } = {}): ImageFiles =>
  createS3ImageStore({
    bucket: options.bucket ?? BUCKET,
    endpoint: options.endpoint ?? server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    pageSize: options.pageSize,
  });

async function picture(width: number, height: number, format: "png" | "jpeg" | "webp" = "png"): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
  return base[format]().toBuffer();
}

async function objectBytes(key: string): Promise<Buffer> {
  const answer = await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("S3 image store against s3rver", () => {
  it("puts the bytes and the file store's WebP thumbnail, and reads both back", async () => {
    const files = store();
    const bytes = await picture(1200, 800);
    expect(await files.put("wide", bytes, "image/png")).toEqual({ byteSize: bytes.byteLength });

    // Stored as they came, under one prefix per id.
    expect((await objectBytes("images/wide/full")).equals(bytes)).toBe(true);
    const full = await files.read("wide", "full");
    expect(full?.mime).toBe("image/png");
    expect(full?.bytes.equals(bytes)).toBe(true);

    const thumb = await files.read("wide", "thumb");
    expect(thumb?.mime).toBe("image/webp");
    const meta = await sharp(thumb?.bytes).metadata();
    expect(meta.format).toBe("webp");
    expect([meta.width, meta.height]).toEqual([512, 341]);

    // A rewrite in another format replaces the bytes and their type.
    const jpeg = await picture(300, 2000, "jpeg");
    await files.put("wide", jpeg, "image/jpeg");
    const again = await files.read("wide", "full");
    expect(again?.mime).toBe("image/jpeg");
    expect(again?.bytes.equals(jpeg)).toBe(true);
    const tallThumb = await sharp((await files.read("wide", "thumb"))?.bytes).metadata();
    expect([tallThumb.width, tallThumb.height]).toEqual([77, 512]);
  });

  it("refuses a mislabelled image before anything reaches the bucket", async () => {
    const files = store();
    const before = await files.listIds();
    const error = await failure(files.put("liar", await picture(20, 20, "jpeg"), "image/png"));
    expect(error.code).toBe("invalid_request");
    expect((await failure(files.put("junk", Buffer.from("not an image"), "image/png"))).code).toBe("invalid_request");
    expect(await files.listIds()).toEqual(before);
    expect(await files.read("liar", "full")).toBeUndefined();
  });

  it("refuses ids that are not ids, on every method", async () => {
    const files = store();
    for (const bad of ["../x", "a/b", "", "a.b", "x".repeat(129)]) {
      expect((await failure(files.put(bad, await picture(4, 4), "image/png"))).code).toBe("invalid_request");
      expect((await failure(files.read(bad, "full"))).code).toBe("invalid_request");
      expect((await failure(files.remove(bad))).code).toBe("invalid_request");
    }
  });

  it("reads nothing for an unknown id, and removes both objects (twice is fine)", async () => {
    const files = store();
    expect(await files.read("never-written", "full")).toBeUndefined();
    expect(await files.read("never-written", "thumb")).toBeUndefined();

    await files.put("gone", await picture(10, 10), "image/png");
    await files.remove("gone");
    expect(await files.read("gone", "full")).toBeUndefined();
    expect(await files.read("gone", "thumb")).toBeUndefined();
    await files.remove("gone");
    expect(await files.listIds()).not.toContain("gone");
  });

  it("lists every id across ListObjectsV2 pages, ignoring keys that are not ours", async () => {
    const bucket = "promptsmith-paging";
    const paging = await startS3Server([bucket]);
    try {
      const files = createS3ImageStore({
        bucket,
        endpoint: paging.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        // Two objects per id (bytes and thumbnail): 7 ids are 14 keys, 5 pages of 3.
        pageSize: 3,
      });
      const small = await picture(4, 4);
      const ids = ["g", "a", "f", "b", "e", "c", "d"];
      for (const id of ids) await files.put(id, small, "image/png");
      const other = new S3Client({ endpoint: paging.endpoint, region: "us-east-1", forcePathStyle: true });
      await other.send(new PutObjectCommand({ Bucket: bucket, Key: "notes.txt", Body: "hello" }));
      await other.send(new PutObjectCommand({ Bucket: bucket, Key: "images/h/other", Body: "x" }));
      // A thumbnail alone (a crash between the two writes) is still an id to sweep.
      await other.send(new PutObjectCommand({ Bucket: bucket, Key: "images/z/thumb.webp", Body: "x" }));
      other.destroy();

      expect(await files.listIds()).toEqual([...ids, "z"].sort());
      // The default page (1000) sees the same.
      const onePage = createS3ImageStore({
        bucket,
        endpoint: paging.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
      });
      expect(await onePage.listIds()).toEqual([...ids, "z"].sort());
    } finally {
      await paging.stop();
    }
  });

  it("pings a bucket that answers", async () => {
    await expect(store().ping()).resolves.toBeUndefined();
  });

  it("says the bucket does not exist, naming S3_BUCKET, on every method", async () => {
    const files = store({ bucket: "no-such-bucket" });
    const errors = [
      await failure(files.ping()),
      await failure(files.read("any", "full")),
      await failure(files.put("any", await picture(4, 4), "image/png")),
      await failure(files.listIds()),
    ];
    for (const error of errors) {
      expect(error.code).toBe("backend_unavailable");
      expect(error.status).toBe(503);
      expect(error.message).toBe("The image storage is unavailable: the bucket does not exist (S3_BUCKET).");
    }
  });

  it("says access was denied for unknown credentials, naming their variables", async () => {
    // s3rver checks the access key id, not SigV4 signatures: an unknown key id is its refusal.
    const right = process.env.AWS_ACCESS_KEY_ID;
    // The SDK's chain reads the environment when a client first signs a request.
    process.env.AWS_ACCESS_KEY_ID = "NOT-A-KEY";
    try {
      const files = store();
      for (const attempt of [() => files.ping(), () => files.read("any", "full"), () => files.listIds()]) {
        const error = await failure(attempt());
        expect(error.code).toBe("backend_unavailable");
        expect(error.message).toBe(
          "The image storage is unavailable: access was denied (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).",
        );
      }
    } finally {
      process.env.AWS_ACCESS_KEY_ID = right;
    }
  });

  it("says a server that is down cannot be reached, naming S3_ENDPOINT", async () => {
    const down = await startS3Server([BUCKET]);
    const files = store({ endpoint: down.endpoint });
    await files.put("before", await picture(4, 4), "image/png");
    await down.stop();
    const small = await picture(4, 4);
    for (const attempt of [
      () => files.ping(),
      () => files.read("before", "full"),
      () => files.put("after", small, "image/png"),
      () => files.remove("before"),
      () => files.listIds(),
    ]) {
      const error = await failure(attempt());
      expect(error.code).toBe("backend_unavailable");
      expect(error.message).toMatch(
        /^The image storage is unavailable: it cannot be reached, ECONNREFUSED \(S3_ENDPOINT\)\.$/,
      );
    }
  });
});

describe("STORAGE configuration", () => {
  const saved = { ...process.env };
  const configWith = async (env: Record<string, string | undefined>) => {
    const { getConfig, resetConfigForTests } = await import("@/lib/config");
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfigForTests();
    try {
      return getConfig();
    } finally {
      process.env = { ...saved };
      resetConfigForTests();
    }
  };

  it("defaults to files, and reads the S3 variables with STORAGE=s3", async () => {
    expect((await configWith({ STORAGE: undefined })).storage).toEqual({ kind: "files" });
    expect((await configWith({ STORAGE: "s3", S3_BUCKET: "b-1", S3_REGION: undefined })).storage).toEqual({
      kind: "s3",
      bucket: "b-1",
      endpoint: undefined,
      region: "us-east-1",
      forcePathStyle: false,
    });
    expect(
      (
        await configWith({
          STORAGE: "s3",
          S3_BUCKET: "b-1",
          S3_ENDPOINT: "http://127.0.0.1:9000",
          S3_REGION: "auto",
          S3_FORCE_PATH_STYLE: "TRUE",
        })
      ).storage,
    ).toEqual({ kind: "s3", bucket: "b-1", endpoint: "http://127.0.0.1:9000", region: "auto", forcePathStyle: true });
  });

  it("refuses STORAGE=s3 without S3_BUCKET, and bad values, naming the variable", async () => {
    await expect(configWith({ STORAGE: "s3", S3_BUCKET: "" })).rejects.toThrow(/S3_BUCKET: required when STORAGE=s3/);
    await expect(configWith({ STORAGE: "disk" })).rejects.toThrow(/STORAGE:/);
    await expect(configWith({ STORAGE: "s3", S3_BUCKET: "b", S3_ENDPOINT: "not a url" })).rejects.toThrow(
      /S3_ENDPOINT:/,
    );
    await expect(configWith({ STORAGE: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "maybe" })).rejects.toThrow(
      /S3_FORCE_PATH_STYLE:/,
    );
  });

  it("scrubs AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from log text", async () => {
    const { resetConfigForTests } = await import("@/lib/config");
    const { scrubSecrets } = await import("@/lib/log");
    process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz";
    process.env.AWS_SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    resetConfigForTests();
    try {
      const text = scrubSecrets(
        "secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz and wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYzzzzzzzzzz, token FwoGZXIvYXdzEXAMPLETOKEN",
      );
      expect(text).not.toMatch(/wJalrXUtnFEMI|FwoGZXIvYXdz/);
      expect(text).toContain("[redacted]");
    } finally {
      process.env = { ...saved };
      resetConfigForTests();
    }
  });
});
