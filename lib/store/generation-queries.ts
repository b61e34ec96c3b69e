import "server-only";
import type { Kysely } from "kysely";
import type { Generation, GenerationStatus } from "@/lib/schemas";
import type { Database } from "./database";
import { insertImages } from "./image-queries";
import { generationFromRow, generationPatchToRow, generationToRow } from "./row-mapping";
import type { GenerationGuard, GenerationPatch, NewGeneration, NewImage } from "./types";

export async function insertGeneration(db: Kysely<Database>, generation: NewGeneration): Promise<void> {
  await db.insertInto("generations").values(generationToRow(generation)).execute();
}

export async function findGeneration(db: Kysely<Database>, id: string): Promise<Generation | undefined> {
  const row = await db.selectFrom("generations").selectAll().where("id", "=", id).executeTakeFirst();
  return row && generationFromRow(row);
}

/** Whether the guard lets a write through on a generation now in `status`. */
function allowed(status: string, guard: GenerationGuard | undefined): boolean {
  return !guard?.ifStatus || (guard.ifStatus as readonly string[]).includes(status);
}

export async function patchGeneration(
  db: Kysely<Database>,
  id: string,
  patch: GenerationPatch,
  guard?: GenerationGuard,
): Promise<Generation | undefined> {
  const values = generationPatchToRow(patch);
  const statuses = guard?.ifStatus;
  if (Object.keys(values).length === 0) {
    const found = await findGeneration(db, id);
    return found && allowed(found.status, guard) ? found : undefined;
  }
  if (statuses?.length === 0) return undefined;
  let update = db.updateTable("generations").set(values).where("id", "=", id);
  // In the UPDATE itself, so the check and the write are one step on either dialect.
  if (statuses) update = update.where("status", "in", statuses as GenerationStatus[]);
  const { numUpdatedRows } = await update.executeTakeFirst();
  if (statuses && numUpdatedRows === BigInt(0)) return undefined;
  return findGeneration(db, id);
}

/** Newest first. */
export async function findGenerationsForIdea(db: Kysely<Database>, ideaId: string): Promise<Generation[]> {
  const rows = await db
    .selectFrom("generations")
    .selectAll()
    .where("idea_id", "=", ideaId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map(generationFromRow);
}

/** Oldest first: the order a queue drains in, and the order to recover after a restart. */
export async function findGenerationsByStatus(
  db: Kysely<Database>,
  statuses: GenerationStatus[],
): Promise<Generation[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom("generations")
    .selectAll()
    .where("status", "in", statuses)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows.map(generationFromRow);
}

/**
 * Succeeded with progress 1 unless the patch says otherwise. The schema refuses images whose
 * idea or version differ from the generation's (composite foreign key).
 */
export async function finishGeneration(
  db: Kysely<Database>,
  id: string,
  images: NewImage[],
  patch: GenerationPatch,
  guard?: GenerationGuard,
): Promise<Generation | undefined> {
  const existing = await findGeneration(db, id);
  // Read and written in one store transaction (serialized on SQLite, SERIALIZABLE on Postgres).
  if (!existing || !allowed(existing.status, guard)) return undefined;
  const strays = images.filter((image) => image.generationId !== id);
  if (strays.length > 0)
    throw new Error(`Promptsmith store: images of another generation passed to completeGeneration(${id})`);
  await insertImages(db, images);
  return patchGeneration(db, id, { status: "succeeded", progress: 1, ...patch });
}
