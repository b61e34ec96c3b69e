import "server-only";
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Image, Page } from "@/lib/schemas";
import {
  type CursorKey,
  checkLimit,
  decodeCursor,
  decodeScoreCursor,
  encodeScoreCursor,
  type ScoreCursorKey,
  toPage,
} from "./cursor";
import type { Database } from "./database";
import { imageSearch } from "./image-search";
import { latestHasMiss } from "./latest-check";
import { imageFromRow, imageToRow, toDbTime } from "./row-mapping";
import type { ImageListFilter, ImageListQuery, ImageNeighbours, NewImage } from "./types";

/** Images with the prompt text and backend the entity carries. */
function selectImages(db: Kysely<Database>) {
  return db
    .selectFrom("images as img")
    .innerJoin("prompt_versions as pv", "pv.id", "img.prompt_id")
    .innerJoin("generations as g", "g.id", "img.generation_id")
    .selectAll("img")
    .select(["pv.prompt as prompt", "g.backend as backend"]);
}

export async function insertImages(db: Kysely<Database>, images: NewImage[]): Promise<void> {
  if (images.length === 0) return;
  await db.insertInto("images").values(images.map(imageToRow)).execute();
}

export async function findImage(db: Kysely<Database>, id: string): Promise<Image | undefined> {
  const row = await selectImages(db).where("img.id", "=", id).executeTakeFirst();
  return row && imageFromRow(row);
}

type ImageSelect = ReturnType<typeof selectImages>;

/**
 * The best-score order's first key: the score of the image's latest check (issue 11), kept in
 * images.latest_score by triggers (migration 0011), indexed with the keyset after it. Scores are
 * 0..1, so a never-checked image (-1) comes after them all. Not a column of database.ts's
 * ImagesTable: the triggers own it, no insert or mapping names it.
 */
const scoreKey = sql<number>`img.latest_score`;

/** A filter with its search condition worked out (image-search.ts: on SQLite that takes a query). */
type PlannedFilter = ImageListFilter & { search?: Expression<SqlBool> };

async function plan(db: Kysely<Database>, filter: ImageListFilter): Promise<PlannedFilter> {
  return { ...filter, search: await imageSearch(db, "img.prompt_id", filter.q) };
}

/**
 * The gallery's images narrowed by its filter. The one place the filter is applied: the list
 * and the image page's neighbours both start here, so Previous and Next walk the list shown.
 */
function filteredImages(db: Kysely<Database>, filter: PlannedFilter): ImageSelect {
  let select = selectImages(db);
  if (filter.ideaId !== undefined) select = select.where("img.idea_id", "=", filter.ideaId);
  if (filter.backend !== undefined) select = select.where("g.backend", "=", filter.backend);
  if (filter.favorite !== undefined) select = select.where("img.favorite", "=", filter.favorite ? 1 : 0);
  if (filter.model !== undefined) select = select.where("g.model", "=", filter.model);
  if (filter.seed !== undefined) select = select.where("img.seed", "=", filter.seed);
  if (filter.size !== undefined) {
    select = select.where("img.width", "=", filter.size.width).where("img.height", "=", filter.size.height);
  }
  if (filter.from !== undefined) select = select.where("img.created_at", ">=", toDbTime(filter.from));
  if (filter.to !== undefined) select = select.where("img.created_at", "<", toDbTime(filter.to));
  if (filter.search) select = select.where(filter.search);
  if (filter.checked !== undefined) select = select.where(scoreKey, filter.checked ? ">=" : "<", 0);
  // Never checked is -1 here, below any minScore (0..1): it is left out as it should be.
  if (filter.minScore !== undefined) select = select.where(scoreKey, ">=", filter.minScore);
  if (filter.hasMisses !== undefined) {
    const miss = latestHasMiss("img.id");
    select = select.where(filter.hasMisses ? miss : sql<boolean>`NOT ${miss}`);
  }
  return select;
}

/**
 * Best score first (issue 11): the latest check's score, then newest first, ties by id; never
 * checked last. The cursor is a (score, created_at, id) key in it.
 */
function bestFirst(select: ImageSelect) {
  return select
    .select(scoreKey.as("score_key"))
    .orderBy(scoreKey, "desc")
    .orderBy("img.created_at", "desc")
    .orderBy("img.id", "desc");
}

const scoreTuple = sql`(${scoreKey}, img.created_at, img.id)`;
const keyTuple = (key: ScoreCursorKey) => sql`(${key.score}, ${key.createdAt}, ${key.id})`;

/** The images after `key` in the best-score order. */
function lowerThan(select: ImageSelect, key: ScoreCursorKey): ImageSelect {
  return select.where(sql<boolean>`${scoreTuple} < ${keyTuple(key)}`);
}

/** The images before `key` in the best-score order, nearest first (so the reverse of it). */
function higherThan(select: ImageSelect, key: ScoreCursorKey) {
  return select
    .where(sql<boolean>`${scoreTuple} > ${keyTuple(key)}`)
    .orderBy(scoreKey, "asc")
    .orderBy("img.created_at", "asc")
    .orderBy("img.id", "asc");
}

