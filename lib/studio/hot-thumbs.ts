import "server-only";

/**
 * The thumbnails asked for most lately, by content address (`<image id>:<version>`, the version
 * being the prefix of the full image's SHA-256 that the URL carries), within a byte budget: a
 * gallery scrolled in many tabs, or a CDN revalidating, is answered from memory instead of the
 * disk or the bucket. A content address names bytes that never change, so an entry is never
 * stale; what can change is whether the image still exists, so each entry says when the store
 * last said it does (`verifiedAt`), and the server hook's fast lane (thumb-fast-lane.ts) serves
 * only entries verified within VERIFIED_MS; a removal in this process takes its entries out at once.
 * 8 MB is a few hundred WebP thumbnails (20 to 40 kB each at 512 px), the first screens of a
 * gallery, for a bounded and small share of the server's memory.
 */
export const HOT_THUMB_BYTES = 8 * 1024 * 1024;
/** How long the store's word that an image exists holds for the fast lane. */
export const VERIFIED_MS = 10_000;

export type HotThumb = { bytes: Uint8Array<ArrayBuffer>; type: string; etag: string; verifiedAt: number };

export type HotThumbs = {
  get(key: string): HotThumb | undefined;
  set(key: string, thumb: HotThumb): void;
  /** Takes out every entry of an image (a removal). */
  forget(imageId: string): void;
  readonly bytes: number;
  readonly size: number;
};

export const hotThumbKey = (imageId: string, version: string) => `${imageId}:${version}`;

export function hotThumbs(budget = HOT_THUMB_BYTES): HotThumbs {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recent.
  const entries = new Map<string, HotThumb>();
  let bytes = 0;
  const drop = (key: string) => {
    const found = entries.get(key);
    if (!found) return;
    entries.delete(key);
    bytes -= found.bytes.byteLength;
  };
  return {
    get(key) {
      const found = entries.get(key);
      if (found) {
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    set(key, thumb) {
      drop(key);
      // One larger than the whole budget would only push everything else out.
      if (thumb.bytes.byteLength > budget) return;
      entries.set(key, thumb);
      bytes += thumb.bytes.byteLength;
      for (const oldest of entries.keys()) {
        if (bytes <= budget) break;
        drop(oldest);
      }
    },
    forget(imageId) {
      for (const key of [...entries.keys()]) if (key.startsWith(`${imageId}:`)) drop(key);
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}

const KEY = Symbol.for("promptsmith.hot-thumbs");

/**
 * The process's one cache. On globalThis: the route (thumb-response.ts) and the server hook
 * (instrumentation's bundle) are separate module graphs in a Next build, and must share it.
 */
export function sharedHotThumbs(): HotThumbs {
  const g = globalThis as typeof globalThis & { [KEY]?: HotThumbs };
  g[KEY] ??= hotThumbs();
  return g[KEY];
}
