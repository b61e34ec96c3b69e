import "server-only";
import { type Kysely, type Migration, Migrator } from "kysely";
import { init } from "./0001-init";
import { iterating } from "./0002-iterating";

/** Names sort in the order they run; never rename or edit one that has shipped, add the next. */
const MIGRATIONS: Record<string, Migration> = {
  "0001_init": init,
  "0002_iterating": iterating,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/** Applies what is missing; a no-op on an up-to-date database. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  let { error } = await migrator.migrateToLatest();
  if (error) {
    // Two processes opening a brand-new file at once race on Kysely's bookkeeping tables; the
    // loser finds everything in place on a second pass. A real failure fails twice.
    await new Promise((resolve) => setTimeout(resolve, 50));
    ({ error } = await migrator.migrateToLatest());
  }
  if (error) throw new Error("Promptsmith: the database migration failed", { cause: error });
}
