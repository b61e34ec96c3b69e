import { randomBytes } from "node:crypto";

/**
 * Ids sort by creation time (a base36 millisecond prefix) so cursors and "newest first"
 * are cheap, and carry 72 random bits so they cannot be guessed or collide.
 */
export function newId(now = Date.now()): string {
  return now.toString(36).padStart(9, "0") + randomBytes(9).toString("base64url");
}
