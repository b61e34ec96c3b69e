import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import { type FileHandle, open, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

/** Temp files start with a dot, so they can never be mistaken for `<id>.<ext>` (ids have no dots). */
export const TEMP_PREFIX = ".tmp-";

/**
 * A temp file's name says who writes it: `.tmp-<host>-<pid>-<random>-<target name>`. After a
 * crash, the next process on the same host can tell a dead writer's leftovers (remove at once)
 * from a live writer's file in flight (leave alone), without waiting for them to grow old.
 */
const HOST = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
const OWNED = /^\.tmp-([0-9a-f]{8})-(\d+)-[0-9a-f]{16}-/;

// The writes of this process in flight; on globalThis so Next's dev reloads share one set.
const key = Symbol.for("promptsmith.tempFilesInFlight");
const g = globalThis as unknown as Record<symbol, Set<string> | undefined>;
const inFlight: Set<string> = g[key] ?? new Set();
g[key] = inFlight;

export function tempNameFor(file: string): string {
  return `${TEMP_PREFIX}${HOST}-${process.pid}-${randomBytes(8).toString("hex")}-${path.basename(file)}`;
}

/**
 * Readers see the old file or the new one, never half of one: write beside the target (same
 * filesystem, so rename is atomic), flush to disk, then rename over it.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(/*turbopackIgnore: true*/ dir, tempNameFor(file));
  inFlight.add(temp);
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
  } finally {
    inFlight.delete(temp);
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it just is not ours to signal.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether a temp file was left by a writer that is gone: a dead process on this host, or this one (not in flight). */
function leftByTheDead(name: string, file: string): boolean {
  const match = OWNED.exec(name);
  if (!match || match[1] !== HOST) return false;
  const pid = Number(match[2]);
  // The same pid as ours: a previous life of this server (containers reuse pid 1), or our own write.
  if (pid === process.pid) return !inFlight.has(file);
  return !isAlive(pid);
}

/**
 * Removes temp files left by a crash: at once when their writer is known dead (same host, its
 * process gone), otherwise only old ones: a younger file may be another process's write in
 * flight (two app instances, or a dev server and a script, sharing the directory; or another
 * host on a shared volume). Returns how many went.
 */
export function removeStaleTempFiles(dir: string, olderThanMs: number, now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const file = path.join(/*turbopackIgnore: true*/ dir, name);
    try {
      if (leftByTheDead(name, file) || now - statSync(file).mtimeMs >= olderThanMs) {
        rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone already (another process cleaned it), or not ours to remove: either way, move on.
    }
  }
  return removed;
}
