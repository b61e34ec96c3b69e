import "server-only";
import type { Kysely } from "kysely";
import type { Feedback } from "@/lib/schemas/shares";
import type { Database } from "./database";
import { feedbackFromRow, feedbackToRow } from "./row-mapping";
import type { NewFeedback } from "./types";

/**
 * The schema refuses feedback through a share that does not exist or that names another idea
 * (composite foreign key). imageId is not checked here: the caller checks it belongs to the share.
 */
export async function insertFeedback(db: Kysely<Database>, feedback: NewFeedback): Promise<void> {
  await db.insertInto("feedback").values(feedbackToRow(feedback)).execute();
}

/** Oldest first, so votes read in order and a visitor's last word is the last row. */
export async function findFeedbackForIdea(db: Kysely<Database>, ideaId: string): Promise<Feedback[]> {
  const rows = await db
    .selectFrom("feedback")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map(feedbackFromRow);
}
