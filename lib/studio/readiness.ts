import "server-only";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getImageFiles, getStore } from "@/lib/store";

export type CheckStatus = "ok" | "failed";
export type Readiness = { ok: true; database: "ok"; storage: "ok" };

/**
 * A probe that hangs counts as failed: a load balancer waits a few seconds for its answer, and a
 * database behind a dropped network would otherwise hold the request for pg's connect timeout.
 */
export const READY_TIMEOUT_MS = 5_000;

async function probe(name: "database" | "storage", ping: () => Promise<void>, timeoutMs: number): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ping(), late]);
    return "ok";
  } catch (error) {
    // The reason goes to the log only: the answer says which one failed, never how (hosts, users, paths).
    log.warn(`ready: the ${name} does not answer`, { error });
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GET /api/ready: whether this instance can serve, meaning the database answers a trivial query
 * and the image storage answers (and takes writes). Both are asked at once, each bounded by
 * `timeoutMs`. Not ready is 503 `backend_unavailable` with `details` naming which one failed.
 * GET /api/health stays the liveness probe: it never touches either, so a database outage makes
 * instances unready (taken out of the balancer) without getting them restarted.
 */
export async function checkReadiness(timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
  // Opened inside the probes: a store that cannot even open (a bad DATA_DIR) is a failed check, not a crash.
  const [database, storage] = await Promise.all([
    probe("database", async () => getStore().ping(), timeoutMs),
    probe("storage", async () => getImageFiles().ping(), timeoutMs),
  ]);
  if (database === "ok" && storage === "ok") return { ok: true, database, storage };
  const failed = [database === "failed" ? "the database" : "", storage === "failed" ? "the image storage" : ""].filter(
    Boolean,
  );
  throw new AppError(
    "backend_unavailable",
    `Not ready: ${failed.join(" and ")} ${failed.length > 1 ? "do" : "does"} not answer.`,
    {
      details: { database, storage },
      retryable: true,
    },
  );
}
