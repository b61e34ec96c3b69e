import "server-only";
import type { Kysely } from "kysely";
import type { LibraryEntry, Page } from "@/lib/schemas";
import { checkLimit, decodeCursor, toPage } from "./cursor";
import type { Database } from "./database";
import { libraryEntryFromRow, libraryEntryToRow } from "./row-mapping";
import { columnContains, containsPattern, searchWords } from "./text-search";
import type { LibraryListQuery, NewLibraryStar } from "./types";

export async function findLibraryEntry(db: Kysely<Database>, id: string): Promise<LibraryEntry | undefined> {
  const row = await db.selectFrom("library_entries").selectAll().where("id", "=", id).executeTakeFirst();
  return row && libraryEntryFromRow(row);
}

/** Run in one transaction, so two stars of one version cannot both insert (the unique index would refuse anyway). */
export async function starVersionRow(
  db: Kysely<Database>,
  star: NewLibraryStar,
): Promise<{ entry: LibraryEntry; created: boolean } | undefined> {
  const existing = await db
    .selectFrom("library_entries")
    .select("id")
    .where("version_id", "=", star.versionId)
    .executeTakeFirst();
  if (existing) {
    const entry = await renameEntry(db, existing.id, star.name);
    return entry && { entry, created: false };
  }
  const source = await db
    .selectFrom("prompt_versions as pv")
    .innerJoin("ideas as i", "i.id", "pv.idea_id")
    .select([
      "pv.id as version_id",
      "pv.idea_id as idea_id",
      "i.text as idea_text",
      "pv.prompt as prompt",
      "pv.negative_prompt as negative_prompt",
      "pv.style as style",
      "pv.dialect as dialect",
      "pv.parts as parts",
    ])
    .where("pv.id", "=", star.versionId)
    .executeTakeFirst();
  if (!source) return undefined;
  const row = { ...source, id: star.id, name: star.name, created_at: star.createdAt };
  const entry = libraryEntryFromRow(row);
  await db.insertInto("library_entries").values(libraryEntryToRow(entry)).execute();
  return { entry, created: true };
}

/** Newest first. Each word of q must appear in the name, the prompt or the idea text. */
export async function findLibrary(db: Kysely<Database>, query: LibraryListQuery): Promise<Page<LibraryEntry>> {
  const limit = checkLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  let select = db.selectFrom("library_entries as le").selectAll("le");
  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("le.created_at", "le.id"), "<", tuple(after.createdAt, after.id)),
    );
  }
  for (const word of searchWords(query.q)) {
    const pattern = containsPattern(word);
    select = select.where((eb) =>
      eb.or([
        columnContains("le.name", pattern),
        columnContains("le.prompt", pattern),
        columnContains("le.idea_text", pattern),
      ]),
    );
  }
  const rows = await select
    .orderBy("le.created_at", "desc")
    .orderBy("le.id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows.map(libraryEntryFromRow), limit);
}

export async function findLibraryForIdea(db: Kysely<Database>, ideaId: string): Promise<LibraryEntry[]> {
  const rows = await db
    .selectFrom("library_entries")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(libraryEntryFromRow);
}

export async function renameEntry(db: Kysely<Database>, id: string, name: string): Promise<LibraryEntry | undefined> {
  await db.updateTable("library_entries").set({ name }).where("id", "=", id).execute();
  return findLibraryEntry(db, id);
}

export async function removeLibraryEntry(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("library_entries").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
