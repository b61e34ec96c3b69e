import "server-only";
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import type { Idea, IdeaSummary, IdeaThumb, Page } from "@/lib/schemas";
import { checkLimit, decodeCursor, decodeScoreCursor, encodeCursor, encodeScoreCursor } from "./cursor";
import type { Database } from "./database";
import { ideaMatches, ideaSearchWords } from "./idea-search";
import { latestHasMiss } from "./latest-check";
import { ideaFromRow, ideaToRow, toDbTime, versionToRow } from "./row-mapping";
import type { IdeaListFilter, IdeaListQuery, NewIdea, NewPromptVersion } from "./types";

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

const THUMBS_PER_IDEA = 6;

/**
 * The best-score order's first key: its best image's latest check score (issue 11), kept in
 * ideas.best_score by triggers (migration 0011) and indexed with the keyset after it. Scores are
 * 0..1, so an idea with no checked image (-1) comes after them all.
 */
const scoreKey = sql<number>`i.best_score`;

/**
 * Most recent activity first (ideas.last_activity_at, kept by triggers: migration 0007), paged
 * by the keyset (last_activity_at, id). An idea worked on while someone pages moves to the top:
 * pages already read do not show it again, later pages do not repeat it. sort "score" (issue 11):
 * the best latest-check score of its images first, then most recent activity; its cursor carries
 * the score (lib/store/cursor.ts), so one order's cursor is refused by the other.
 */
export async function findIdeas(db: Kysely<Database>, query: IdeaListQuery): Promise<Page<IdeaSummary>> {
  const limit = checkLimit(query.limit);
  const byScore = query.sort === "score";
  const after = query.cursor === undefined || byScore ? undefined : decodeCursor(query.cursor);
  const afterScore = query.cursor !== undefined && byScore ? decodeScoreCursor(query.cursor) : undefined;
  // Not a column of database.ts's IdeasTable: the triggers own it, no insert or mapping names it.
  const activity = sql.ref<string>("i.last_activity_at");

  let select = db
    .selectFrom("ideas as i")
    .selectAll("i")
    .select((eb) => [
      sql<string>`${activity}`.as("last_activity_at"),
      scoreKey.as("best_score"),
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
      eb
        .selectFrom("prompt_versions as lv")
        .whereRef("lv.idea_id", "=", "i.id")
        .orderBy("lv.created_at", "desc")
        .orderBy("lv.id", "desc")
        .limit(1)
        .select("lv.prompt")
        .as("latest_prompt"),
    ]);

  if (after) {
    // The cursor's time is the last item's lastActivityAt (CursorKey calls it createdAt).
    select = select.where(sql<SqlBool>`(${activity}, i.id) < (${after.createdAt}, ${after.id})`);
  }
  if (afterScore) {
    select = select.where(
      sql<SqlBool>`(${scoreKey}, ${activity}, i.id) < (${afterScore.score}, ${afterScore.createdAt}, ${afterScore.id})`,
    );
  }
  const words = ideaSearchWords(query.q);
  const search = words.length > 0 ? await ideaMatches(db, "i.id", words) : undefined;
  select = select.where(ideaFilter(search, query));
  if (query.minScore !== undefined) select = select.where(scoreKey, ">=", query.minScore);

  const rows = await (byScore ? select.orderBy(scoreKey, "desc") : select)
    .orderBy(activity, "desc")
    .orderBy("i.id", "desc")
    .limit(limit + 1)
    .execute();
  const thumbs = await findThumbs(
    db,
    rows.slice(0, limit).map((row) => row.id),
  );
  const summaries: IdeaSummary[] = rows.map((row) => ({
    ...ideaFromRow(row),
    versionCount: Number(row.version_count ?? 0),
    imageCount: Number(row.image_count ?? 0),
    coverImageId: row.cover_image_id ?? null,
    latestPrompt: row.latest_prompt ?? "",
    lastActivityAt: row.last_activity_at ?? row.created_at,
    bestScore:
      row.best_score === null || row.best_score === undefined || row.best_score < 0 ? null : Number(row.best_score),
    thumbs: thumbs.get(row.id) ?? [],
  }));
  const items = summaries.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      summaries.length > limit && last
        ? byScore
          ? encodeScoreCursor({ score: last.bestScore ?? -1, createdAt: last.lastActivityAt, id: last.id })
          : encodeCursor({ createdAt: last.lastActivityAt, id: last.id })
        : null,
  };
}

