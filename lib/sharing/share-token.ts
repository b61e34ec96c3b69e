import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes: 256 bits, far past guessing (the issue asks for at least 128). */
const TOKEN_BYTES = 32;
/** base64url of 32 bytes, without padding. */
export const SHARE_TOKEN_CHARS = 43;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new link's token, shown to its owner once, and the hash that is all the database keeps. */
export function newShareToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashShareToken(token) };
}

/** SHA-256 hex: a token has 256 random bits, so a fast hash is enough (no salt or stretching to buy). */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether the text has a token's shape (length and alphabet); anything else names no link. */
export function isShareTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** The path of a link, the one way it leaves the server. */
export function sharePath(token: string): string {
  return `/s/${token}`;
}