/** Best score first (sort "score"): its own cursor, which carries the score. */
async function findImagesByScore(db: Kysely<Database>, query: ImageListQuery, limit: number): Promise<Page<Image>> {
  const select = filteredImages(db, await plan(db, query));
  const page = query.cursor === undefined ? select : lowerThan(select, decodeScoreCursor(query.cursor));
  const rows = await bestFirst(page)
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  // The raw row's key, not the entity's: the next page compares against exactly what is stored.
  const nextCursor =
    rows.length > limit && last
      ? encodeScoreCursor({ score: Number(last.score_key), createdAt: last.created_at, id: last.id })
      : null;
  return { items: items.map(imageFromRow), nextCursor };
}

/** The gallery's order: newest first, ties by id (descending). The cursor is a key in it. */
function newestFirst(select: ImageSelect): ImageSelect {
  return select.orderBy("img.created_at", "desc").orderBy("img.id", "desc");
}

/** The images after `key` in the gallery's order. */
function olderThan(select: ImageSelect, key: CursorKey): ImageSelect {
  return select.where(({ eb, refTuple, tuple }) =>
    eb(refTuple("img.created_at", "img.id"), "<", tuple(key.createdAt, key.id)),
  );
}

/** The images before `key` in the gallery's order, nearest first (so the reverse of it). */
function newerThan(select: ImageSelect, key: CursorKey): ImageSelect {
  return select
    .where(({ eb, refTuple, tuple }) => eb(refTuple("img.created_at", "img.id"), ">", tuple(key.createdAt, key.id)))
    .orderBy("img.created_at", "asc")
    .orderBy("img.id", "asc");
}

/** Newest first. Each word of q must appear in the idea's text or in the image's prompt (image-search.ts). */
export async function findImages(db: Kysely<Database>, query: ImageListQuery): Promise<Page<Image>> {
  const limit = checkLimit(query.limit);
  if (query.sort === "score") return findImagesByScore(db, query, limit);
  const select = filteredImages(db, await plan(db, query));
  const page = query.cursor === undefined ? select : olderThan(select, decodeCursor(query.cursor));
  const rows = await newestFirst(page)
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(imageFromRow), limit);
}

/**
 * The images either side of one in the gallery's order (newest first, ties by id), among those
 * the filter keeps: `previous` is the newer one shown before it, `next` the older one after it.
 * The image itself need not match the filter (it may have been unstarred since). Undefined when
 * the image does not exist.
 */
export async function findImageNeighbours(
  db: Kysely<Database>,
  id: string,
  filter: ImageListFilter = {},
): Promise<ImageNeighbours | undefined> {
  if (filter.sort === "score") return scoreNeighbours(db, id, filter);
  const at = await db.selectFrom("images").select(["id", "created_at"]).where("id", "=", id).executeTakeFirst();
  if (!at) return undefined;
  const key: CursorKey = { createdAt: at.created_at, id: at.id };
  const planned = await plan(db, filter);
  const [newer, older] = await Promise.all([
    newerThan(filteredImages(db, planned), key).limit(1).executeTakeFirst(),
    newestFirst(olderThan(filteredImages(db, planned), key))
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { previous: newer?.id ?? null, next: older?.id ?? null };
}

/** The image page's Previous and Next in the best-score order: the same walk as the gallery sorted so. */
async function scoreNeighbours(
  db: Kysely<Database>,
  id: string,
  filter: ImageListFilter,
): Promise<ImageNeighbours | undefined> {
  const at = await db
    .selectFrom("images as img")
    .select(["img.id", "img.created_at", scoreKey.as("score_key")])
    .where("img.id", "=", id)
    .executeTakeFirst();
  if (!at) return undefined;
  const key: ScoreCursorKey = { score: Number(at.score_key), createdAt: at.created_at, id: at.id };
  const planned = await plan(db, filter);
  const [higher, lower] = await Promise.all([
    higherThan(filteredImages(db, planned), key).limit(1).executeTakeFirst(),
    bestFirst(lowerThan(filteredImages(db, planned), key))
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { previous: higher?.id ?? null, next: lower?.id ?? null };
}

/** Oldest first: the order the backend returned them in. */
export async function findImagesForGeneration(db: Kysely<Database>, generationId: string): Promise<Image[]> {
  const rows = await selectImages(db)
    .where("img.generation_id", "=", generationId)
    .orderBy("img.created_at", "asc")
    .orderBy("img.id", "asc")
    .execute();
  return rows.map(imageFromRow);
}

export async function markFavorite(db: Kysely<Database>, id: string, favorite: boolean): Promise<Image | undefined> {
  await db
    .updateTable("images")
    .set({ favorite: favorite ? 1 : 0 })
    .where("id", "=", id)
    .execute();
  return findImage(db, id);
}

export async function removeImage(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("images").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
