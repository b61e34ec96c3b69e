import "server-only";
import { log } from "@/lib/log";
import { formatForMime, type ImageFormat, makeThumbnail } from "./image-format";

/*
 * Thumbnails after the image is durable (issue 12): a generation is done when its full image
 * and its row are stored; the thumbnail (17 to 40 ms of sharp for a 1024² PNG on this machine)
 * is made after, in the background. A thumbnail asked for before it exists is made then, once:
 * a read waits for the one in progress in this process, and any instance can make a missing one
 * from the full image (with several instances the background one may lose that race; both write
 * the same bytes, atomically).
 */

type Storage = {
  writeThumb(id: string, bytes: Buffer): Promise<void>;
  readFull(id: string): Promise<{ bytes: Buffer; mime: string } | undefined>;
  /** The full image is still stored (a thumbnail made for a removed image is removed again). */
  fullExists(id: string): Promise<boolean>;
  removeThumb(id: string): Promise<void>;
};

export type DeferredThumbnails = {
  /** Makes and stores the thumbnail in the background; failures are logged, never thrown. */
  schedule(id: string, bytes: Uint8Array, format: ImageFormat): void;
  /**
   * Reads a thumbnail: the one in progress in this process when there is one (what is stored may
   * be about to change), else the stored one, else one made now from the full image.
   */
  read(id: string, readStored: () => Promise<Buffer | undefined>, makeMissing?: boolean): Promise<Buffer | undefined>;
  /** Resolves when every thumbnail in progress is stored (tests, shutdown). */
  settled(): Promise<void>;
};

export function deferredThumbnails(storage: Storage): DeferredThumbnails {
  const pending = new Map<string, Promise<Buffer | undefined>>();

  const make = (id: string, bytes: Uint8Array, format: ImageFormat) => {
    // Assigned before its first await resumes, so the check inside sees it.
    let work: Promise<Buffer | undefined> | undefined;
    work = (async () => {
      const thumb = await makeThumbnail(bytes, format);
      // The image was rewritten meanwhile (a put of new bytes): its own thumbnail is on the way.
      if (pending.get(id) !== work) return undefined;
      await storage.writeThumb(id, thumb);
      // Removed while the thumbnail was being made: take it back, or it outlives its image.
      if (!(await storage.fullExists(id))) {
        await storage.removeThumb(id);
        return undefined;
      }
      return thumb;
    })();
    const started = work;
    pending.set(id, started);
    const done = () => {
      if (pending.get(id) === started) pending.delete(id);
    };
    void started.then(done, done);
    return started;
  };

  return {
    schedule(id, bytes, format) {
      make(id, bytes, format).catch((e) =>
        log.warn("thumbnail failed; it will be made when asked for", { id, error: e }),
      );
    },
    async read(id, readStored, makeMissing = true) {
      // The one in progress, when it succeeds; when it fails (the storage is down), the storage's
      // own answer below says why.
      const made = await pending.get(id)?.catch(() => undefined);
      if (made) return made;
      const stored = await readStored();
      if (stored || !makeMissing) return stored;
      const full = await storage.readFull(id);
      if (!full) return undefined;
      return make(id, full.bytes, formatForMime(full.mime));
    },
    async settled() {
      await Promise.allSettled([...pending.values()]);
    },
  };
}
