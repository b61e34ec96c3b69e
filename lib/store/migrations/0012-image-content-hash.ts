import "server-only";
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "./dialect";

/*
 * Content-addressed thumbnails (issue 12): images.content_hash is the SHA-256 (hex) of the full
 * image's bytes as stored, written with the row. Its prefix versions the thumbnail's URL
 * (lib/client/thumb-url.ts), so a thumbnail can be cached for a year: other bytes, another URL.
 * Images stored before this migration keep NULL; their thumbnails are served without a version
 * and revalidated by ETag, as before.
 */
export const imageContentHash: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("images").addColumn("content_hash", columnTypes(db).text).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("images").dropColumn("content_hash").execute();
  },
};
