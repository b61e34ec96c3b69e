import "server-only";
import { type RawBuilder, sql } from "kysely";

/*
 * An image's latest check (issue 11) inside another query: correlated subqueries on image_checks,
 * one seek on (image_id, created_at, id) per image, the same SQL on SQLite and Postgres. `imageId`
 * names the outer query's column holding the image's id ("img.id"). Its score needs none: triggers
 * keep it in images.latest_score (migration 0011).
 */

function latest(column: "items", imageId: string) {
  return sql`(SELECT c.${sql.ref(column)} FROM image_checks c WHERE c.image_id = ${sql.ref(imageId)} ORDER BY c.created_at DESC, c.id DESC LIMIT 1)`;
}

/**
 * True when the latest check has a miss (a `fail` item). Items are JSON text written by
 * image-check-queries.ts with JSON.stringify: a quote inside an item's text is escaped (\"), so
 * `"verdict":"fail"` appears only as a verdict, never inside a text or reason.
 */
export function latestHasMiss(imageId: string): RawBuilder<boolean> {
  return sql<boolean>`coalesce(${latest("items", imageId)} LIKE '%"verdict":"fail"%', false)`;
}
