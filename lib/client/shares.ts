import type { CreatedShare, CreateShareBody, Share, ShareTarget } from "@/lib/schemas/shares";
import { request } from "./api";

/** Share links (issue 10), as the owner's browser calls them. */

/** POST /api/shares: the answer's `url` (the path /s/<token>) is shown this once. */
export function createShare(body: CreateShareBody): Promise<CreatedShare> {
  return request("/api/shares", { method: "POST", body: JSON.stringify(body) });
}

/** GET /api/shares, all of them or one target's: newest first, revoked ones included, never a token. */
export async function listShares(target?: ShareTarget, signal?: AbortSignal): Promise<Share[]> {
  const query = target ? `?${new URLSearchParams({ kind: target.kind, id: target.id }).toString()}` : "";
  const body = await request<{ items: Share[] }>(`/api/shares${query}`, { signal, cache: "no-store" });
  return Array.isArray(body?.items) ? body.items : [];
}

/** DELETE /api/shares/:id: the link stops working at once (404 for anyone who opens it). */
export function revokeShare(id: string): Promise<void> {
  return request(`/api/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export type ShareStatus = "active" | "expired" | "revoked";

/** Revoked wins over expired: the owner's act is what they remember. */
export function shareStatus(share: Pick<Share, "expiresAt" | "revokedAt">, now = Date.now()): ShareStatus {
  if (share.revokedAt) return "revoked";
  if (share.expiresAt && Date.parse(share.expiresAt) <= now) return "expired";
  return "active";
}

export type ExpiryChoice = "never" | "1d" | "7d" | "30d" | "date";

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS: Record<Exclude<ExpiryChoice, "never" | "date">, number> = { "1d": 1, "7d": 7, "30d": 30 };

/**
 * The expiresAt to send for a choice in the Share dialog: null for never; a date (yyyy-mm-dd from
 * a date field) expires at the end of that day in the person's own time zone. Undefined when the
 * date is missing, malformed or not in the future.
 */
export function expiryFor(choice: ExpiryChoice, date: string, now = Date.now()): string | null | undefined {
  if (choice === "never") return null;
  if (choice !== "date") return new Date(now + DAYS[choice] * DAY_MS).toISOString();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (Number.isNaN(end.getTime()) || end.getTime() <= now) return undefined;
  return end.toISOString();
}

/** Today's local date (yyyy-mm-dd): the earliest a date field may offer (the link then lasts until midnight). */
export function todayDate(now = Date.now()): string {
  const d = new Date(now);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The name of the window event a new share sends, so lists on the page load again. */
export const SHARES_CHANGED_EVENT = "promptsmith:shares-changed";

export function announceSharesChanged(): void {
  window.dispatchEvent(new Event(SHARES_CHANGED_EVENT));
}
