import "server-only";
import { AppError } from "@/lib/errors";
import type { ClientCap } from "./types";

/** Seconds a capped client is told to wait: about how long a quick generation takes. */
export const QUEUE_CAP_RETRY_AFTER = 5;

/** The 429 both implementations give: `held` places taken, `wanted` more asked for, `max` allowed. */
export function queueCapError(held: number, wanted: number, max: number): AppError {
  const more = wanted > 1 ? ` ${wanted} more would pass it.` : "";
  return new AppError(
    "rate_limited",
    `You already have ${held} generation${held === 1 ? "" : "s"} waiting or running (the limit is ${max}).${more} Wait for one to finish, then try again.`,
    { retryAfter: QUEUE_CAP_RETRY_AFTER, details: { queued: held, limit: max } },
  );
}

/**
 * The embedded mode's cap, in this process's memory. A restart forgets it (recovered jobs
 * belong to no client). Each call is synchronous inside, so two requests cannot interleave.
 */
export class MemoryClientCap implements ClientCap {
  private readonly byClient = new Map<string, Set<string>>();
  private readonly owner = new Map<string, string>();

  async count(client: string): Promise<number> {
    return this.byClient.get(client)?.size ?? 0;
  }

  async reserve(client: string, jobIds: readonly string[], max: number): Promise<void> {
    const held = this.byClient.get(client)?.size ?? 0;
    const wanted = jobIds.filter((id) => !this.owner.has(id)).length;
    if (wanted > 0 && held + wanted > max) throw queueCapError(held, wanted, max);
    for (const id of jobIds) {
      if (this.owner.has(id)) continue;
      this.owner.set(id, client);
      const set = this.byClient.get(client) ?? new Set<string>();
      set.add(id);
      this.byClient.set(client, set);
    }
  }

  async release(jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) {
      const client = this.owner.get(id);
      if (client === undefined) continue;
      this.owner.delete(id);
      const set = this.byClient.get(client);
      set?.delete(id);
      if (set?.size === 0) this.byClient.delete(client);
    }
  }
}
