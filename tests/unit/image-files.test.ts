import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { createFileImageStore } from "@/lib/store";
import type { ImageFiles } from "@/lib/store/types";

let dir: string;
let files: ImageFiles;

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), "promptsmith-images-")), "images");
  files = createFileImageStore(dir);
});

afterEach(async () => {
  await files.settled();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

async function picture(width: number, height: number, format: "png" | "jpeg" | "webp" = "png"): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
  return base[format]().toBuffer();
}

const tempFiles = () => readdirSync(dir).filter((name) => name.includes("tmp"));

async function expectRejectedId(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("invalid_request");
}

describe("file image store", () => {
  it("writes the bytes and a WebP thumbnail at most 512 px on its longest side", async () => {
    const bytes = await picture(1200, 800);
    expect(await files.put("wide", bytes, "image/png")).toEqual({ byteSize: bytes.byteLength });

    expect(readFileSync(path.join(dir, "wide.png")).equals(bytes)).toBe(true);
    await files.settled(); // the thumbnail follows the durable image (issue 12)
    const thumb = await sharp(readFileSync(path.join(dir, "wide.thumb.webp"))).metadata();
    expect(thumb.format).toBe("webp");
    expect(Math.max(thumb.width, thumb.height)).toBe(512);
    expect(thumb.height).toBe(341);

    const tall = await picture(300, 2000, "jpeg");
    await files.put("tall", tall, "image/jpeg");
    await files.settled();
    const tallThumb = await sharp(readFileSync(path.join(dir, "tall.thumb.webp"))).metadata();
    expect(tallThumb.height).toBe(512);
    expect(tempFiles()).toEqual([]);
  });

  it("never enlarges a small image", async () => {
    await files.put("small", await picture(100, 60, "webp"), "image/webp");
    await files.settled();
    const thumb = await sharp(readFileSync(path.join(dir, "small.thumb.webp"))).metadata();
    expect([thumb.width, thumb.height]).toEqual([100, 60]);
  });

  it("makes a thumbnail asked for before the background one is stored, once, and none for a removed image", async () => {
    const bytes = await picture(1200, 800);
    await files.put("early", bytes, "image/png");
    // Asked at once: the read waits for the thumbnail in progress rather than answering nothing.
    const early = await files.read("early", "thumb");
    expect(early?.mime).toBe("image/webp");
    expect((await sharp(early?.bytes).metadata()).width).toBe(512);
    // A thumbnail lost (a crash between the image and its thumbnail) is made again when asked for.
    await files.settled();
    rmSync(path.join(dir, "early.thumb.webp"));
    expect((await files.read("early", "thumb"))?.bytes.equals(early?.bytes as Buffer)).toBe(true);
    expect(existsSync(path.join(dir, "early.thumb.webp"))).toBe(true);
    // Removed while its thumbnail is being made: no thumbnail outlives it.
    await files.put("brief", bytes, "image/png");
    await files.remove("brief");
    await files.settled();
    expect(existsSync(path.join(dir, "brief.thumb.webp"))).toBe(false);
    expect(await files.read("brief", "thumb")).toBeUndefined();
  });

  it("reads back identical bytes with the right type", async () => {
    const png = await picture(640, 480);
    const jpeg = await picture(640, 480, "jpeg");
    await files.put("p", png, "image/png");
    await files.put("j", jpeg, "image/jpeg");

    const full = await files.read("p", "full");
    expect(full?.mime).toBe("image/png");
    expect(full?.bytes.equals(png)).toBe(true);
    expect((await files.read("j", "full"))?.mime).toBe("image/jpeg");
    expect((await files.read("j", "full"))?.bytes.equals(jpeg)).toBe(true);
    expect(existsSync(path.join(dir, "j.jpeg"))).toBe(true);

    const thumb = await files.read("p", "thumb");
    expect(thumb?.mime).toBe("image/webp");
    expect((await sharp(thumb?.bytes).metadata()).format).toBe("webp");
    expect(await files.read("nobody", "full")).toBeUndefined();
    expect(await files.read("nobody", "thumb")).toBeUndefined();
  });

  it("replaces an image written again in another format", async () => {
    await files.put("x", await picture(64, 64), "image/png");
    const webp = await picture(64, 64, "webp");
    await files.put("x", webp, "image/webp");
    expect(existsSync(path.join(dir, "x.png"))).toBe(false);
    expect(await files.read("x", "full")).toEqual({ bytes: webp, mime: "image/webp" });
  });

  it("rejects ids that could walk the filesystem, before touching it", async () => {
    const bytes = await picture(32, 32);
    writeFileSync(path.join(path.dirname(dir), "secret.png"), bytes);
    for (const id of ["../secret", "..", "a/b", "a\\b", "a.b", "", "x".repeat(200), "%2e%2e", "ok\0"]) {
      await expectRejectedId(files.put(id, bytes, "image/png"));
      await expectRejectedId(files.read(id, "full"));
      await expectRejectedId(files.read(id, "thumb"));
      await expectRejectedId(files.remove(id));
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(path.dirname(dir), "secret.png"))).toBe(true);
  });

  it("refuses what it cannot store, and writes nothing", async () => {
    const png = await picture(32, 32);
    await expectRejectedId(files.put("gif", png, "image/gif"));
    await expectRejectedId(files.put("liar", png, "image/jpeg")); // the bytes say PNG
    await expectRejectedId(files.put("junk", new Uint8Array([1, 2, 3, 4]), "image/png"));
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves no full image behind when the thumbnail cannot be written", async () => {
    // A non-empty directory where the thumbnail goes makes the final rename fail.
    mkdirSync(path.join(dir, "blocked.thumb.webp", "inside"), { recursive: true });
    await expect(files.put("blocked", await picture(800, 600), "image/png")).rejects.toThrow();
    expect(existsSync(path.join(dir, "blocked.png"))).toBe(false);
    expect(tempFiles()).toEqual([]);
  });

  it("removes both files, and removing again (or something never stored) is fine", async () => {
    await files.put("gone", await picture(600, 600), "image/png");
    await files.remove("gone");
    expect(readdirSync(dir)).toEqual([]);
    await files.remove("gone");
    await files.remove("never-was");
    expect(await files.read("gone", "full")).toBeUndefined();
  });

  it("lists the ids on disk, orphaned thumbnails included, temp and foreign files not", async () => {
    await files.put("b", await picture(40, 40), "image/png");
    await files.put("a", await picture(40, 40, "jpeg"), "image/jpeg");
    writeFileSync(path.join(dir, "orphan.thumb.webp"), "x");
    writeFileSync(path.join(dir, ".tmp-0123-c.png"), "x");
    writeFileSync(path.join(dir, "notes.txt"), "x");
    expect(await files.listIds()).toEqual(["a", "b", "orphan"]);
  });

  it("cleans temp files left by a crash when it opens, but not a write in flight", async () => {
    const stale = path.join(dir, ".tmp-dead-x.png");
    const fresh = path.join(dir, ".tmp-live-y.png");
    writeFileSync(stale, "half");
    writeFileSync(fresh, "half");
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(stale, anHourAgo, anHourAgo);

    createFileImageStore(dir);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});
