import "server-only";
import sharp from "sharp";

/**
 * sharp, set up once for a long-running server that handles each image once. Import it from here
 * (not from "sharp") so the settings hold wherever images are read or written.
 *
 * - No libvips operation cache: by default it keeps the last 100 operations (up to 50 MB with
 *   their pixels) for a repeat of the same operation on the same input, which never comes here:
 *   every image is decoded, checked or thumbnailed once, and a repeat read of a thumbnail is a
 *   file. The cache only held memory (100 items after 22 generations in `npm run bench -- weight`).
 * - One libvips thread per operation: images are small (≤ 2048²) and several requests run at
 *   once on libuv's pool anyway, so extra threads per image buy little on a 2-core machine and
 *   each one gets its own glibc malloc arena that grows and stays. (sharp picks 1 itself under
 *   glibc, but not when MALLOC_ARENA_MAX is set, as scripts/start.mjs does: this says it.)
 */
sharp.cache(false);
sharp.concurrency(1);

export { sharp };
