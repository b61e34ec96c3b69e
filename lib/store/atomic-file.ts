import "server-only";
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import path from "node:path";

/** Temp files start with a dot, so they can never be mistaken for `<id>.<ext>` (ids have no dots). */
export const TEMP_PREFIX = ".tmp-";

/**
 * Readers see the old file or the new one, never half of one: write beside the target (same
 * filesystem, so rename is atomic), flush to disk, then rename over it.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(
    /*turbopackIgnore: true*/ dir,
    `${TEMP_PREFIX}${randomBytes(8).toString("hex")}-${path.basename(file)}`,
  );
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, "wx", 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable. Best effort: some platforms cannot open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // The data is written and renamed; only its survival of a power cut is less certain.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Removes temp files left by a crash. Only old ones: a younger file may be another process's
 * write in flight (two app instances, or a dev server and a script, sharing the directory).
 */
export function removeStaleTempFiles(dir: string, olderThanMs: number, now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(/*turbopackIgnore: true*/ dir, name);
    try {
      if (now - statSync(file).mtimeMs >= olderThanMs) rmSync(file, { force: true });
    } catch {
      // Gone already (another process cleaned it), or not ours to remove: either way, move on.
    }
  }
}
