import "server-only";
import type { Kysely } from "kysely";
import { CheckResultItemSchema, type ImageCheck } from "@/lib/schemas/checks";
import type { Database, ImageCheckRow } from "./database";
import { toDbTime } from "./row-mapping";
import type { NewImageCheck } from "./types";

/*
 * Image checks (issue 11). The rows ⇄ entity mapping lives beside the queries: the table is read
 * nowhere else. Reads are forgiving as row-mapping.ts's are: an item that no longer validates is
 * dropped rather than breaking the image page.
 */

function itemsFrom(text: string): ImageCheck["items"] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = CheckResultItemSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function imageCheckFromRow(row: ImageCheckRow): ImageCheck {
  return {
    imageId: row.image_id,
    judge: { id: row.judge_id, label: row.judge_label, model: row.judge_model },
    score: Math.min(1, Math.max(0, Number(row.score) || 0)),
    items: itemsFrom(row.items),
    createdAt: row.created_at,
  };
}

export function imageCheckToRow(check: NewImageCheck): ImageCheckRow {
  return {
    id: check.id,
    image_id: check.imageId,
    judge_id: check.judge.id,
    judge_label: check.judge.label,
    judge_model: check.judge.model,
    score: check.score,
    items: JSON.stringify(
      check.items.map(({ checkId, text, kind, verdict, reason }) => ({ checkId, text, kind, verdict, reason })),
    ),
    created_at: toDbTime(check.createdAt),
  };
}

/** The schema refuses a check of an image that does not exist (foreign key). */
export async function insertImageCheck(db: Kysely<Database>, check: NewImageCheck): Promise<void> {
  await db.insertInto("image_checks").values(imageCheckToRow(check)).execute();
}

export async function findLatestCheck(db: Kysely<Database>, imageId: string): Promise<ImageCheck | undefined> {
  const row = await db
    .selectFrom("image_checks")
    .selectAll()
    .where("image_id", "=", imageId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row && imageCheckFromRow(row);
}

/** Parameters per statement stay well under SQLite's and Postgres' limits. */
const CHUNK = 500;

/**
 * The latest check of each image: all rows of the images asked for, newest first, the first per
 * image kept. An image has few checks (one per check or fix round), so this reads little more
 * than a window function would, and runs the same on both dialects.
 */
export async function findLatestChecks(db: Kysely<Database>, imageIds: string[]): Promise<Map<string, ImageCheck>> {
  const latest = new Map<string, ImageCheck>();
  const ids = [...new Set(imageIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("image_checks")
      .selectAll()
      .where("image_id", "in", ids.slice(i, i + CHUNK))
      .orderBy("image_id")
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    for (const row of rows) if (!latest.has(row.image_id)) latest.set(row.image_id, imageCheckFromRow(row));
  }
  return latest;
}
