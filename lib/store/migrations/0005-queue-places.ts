import "server-only";
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "./dialect";

/*
 * What several instances on one Postgres database must agree on (issue 9):
 * - queue_places: the per-client cap on generations queued or running (lib/jobs/postgres-client-cap.ts).
 *   A place names its generation (job_id = generations.id) but has no foreign key: it is taken
 *   before the generation's row exists, and a place whose row never came is simply not counted
 *   after a while.
 * - shared_secrets: by name, the random secrets every instance must share; today "session", the
 *   cookie key when SESSION_SECRET is not set (lib/auth/shared-session-secret.ts).
 * Both dialects get both tables, so the schema is one; the embedded mode keeps its cap in memory
 * and its session secret in DATA_DIR, and leaves them empty.
 */
export const queuePlaces: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const t = columnTypes(db);
    await db.schema
      .createTable("queue_places")
      .addColumn("job_id", t.text, (c) => c.primaryKey().notNull())
      .addColumn("client_key", t.text, (c) => c.notNull())
      .addColumn("reserved_at", t.text, (c) => c.notNull())
      .execute();
    // "This client's places", under its lock, on every reserve.
    await db.schema.createIndex("queue_places_client").on("queue_places").column("client_key").execute();
    await db.schema
      .createTable("shared_secrets")
      .addColumn("name", t.text, (c) => c.primaryKey().notNull())
      .addColumn("value", t.text, (c) => c.notNull())
      .addColumn("created_at", t.text, (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("shared_secrets").execute();
    await db.schema.dropTable("queue_places").execute();
  },
};
