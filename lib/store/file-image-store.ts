import "server-only";
import { mkdirSync } from "node:fs";
import { access, constants, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { removeStaleTempFiles, writeFileAtomic } from "./atomic-file";
import { deferredThumbnails } from "./deferred-thumbnails";
import { checkImageFormat, formatForMime, IMAGE_FORMATS, mimeForFormat, THUMB_MIME } from "./image-format";
import type { ImageFiles } from "./types";

const ID = /^[A-Za-z0-9_-]{1,128}$/;
const FULL_FILE = /^([A-Za-z0-9_-]+)\.(png|jpeg|webp)$/;
const THUMB_FILE = /^([A-Za-z0-9_-]+)\.thumb\.webp$/;
/** A write takes milliseconds; a temp file this old was left by a crash. */
const STALE_TEMP_MS = 10 * 60_000;

/** Ids become file names: anything but [A-Za-z0-9_-] could walk out of the directory. */
function checkId(id: string): string {
  if (!ID.test(id)) throw new AppError("invalid_request", "bad image id");
  return id;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** `<dir>/<id>.<png|jpeg|webp>` and `<dir>/<id>.thumb.webp`. */
export function createFileImageStore(dir: string): ImageFiles {
  const root = path.resolve(/*turbopackIgnore: true*/ dir);
  mkdirSync(root, { recursive: true });
  const removed = removeStaleTempFiles(root, STALE_TEMP_MS);
  if (removed > 0) log.warn("removed temp files left by an interrupted write", { dir: root, removed });

  const fullPath = (id: string, format: string) => path.join(/*turbopackIgnore: true*/ root, `${id}.${format}`);
  const thumbPath = (id: string) => path.join(/*turbopackIgnore: true*/ root, `${id}.thumb.webp`);

  const readFull = async (id: string) => {
    for (const format of IMAGE_FORMATS) {
      const bytes = await readIfExists(fullPath(id, format));
      if (bytes) return { bytes, mime: mimeForFormat(format) };
    }
    return undefined;
  };
  const thumbnails = deferredThumbnails({
    writeThumb: (id, bytes) => writeFileAtomic(thumbPath(id), bytes),
    readFull,
    // A stat, not a read: it runs after every put.
    fullExists: async (id) => {
      for (const format of IMAGE_FORMATS) {
        if (
          await access(fullPath(id, format)).then(
            () => true,
            () => false,
          )
        )
          return true;
      }
      return false;
    },
    removeThumb: (id) => rm(thumbPath(id), { force: true }),
  });

  return {
    async put(id, bytes, mime) {
      checkId(id);
      const format = formatForMime(mime);
      // Checked before anything touches the disk: a bad image fails here and leaves nothing.
      await checkImageFormat(bytes, format);
      // A rewrite must not leave the old thumbnail standing for the new image.
      await rm(thumbPath(id), { force: true });
      await writeFileAtomic(fullPath(id, format), bytes);
      // A rewrite in another format must not leave the old file for read() to find first.
      await Promise.all(IMAGE_FORMATS.filter((f) => f !== format).map((f) => rm(fullPath(id, f), { force: true })));
      // The image is durable: the thumbnail follows (lib/store/deferred-thumbnails.ts).
      thumbnails.schedule(id, bytes, format);
      return { byteSize: bytes.byteLength };
    },

    async read(id, kind, opts = {}) {
      checkId(id);
      if (kind === "thumb") {
        const bytes = await thumbnails.read(id, () => readIfExists(thumbPath(id)), opts.make);
        return bytes && { bytes, mime: THUMB_MIME };
      }
      return readFull(id);
    },

    settled: () => thumbnails.settled(),

    async remove(id) {
      checkId(id);
      await Promise.all([
        ...IMAGE_FORMATS.map((f) => rm(fullPath(id, f), { force: true })),
        rm(thumbPath(id), { force: true }),
      ]);
    },

    async listIds(opts = {}) {
      const ids = new Set<string>();
      const before = opts.writtenBefore?.getTime();
      for (const name of await readdir(root)) {
        const id = FULL_FILE.exec(name)?.[1] ?? THUMB_FILE.exec(name)?.[1];
        if (!id) continue;
        if (before !== undefined) {
          const written = await stat(path.join(root, name)).then(
            (s) => s.mtimeMs,
            () => undefined,
          );
          if (written === undefined || written >= before) continue;
        }
        ids.add(id);
      }
      return [...ids].sort();
    },

    async ping() {
      try {
        await access(root, constants.W_OK);
      } catch (e) {
        throw new AppError("backend_unavailable", "The image folder (DATA_DIR/images) cannot be written.", {
          cause: e,
        });
      }
    },
  };
}
