import "server-only";
import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { init } from "./0001-init";
import { iterating } from "./0002-iterating";
import { verbatimSource } from "./0003-verbatim-source";
import { jobLeases } from "./0004-job-leases";
import { queuePlaces } from "./0005-queue-places";
import { sharing } from "./0006-sharing";
import { ideaSearch } from "./0007-idea-search";
import { checklists } from "./0008-checklists";
import { imageChecks } from "./0009-image-checks";
import { fixLoops } from "./0010-fix-loops";
import { galleryScale } from "./0011-gallery-scale";
import { imageContentHash } from "./0012-image-content-hash";
import { ownStyles } from "./0013-own-styles";
import { houseRules } from "./0014-house-rules";
import { searchPrefixIndex } from "./0016-search-prefix-index";
import { isPostgres } from "./dialect";

/** Names sort in the order they run; never rename or edit one that has shipped, add the next. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_init": init,
  "0002_iterating": iterating,
  "0003_verbatim_source": verbatimSource,
  "0004_job_leases": jobLeases,
  "0005_queue_places": queuePlaces,
  "0006_sharing": sharing,
  "0007_idea_search": ideaSearch,
  "0008_checklists": checklists,
  "0009_image_checks": imageChecks,
  "0010_fix_loops": fixLoops,
  "0011_gallery_scale": galleryScale,
  "0012_image_content_hash": imageContentHash,
  "0013_own_styles": ownStyles,
  "0014_house_rules": houseRules,
  "0016_search_prefix_index": searchPrefixIndex,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/** Applies what is missing; a no-op on an up-to-date database. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  // A migration that rebuilds a table (SQLite's way to change a constraint) must not cascade
  // its DROP to the rows that point at it; the pragma is a no-op inside a transaction, so it is
  // set here, around the migrator's, and each rebuild checks the keys itself before committing.
  // Postgres alters constraints in place and has no such pragma.
  const sqlite = !isPostgres(db);
  if (sqlite) await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    let { error } = await migrator.migrateToLatest();
    if (error) {
      // Two processes opening a brand-new file at once race on Kysely's bookkeeping tables; the
      // loser finds everything in place on a second pass. A real failure fails twice.
      await new Promise((resolve) => setTimeout(resolve, 50));
      ({ error } = await migrator.migrateToLatest());
    }
    if (error) throw new Error("Promptsmith: the database migration failed", { cause: error });
  } finally {
    if (sqlite) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}
