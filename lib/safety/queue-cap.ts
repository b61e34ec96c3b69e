import "server-only";
import { AppError } from "@/lib/errors";

/** Seconds a capped client is told to wait: about how long a quick generation takes. */
export const QUEUE_CAP_RETRY_AFTER = 5;

/**
 * Generations queued or running, per client, in this process's memory: one client cannot
 * fill every backend's queue. A restart forgets them (recovered jobs belong to no client).
 */
export class ClientQueueCap {
  private readonly byClient = new Map<string, Set<string>>();
  private readonly owner = new Map<string, string>();

  count(client: string): number {
    return this.byClient.get(client)?.size ?? 0;
  }

  /** Takes a place for `jobId`, or throws 429 rate_limited when the client already has `max`. */
  reserve(client: string, jobId: string, max: number): void {
    this.reserveAll(client, [jobId], max);
  }

  /** Places for several jobs at once (a comparison's cells): all of them, or none and a 429. */
  reserveAll(client: string, jobIds: readonly string[], max: number): void {
    const held = this.count(client);
    const wanted = jobIds.filter((id) => !this.owner.has(id)).length;
    if (wanted > 0 && held + wanted > max) {
      const more = wanted > 1 ? ` ${wanted} more would pass it.` : "";
      throw new AppError(
        "rate_limited",
        `You already have ${held} generation${held === 1 ? "" : "s"} waiting or running (the limit is ${max}).${more} Wait for one to finish, then try again.`,
        { retryAfter: QUEUE_CAP_RETRY_AFTER, details: { queued: held, limit: max } },
      );
    }
    for (const id of jobIds) this.track(client, id);
  }

  /** Counts `jobId` for the client without checking the cap (idempotent). */
  track(client: string, jobId: string): void {
    if (this.owner.has(jobId)) return;
    this.owner.set(jobId, client);
    const set = this.byClient.get(client) ?? new Set<string>();
    set.add(jobId);
    this.byClient.set(client, set);
  }

  /** Frees the place (idempotent; unknown ids are ignored). */
  release(jobId: string): void {
    const client = this.owner.get(jobId);
    if (client === undefined) return;
    this.owner.delete(jobId);
    const set = this.byClient.get(client);
    set?.delete(jobId);
    if (set?.size === 0) this.byClient.delete(client);
  }
}

// On globalThis so Next's module reloading in dev does not split the count.
const key = Symbol.for("promptsmith.clientQueueCap");
const g = globalThis as unknown as Record<symbol, ClientQueueCap | undefined>;

export function getClientQueueCap(): ClientQueueCap {
  g[key] ??= new ClientQueueCap();
  return g[key];
}
