import "server-only";
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { AppError, isAppError } from "@/lib/errors";
import type { Database } from "@/lib/store/database";

/** Its name in shared_secrets (migration 0005). */
export const SESSION_SECRET_NAME = "session";

/**
 * The session secret of every instance on this database. Instances on different machines have
 * different DATA_DIRs, so a secret kept there would make a cookie signed on one fail on the next;
 * in the database there is one. The first instance's INSERT wins (ON CONFLICT DO NOTHING, atomic
 * however many start at once) and everyone then reads the same row.
 */
export async function loadSharedSessionSecret(db: Kysely<Database>): Promise<string> {
  try {
    await db
      .insertInto("shared_secrets")
      .values({
        name: SESSION_SECRET_NAME,
        value: randomBytes(32).toString("base64url"),
        created_at: new Date().toISOString(),
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    const row = await db
      .selectFrom("shared_secrets")
      .select("value")
      .where("name", "=", SESSION_SECRET_NAME)
      .executeTakeFirst();
    if (!row) throw new Error("the shared session secret is missing right after it was written");
    return row.value;
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("backend_unavailable", "The session key is kept in the database, which does not answer.", {
      cause: error,
    });
  }
}

// On globalThis: instrumentation.ts loads it, and proxy.ts and the routes (other bundles, same process) read it.
const KEY = Symbol.for("promptsmith.shared-session-secret");
const g = globalThis as unknown as Record<symbol, Map<string, string> | undefined>;

function loaded(): Map<string, string> {
  g[KEY] ??= new Map();
  return g[KEY];
}

/** The secret loaded for this DATABASE_URL, if it has been. */
export function sharedSessionSecret(databaseUrl: string): string | undefined {
  return loaded().get(databaseUrl);
}

export function rememberSharedSessionSecret(databaseUrl: string, secret: string): void {
  loaded().set(databaseUrl, secret);
}

/** Tests only. */
export function forgetSharedSessionSecrets(): void {
  loaded().clear();
}
