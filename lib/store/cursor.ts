import "server-only";
import { AppError } from "@/lib/errors";

/** Where a page ended: the last item's sort key. Newest first means (createdAt, id) descending. */
export type CursorKey = { createdAt: string; id: string };

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Opaque to clients: they pass it back unchanged and never build one. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorKey {
  const bad = () => new AppError("invalid_request", "bad cursor");
  // Node's decoder skips characters it does not know, so check the alphabet first.
  if (cursor.length > 200 || !BASE64URL.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 2) throw bad();
  const [createdAt, id] = value as unknown[];
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) throw bad();
  if (typeof id !== "string" || !ID.test(id)) throw bad();
  return { createdAt, id };
}

/**
 * A key in the gallery's best-score order (issue 11): the latest check's score (-1 for an image
 * never checked, which sorts after every checked one), then newest first. Three elements, so a
 * cursor from one order is refused (400) by the other rather than misread.
 */
export type ScoreCursorKey = CursorKey & { score: number };

export function encodeScoreCursor(key: ScoreCursorKey): string {
  return Buffer.from(JSON.stringify([key.score, key.createdAt, key.id]), "utf8").toString("base64url");
}

export function decodeScoreCursor(cursor: string): ScoreCursorKey {
  const bad = () => new AppError("invalid_request", "bad cursor");
  if (cursor.length > 200 || !BASE64URL.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(value) || value.length !== 3) throw bad();
  const [score, createdAt, id] = value as unknown[];
  if (typeof score !== "number" || !Number.isFinite(score) || score < -1 || score > 1) throw bad();
  if (typeof createdAt !== "string" || Number.isNaN(Date.parse(createdAt))) throw bad();
  if (typeof id !== "string" || !ID.test(id)) throw bad();
  return { score, createdAt, id };
}

/** `rows` holds up to limit + 1 items: the extra one only says that another page exists. */
export function toPage<T extends CursorKey>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

const MAX_LIMIT = 200;

export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new AppError("invalid_request", "bad limit");
  return Math.min(limit, MAX_LIMIT);
}
