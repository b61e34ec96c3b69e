import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { createFileImageStore } from "./file-image-store";
import { createPostgresStore } from "./postgres-store";
import { createS3ImageStore } from "./s3-image-store";
import { createSqliteStore } from "./sqlite-store";
import type { ImageFiles, Store } from "./types";

export { createFileImageStore } from "./file-image-store";
export { createS3ImageStore } from "./s3-image-store";
export { createPostgresStore } from "./postgres-store";
export { createSqliteStore } from "./sqlite-store";
export type * from "./types";

/*
 * One store per process. Kept on globalThis because Next's dev server re-evaluates modules on
 * every edit: a module-level variable would open a new connection each time.
 */
type Holder = { store?: Store; imageFiles?: ImageFiles };
const KEY = Symbol.for("promptsmith.store");

function holder(): Holder {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  g[KEY] ??= {};
  return g[KEY];
}

/**
 * DATABASE_URL (validated by lib/config.ts) means Postgres. Only the rows move there for now:
 * the job queue, its recovery at start, rate limits and the image files are still this
 * process's own, so one Postgres database serves ONE instance. Said at start, where it is chosen.
 */
function openPostgresStore(url: string): Store {
  // Host and database name only: never the user or the password.
  const { host, pathname } = new URL(url);
  log.warn(
    "store: Postgres; serve it from ONE instance only (the job queue, recovery and limits are still in-process)",
    { database: `${host}${pathname}` },
  );
  return createPostgresStore({ url });
}

export function getStore(): Store {
  const h = holder();
  if (!h.store) {
    const { dataDir, databaseUrl } = getConfig();
    h.store = databaseUrl ? openPostgresStore(databaseUrl) : createSqliteStore({ dataDir });
  }
  return h.store;
}

/** STORAGE (validated by lib/config.ts): files under DATA_DIR, or an S3-compatible bucket. */
export function getImageFiles(): ImageFiles {
  const h = holder();
  if (!h.imageFiles) {
    const { dataDir, storage } = getConfig();
    h.imageFiles =
      storage.kind === "s3"
        ? createS3ImageStore(storage)
        : createFileImageStore(path.join(/*turbopackIgnore: true*/ dataDir, "images"));
  }
  return h.imageFiles;
}

/** Tests only: closes the shared store so the next getStore() opens afresh (after a config change). */
export async function resetStoreForTests(): Promise<void> {
  const h = holder();
  const store = h.store;
  h.store = undefined;
  h.imageFiles = undefined;
  await store?.close();
}
