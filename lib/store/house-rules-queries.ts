import "server-only";
import type { Kysely } from "kysely";
import type { HouseRules } from "@/lib/schemas/house-rules";
import type { Database, HouseRulesTable } from "./database";
import { toDbTime } from "./row-mapping";

function fromRow(row: HouseRulesTable): HouseRules {
  return { version: Number(row.version), text: row.text, createdAt: row.created_at };
}

/**
 * The next version after the newest. Inside the write transaction: SQLite writes one at a time,
 * and on Postgres two racing SERIALIZABLE saves conflict and the retried one numbers after the first.
 */
export async function insertHouseRules(db: Kysely<Database>, text: string, createdAt: string): Promise<HouseRules> {
  const last = await db
    .selectFrom("house_rules")
    .select((eb) => eb.fn.max("version").as("version"))
    .executeTakeFirst();
  const row: HouseRulesTable = { version: Number(last?.version ?? 0) + 1, text, created_at: toDbTime(createdAt) };
  await db.insertInto("house_rules").values(row).execute();
  return fromRow(row);
}

/** The newest version, or the one asked for; undefined when there is none. */
export async function findHouseRules(db: Kysely<Database>, version?: number): Promise<HouseRules | undefined> {
  let query = db.selectFrom("house_rules").selectAll();
  query = version === undefined ? query.orderBy("version", "desc").limit(1) : query.where("version", "=", version);
  const row = await query.executeTakeFirst();
  return row && fromRow(row);
}

/** Newest first. */
export async function findHouseRulesHistory(db: Kysely<Database>): Promise<HouseRules[]> {
  const rows = await db.selectFrom("house_rules").selectAll().orderBy("version", "desc").execute();
  return rows.map(fromRow);
}
