import "server-only";
import type { Kysely } from "kysely";
import type { Image, Page } from "@/lib/schemas";
import { checkLimit, decodeCursor, toPage } from "./cursor";
import type { Database } from "./database";
import { imageFromRow, imageToRow } from "./row-mapping";
import { columnContains, containsPattern, searchWords } from "./text-search";
import type { ImageListQuery, ImageNeighbours, NewImage } from "./types";

/** Images with the prompt text and backend the entity carries. */
function selectImages(db: Kysely<Database>) {
  return db
    .selectFrom("images as img")
    .innerJoin("prompt_versions as pv", "pv.id", "img.prompt_id")
    .innerJoin("generations as g", "g.id", "img.generation_id")
    .innerJoin("ideas as i", "i.id", "img.idea_id")
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

/** Newest first. Each word of q must appear in the idea's text or in the image's prompt. */
export async function findImages(db: Kysely<Database>, query: ImageListQuery): Promise<Page<Image>> {
  const limit = checkLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

  let select = selectImages(db);
  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("img.created_at", "img.id"), "<", tuple(after.createdAt, after.id)),
    );
  }
  if (query.ideaId !== undefined) select = select.where("img.idea_id", "=", query.ideaId);
  if (query.backend !== undefined) select = select.where("g.backend", "=", query.backend);
  if (query.favorite !== undefined) select = select.where("img.favorite", "=", query.favorite ? 1 : 0);
  for (const word of searchWords(query.q)) {
    const pattern = containsPattern(word);
    select = select.where((eb) => eb.or([columnContains("i.text", pattern), columnContains("pv.prompt", pattern)]));
  }

  const rows = await select
    .orderBy("img.created_at", "desc")
    .orderBy("img.id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(imageFromRow), limit);
}

/**
 * The images either side of one in the gallery's order (newest first, ties by id):
 * `previous` is the newer one shown before it, `next` the older one after it. Undefined when
 * the image does not exist.
 */
export async function findImageNeighbours(db: Kysely<Database>, id: string): Promise<ImageNeighbours | undefined> {
  const at = await db.selectFrom("images").select(["id", "created_at"]).where("id", "=", id).executeTakeFirst();
  if (!at) return undefined;
  const [newer, older] = await Promise.all([
    selectImages(db)
      .where(({ eb, refTuple, tuple }) => eb(refTuple("img.created_at", "img.id"), ">", tuple(at.created_at, at.id)))
      .orderBy("img.created_at", "asc")
      .orderBy("img.id", "asc")
      .limit(1)
      .executeTakeFirst(),
    selectImages(db)
      .where(({ eb, refTuple, tuple }) => eb(refTuple("img.created_at", "img.id"), "<", tuple(at.created_at, at.id)))
      .orderBy("img.created_at", "desc")
      .orderBy("img.id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { previous: newer?.id ?? null, next: older?.id ?? null };
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