function ideaFilter(search: Expression<SqlBool> | undefined, filter: IdeaListFilter) {
  return (eb: ExpressionBuilder<Database & { i: Database["ideas"] }, "i">) => {
    const and: Expression<SqlBool>[] = [];
    if (search) and.push(search);
    if (filter.backend !== undefined) {
      and.push(
        eb.exists(
          eb
            .selectFrom("generations as fg")
            .whereRef("fg.idea_id", "=", "i.id")
            .where("fg.backend", "=", filter.backend)
            .select("fg.id"),
        ),
      );
    }
    if (filter.style !== undefined) {
      and.push(
        eb.exists(
          eb
            .selectFrom("prompt_versions as fv")
            .whereRef("fv.idea_id", "=", "i.id")
            .where("fv.style", "=", filter.style)
            .select("fv.id"),
        ),
      );
    }
    if (filter.hasImages !== undefined) {
      const any = eb.exists(eb.selectFrom("images as hi").whereRef("hi.idea_id", "=", "i.id").select("hi.id"));
      and.push(filter.hasImages ? any : eb.not(any));
    }
    if (filter.starred !== undefined) {
      // Starred means either mark the app has: a version kept in the Library, or a favorite image.
      const starred = eb.or([
        eb.exists(eb.selectFrom("library_entries as le").whereRef("le.idea_id", "=", "i.id").select("le.id")),
        eb.exists(
          eb
            .selectFrom("images as fi")
            .whereRef("fi.idea_id", "=", "i.id")
            .where("fi.favorite", "=", 1)
            .select("fi.id"),
        ),
      ]);
      and.push(filter.starred ? starred : eb.not(starred));
    }
    if (filter.hasMisses !== undefined) {
      // Issue 11: an image whose latest check missed an item (lib/store/latest-check.ts).
      const missed = eb.exists(
        eb.selectFrom("images as mi").whereRef("mi.idea_id", "=", "i.id").where(latestHasMiss("mi.id")).select("mi.id"),
      );
      and.push(filter.hasMisses ? missed : eb.not(missed));
    }
    if (filter.from !== undefined) and.push(sql<SqlBool>`i.last_activity_at >= ${toDbTime(filter.from)}`);
    if (filter.to !== undefined) and.push(sql<SqlBool>`i.last_activity_at < ${toDbTime(filter.to)}`);
    return eb.and(and);
  };
}

/** Each idea's newest images, up to THUMBS_PER_IDEA, with their version's prompt (the alt text). */
async function findThumbs(db: Kysely<Database>, ideaIds: string[]): Promise<Map<string, IdeaThumb[]>> {
  const byIdea = new Map<string, IdeaThumb[]>();
  if (ideaIds.length === 0) return byIdea;
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("images as t")
        .innerJoin("prompt_versions as tv", "tv.id", "t.prompt_id")
        .where("t.idea_id", "in", ideaIds)
        .select([
          "t.idea_id",
          "t.id",
          "t.width",
          "t.height",
          "t.created_at",
          "t.content_hash",
          "tv.prompt",
          sql<number>`row_number() OVER (PARTITION BY t.idea_id ORDER BY t.created_at DESC, t.id DESC)`.as("n"),
        ])
        .as("ranked"),
    )
    .selectAll()
    .where("n", "<=", THUMBS_PER_IDEA)
    .orderBy("idea_id")
    .orderBy("n")
    .execute();
  for (const row of rows) {
    const list = byIdea.get(row.idea_id) ?? [];
    list.push({
      id: row.id,
      width: Number(row.width),
      height: Number(row.height),
      prompt: row.prompt,
      ...(row.content_hash ? { contentHash: row.content_hash } : {}),
    });
    byIdea.set(row.idea_id, list);
  }
  return byIdea;
}

/** The image ids are read before the cascade takes the rows, so the caller can delete the files. */
export async function removeIdea(db: Kysely<Database>, id: string): Promise<{ deleted: boolean; imageIds: string[] }> {
  const images = await db.selectFrom("images").select("id").where("idea_id", "=", id).execute();
  const result = await db.deleteFrom("ideas").where("id", "=", id).executeTakeFirst();
  const deleted = result.numDeletedRows > 0n;
  return { deleted, imageIds: deleted ? images.map((row) => row.id) : [] };
}
