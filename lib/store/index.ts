import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { createFileImageStore } from "./file-image-store";
import { createSqliteStore } from "./sqlite-store";
import type { ImageFiles, Store } from "./types";

export { createFileImageStore } from "./file-image-store";
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

export function getStore(): Store {
  const h = holder();
  if (!h.store) {
    const { dataDir, databaseUrl } = getConfig();
    // Better to refuse than to write quietly to SQLite while the operator expects Postgres.
    if (databaseUrl) {
      throw new Error(
        "Promptsmith: DATABASE_URL is set, but the Postgres store is not available yet; unset it to use SQLite.",
      );
    }
    h.store = createSqliteStore({ dataDir });
  }
  return h.store;
}

export function getImageFiles(): ImageFiles {
  const h = holder();
  h.imageFiles ??= createFileImageStore(path.join(/*turbopackIgnore: true*/ getConfig().dataDir, "images"));
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
