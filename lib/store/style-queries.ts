import "server-only";
import type { Kysely } from "kysely";
import type { OwnStyle, OwnStyleId, StyleInput } from "@/lib/schemas/styles";
import type { Database, StylesTable } from "./database";
import { toDbTime } from "./row-mapping";
import type { NewOwnStyle, OwnStyleSample, StyleSamplePatch } from "./types";

/** Deleted styles older than this are purged: long enough for Undo, short enough not to pile up. */
const KEEP_DELETED_MS = 24 * 60 * 60 * 1000;

/** Every column but the sample's bytes, which only GET /api/styles/:id/sample reads. */
const COLUMNS = [
  "id",
  "label",
  "description",
  "medium",
  "lighting",
  "palette",
  "camera",
  "detail",
  "negative",
  "sample_source",
  "sample_image_id",
  "created_at",
  "updated_at",
] as const;

type StyleRow = Pick<StylesTable, (typeof COLUMNS)[number]>;

function fromRow(row: StyleRow): OwnStyle {
  return {
    id: row.id as OwnStyleId,
    label: row.label,
    description: row.description,
    medium: row.medium,
    lighting: row.lighting,
    palette: row.palette,
    camera: row.camera,
    detail: row.detail,
    negative: row.negative,
    // Versioned by the last change, so a browser may keep it until the style changes.
    sample: `/api/styles/${row.id}/sample?v=${Date.parse(row.updated_at).toString(36)}`,
    sampleSource: row.sample_source === "image" ? "image" : "offline",
    sampleImageId: row.sample_image_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function partsOf(input: StyleInput) {
  return {
    label: input.label,
    description: input.description,
    medium: input.medium,
    lighting: input.lighting,
    palette: input.palette,
    camera: input.camera,
    detail: input.detail,
    negative: input.negative,
  };
}

/** Oldest first: the order they were made in, after the built-ins in every list. */
export async function findOwnStyles(db: Kysely<Database>): Promise<OwnStyle[]> {
  const rows = await db
    .selectFrom("styles")
    .select(COLUMNS)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(fromRow);
}

export async function findOwnStyle(db: Kysely<Database>, id: string): Promise<OwnStyle | undefined> {
  const row = await db
    .selectFrom("styles")
    .select(COLUMNS)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row && fromRow(row);
}

/** Undefined when the id is taken (by a live or a deleted style). */
export async function insertOwnStyle(db: Kysely<Database>, style: NewOwnStyle): Promise<OwnStyle | undefined> {
  const taken = await db.selectFrom("styles").select("id").where("id", "=", style.id).executeTakeFirst();
  if (taken) return undefined;
  const at = toDbTime(style.createdAt);
  const row: StylesTable = {
    id: style.id,
    ...partsOf(style.input),
    sample: null,
    sample_source: "offline",
    sample_image_id: null,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  };
  await db.insertInto("styles").values(row).execute();
  return fromRow(row);
}

/**
 * New words for a live style. An offline sample is dropped (it showed the old parts; the next ask
 * renders one of the new); a sample picked from the gallery stays, since the person chose it.
 */
export async function updateOwnStyle(
  db: Kysely<Database>,
  id: string,
  input: StyleInput,
  at: string,
): Promise<OwnStyle | undefined> {
  const found = await findOwnStyle(db, id);
  if (!found) return undefined;
  await db
    .updateTable("styles")
    .set({
      ...partsOf(input),
      updated_at: toDbTime(at),
      ...(found.sampleSource === "offline" ? { sample: null } : {}),
    })
    .where("id", "=", id)
    .execute();
  return findOwnStyle(db, id);
}

/** Marks it deleted (Undo restores it) and purges styles deleted more than a day before. */
export async function markStyleDeleted(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const done = await db
    .updateTable("styles")
    .set({ deleted_at: toDbTime(at) })
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  const cutoff = new Date(Date.parse(at) - KEEP_DELETED_MS).toISOString();
  await db.deleteFrom("styles").where("deleted_at", "is not", null).where("deleted_at", "<", cutoff).execute();
  return Number(done.numUpdatedRows) > 0;
}

/** Brings a deleted style back as it was; undefined when there is none to bring back. */
export async function unmarkStyleDeleted(db: Kysely<Database>, id: string): Promise<OwnStyle | undefined> {
  const done = await db
    .updateTable("styles")
    .set({ deleted_at: null })
    .where("id", "=", id)
    .where("deleted_at", "is not", null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0 ? findOwnStyle(db, id) : undefined;
}

export async function findStyleSample(db: Kysely<Database>, id: string): Promise<OwnStyleSample | undefined> {
  const row = await db
    .selectFrom("styles")
    .select(["sample", "updated_at"])
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    bytes: row.sample === null ? null : new Uint8Array(Buffer.from(row.sample, "base64")),
    updatedAt: row.updated_at,
  };
}

/**
 * Sets the sample. With `ifUpdatedAt`, only while the style is unchanged since then: an offline
 * sample rendered for parts that were edited meanwhile must not be kept for the new ones.
 * `touch`: a new sample the person asked for moves updatedAt (a new URL); a lazily rendered one does not.
 */
export async function updateStyleSample(
  db: Kysely<Database>,
  id: string,
  patch: StyleSamplePatch,
): Promise<OwnStyle | undefined> {
  let query = db
    .updateTable("styles")
    .set({
      sample: Buffer.from(patch.bytes).toString("base64"),
      sample_source: patch.source,
      sample_image_id: patch.imageId,
      ...(patch.touchedAt ? { updated_at: toDbTime(patch.touchedAt) } : {}),
    })
    .where("id", "=", id)
    .where("deleted_at", "is", null);
  if (patch.ifUpdatedAt) query = query.where("updated_at", "=", patch.ifUpdatedAt);
  const done = await query.executeTakeFirst();
  return Number(done.numUpdatedRows) > 0 ? findOwnStyle(db, id) : undefined;
}

/**
 * An import, in the caller's one transaction: an entry whose id exists (live or deleted) updates
 * that style and brings it back; any other is created. All or nothing is the transaction's.
 */
export async function upsertOwnStyles(
  db: Kysely<Database>,
  entries: readonly NewOwnStyle[],
): Promise<{ created: number; updated: number; items: OwnStyle[] }> {
  let created = 0;
  let updated = 0;
  for (const entry of entries) {
    const at = toDbTime(entry.createdAt);
    const exists = await db.selectFrom("styles").select("id").where("id", "=", entry.id).executeTakeFirst();
    if (exists) {
      await db
        .updateTable("styles")
        .set({
          ...partsOf(entry.input),
          sample: null,
          sample_source: "offline",
          sample_image_id: null,
          updated_at: at,
          deleted_at: null,
        })
        .where("id", "=", entry.id)
        .execute();
      updated++;
    } else {
      await insertOwnStyle(db, entry);
      created++;
    }
  }
  const ids = entries.map((e) => e.id);
  const items = ids.length === 0 ? [] : (await findOwnStyles(db)).filter((s) => ids.includes(s.id));
  return { created, updated, items };
}
