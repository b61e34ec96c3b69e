import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { createFileImageStore } from "./file-image-store";
import type { Kysely } from "kysely";
import type { Database } from "./database";
import { createPostgresStore, type PostgresStore } from "./postgres-store";
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
type Holder = { store?: Store; postgres?: PostgresStore; imageFiles?: ImageFiles };
const KEY = Symbol.for("promptsmith.store");

function holder(): Holder {
  const g = globalThis as typeof globalThis & { [KEY]?: Holder };
  g[KEY] ??= {};
  return g[KEY];
}

/** DATABASE_URL (validated by lib/config.ts) means Postgres, shared by any number of instances. */
function openPostgresStore(url: string): PostgresStore {
  // Host and database name only: never the user or the password.
  const { host, pathname } = new URL(url);
  log.info("store: Postgres", { database: `${host}${pathname}` });
  return createPostgresStore({ url });
}

export function getStore(): Store {
  const h = holder();
  if (!h.store) {
    const { dataDir, databaseUrl } = getConfig();
    if (databaseUrl) h.store = h.postgres = openPostgresStore(databaseUrl);
    else h.store = createSqliteStore({ dataDir });
  }
  return h.store;
}

/**
 * With DATABASE_URL: the store's database, migrated, for what the job lifecycle keeps in Postgres
 * (the queue, leases, cluster-wide limits). Undefined in the embedded mode.
 */
export function getSharedDatabase(): Promise<Kysely<Database>> | undefined {
  getStore();
  return holder().postgres?.database();
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
  h.postgres = undefined;
  h.imageFiles = undefined;
  await store?.close();
}
