import "server-only";
import { type Kysely, sql, type Transaction } from "kysely";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Database } from "@/lib/store/database";
import { queueCapError } from "./client-cap";
import type { ClientCap } from "./types";

/**
 * How long a place without a generation row still counts: the request that took it is between
 * reserve and insert (moderation runs in between, a few seconds at most). Past this, the request
 * has failed without releasing (its instance died), and the place is stale.
 */
export const PLACE_WITHOUT_ROW_MS = 2 * 60_000;

const UNAVAILABLE = "The queue limits are counted in the database, which does not answer right now; try again shortly.";

/** Connection-level failures (socket errors, SQLSTATE classes 08 and 57P0x, too many connections, timeouts). */
function isUnreachable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (/^E[A-Z]+$/.test(code) || /^(08|28)/.test(code) || /^(3D000|57P0[1-3]|53300)$/.test(code))
    )
      return true;
    if (/connection (timeout|terminated)|timeout exceeded when trying to connect/i.test(e.message)) return true;
  }
  return false;
}

function translate(error: unknown): unknown {
  if (isAppError(error) || !isUnreachable(error)) return error;
  log.error("queue cap: Postgres does not answer", { error });
  return new AppError("backend_unavailable", UNAVAILABLE, { cause: error });
}

/**
 * The places of `client` that still hold: their generation is queued or running, or it has no
 * row yet and the place is recent. A place whose generation ended (or never came) no longer
 * counts even if nobody released it: an instance that died mid-request or mid-run leaves nothing
 * that blocks the client for longer than that.
 */
function holdingPlaces(trx: Kysely<Database> | Transaction<Database>, client: string, now: number) {
  const cutoff = new Date(now - PLACE_WITHOUT_ROW_MS).toISOString();
  return trx
    .selectFrom("queue_places as q")
    .leftJoin("generations as g", "g.id", "q.job_id")
    .where("q.client_key", "=", client)
    .where((eb) =>
      eb.or([
        eb("g.status", "in", ["queued", "running"]),
        eb.and([eb("g.id", "is", null), eb("q.reserved_at", ">", cutoff)]),
      ]),
    );
}

/**
 * The per-client cap for several instances on one Postgres database: the places are rows, so every
 * instance counts the same ones. Two requests of one client (on any instances) take turns on a
 * transaction-scoped advisory lock named after the client, so both cannot squeeze into the last
 * place; different clients never wait for each other (barring a hashtext collision, which only
 * makes two clients take turns).
 */
export function createPostgresClientCap({
  db,
  now = Date.now,
}: {
  db: () => Promise<Kysely<Database>>;
  now?: () => number;
}): ClientCap {
  return {
    async count(client) {
      try {
        const row = await holdingPlaces(await db(), client, now())
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      } catch (error) {
        throw translate(error);
      }
    },

    async reserve(client, jobIds, max) {
      if (jobIds.length === 0) return;
      try {
        await (await db()).transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(hashtext(${`promptsmith.cap:${client}`}))`.execute(trx);
          const at = now();
          // Ids that already have a place keep it (as the embedded cap does): asking again costs nothing.
          const known = new Set(
            (
              await trx
                .selectFrom("queue_places")
                .select("job_id")
                .where("job_id", "in", [...jobIds])
                .execute()
            ).map((r) => r.job_id),
          );
          const wanted = [...new Set(jobIds)].filter((id) => !known.has(id));
          if (wanted.length === 0) return;
          const row = await holdingPlaces(trx, client, at)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirst();
          const held = Number(row?.n ?? 0);
          if (held + wanted.length > max) throw queueCapError(held, wanted.length, max);
          const reservedAt = new Date(at).toISOString();
          await trx
            .insertInto("queue_places")
            .values(wanted.map((id) => ({ job_id: id, client_key: client, reserved_at: reservedAt })))
            .onConflict((oc) => oc.column("job_id").doNothing())
            .execute();
          // Tidy this client's stale places while its lock is held (they stopped counting already).
          await trx
            .deleteFrom("queue_places")
            .where("client_key", "=", client)
            .where("job_id", "not in", holdingPlaces(trx, client, at).select("q.job_id"))
            .execute();
        });
      } catch (error) {
        throw translate(error);
      }
    },

    async release(jobIds) {
      if (jobIds.length === 0) return;
      try {
        await (await db())
          .deleteFrom("queue_places")
          .where("job_id", "in", [...jobIds])
          .execute();
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
