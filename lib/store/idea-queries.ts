import "server-only";
import type { Kysely } from "kysely";
import type { Idea, IdeaSummary, Page } from "@/lib/schemas";
import { checkLimit, decodeCursor, toPage } from "./cursor";
import type { Database } from "./database";
import { ideaFromRow, ideaToRow, versionToRow } from "./row-mapping";
import { columnContains, containsPattern, searchWords } from "./text-search";
import type { IdeaListQuery, NewIdea, NewPromptVersion } from "./types";

export async function insertIdeaWithVersion(
  db: Kysely<Database>,
  idea: NewIdea,
  version: NewPromptVersion,
): Promise<void> {
  if (version.ideaId !== idea.id) throw new Error("Promptsmith store: the first version must belong to its idea");
  await db.insertInto("ideas").values(ideaToRow(idea)).execute();
  await db.insertInto("prompt_versions").values(versionToRow(version)).execute();
}

export async function findIdea(db: Kysely<Database>, id: string): Promise<Idea | undefined> {
  const row = await db.selectFrom("ideas").selectAll().where("id", "=", id).executeTakeFirst();
  return row && ideaFromRow(row);
}

/** Newest first. Each word of q must appear in the idea's text or title, or in one of its prompts. */
export async function findIdeas(db: Kysely<Database>, query: IdeaListQuery): Promise<Page<IdeaSummary>> {
  const limit = checkLimit(query.limit);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

  let select = db
    .selectFrom("ideas as i")
    .selectAll("i")
    .select((eb) => [
      eb
        .selectFrom("prompt_versions as pv")
        .whereRef("pv.idea_id", "=", "i.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("version_count"),
      eb
        .selectFrom("images as im")
        .whereRef("im.idea_id", "=", "i.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("image_count"),
      eb
        .selectFrom("images as ci")
        .whereRef("ci.idea_id", "=", "i.id")
        .orderBy("ci.created_at", "desc")
        .orderBy("ci.id", "desc")
        .limit(1)
        .select("ci.id")
        .as("cover_image_id"),
    ]);

  if (after) {
    select = select.where(({ eb, refTuple, tuple }) =>
      eb(refTuple("i.created_at", "i.id"), "<", tuple(after.createdAt, after.id)),
    );
  }
  for (const word of searchWords(query.q)) {
    const pattern = containsPattern(word);
    select = select.where((eb) =>
      eb.or([
        columnContains("i.text", pattern),
        columnContains("i.title", pattern),
        eb.exists(
          eb
            .selectFrom("prompt_versions as sv")
            .whereRef("sv.idea_id", "=", "i.id")
            .where(columnContains("sv.prompt", pattern))
            .select("sv.id"),
        ),
      ]),
    );
  }

  const rows = await select
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .limit(limit + 1)
    .execute();
  const summaries: IdeaSummary[] = rows.map((row) => ({
    ...ideaFromRow(row),
    versionCount: row.version_count ?? 0,
    imageCount: row.image_count ?? 0,
    coverImageId: row.cover_image_id ?? null,
  }));
  return toPage(summaries, limit);
}

/** The image ids are read before the cascade takes the rows, so the caller can delete the files. */
export async function removeIdea(db: Kysely<Database>, id: string): Promise<{ deleted: boolean; imageIds: string[] }> {
  const images = await db.selectFrom("images").select("id").where("idea_id", "=", id).execute();
  const result = await db.deleteFrom("ideas").where("id", "=", id).executeTakeFirst();
  const deleted = result.numDeletedRows > 0n;
  return { deleted, imageIds: deleted ? images.map((row) => row.id) : [] };
}
