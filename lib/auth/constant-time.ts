import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a secret a client sent with the one we hold without leaking, through timing, how much
 * of it matched or how long it is: both sides become SHA-256 digests of equal length first.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** True when `given` equals one of the candidates; every candidate is compared, so timing says nothing of which. */
export function matchesAny(given: string, candidates: readonly string[]): boolean {
  let found = false;
  for (const candidate of candidates) found = safeEqual(given, candidate) || found;
  return found;
}
