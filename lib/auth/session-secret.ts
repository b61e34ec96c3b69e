import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { AppError } from "@/lib/errors";
import type { Database } from "@/lib/store/database";
import { loadSharedSessionSecret, rememberSharedSessionSecret, sharedSessionSecret } from "./shared-session-secret";

/** In DATA_DIR: the key material for session cookies when SESSION_SECRET is not set. */
export const SESSION_SECRET_FILE = "session-secret";

const SECRET_SHAPE = /^[A-Za-z0-9_-]{43,}$/;
const cache = new Map<string, string>();

/**
 * The random secret kept in DATA_DIR, made on first use. Without it the cookie key came from
 * APP_PASSWORD alone, so one leaked cookie let anyone test password guesses offline; now a cookie
 * says nothing about the password. Created atomically (a private temporary file, then a hard link
 * that fails if another process got there first), readable by the owner only.
 */
export function storedSessionSecret(dataDir: string): string {
  const hit = cache.get(dataDir);
  if (hit) return hit;
  const file = path.join(dataDir, SESSION_SECRET_FILE);
  let secret = readSecret(file);
  if (secret === undefined) {
    createSecret(dataDir, file);
    secret = readSecret(file);
  }
  if (secret === undefined) throw new Error(`Promptsmith: could not create ${file}.`);
  cache.set(dataDir, secret);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  if (!SECRET_SHAPE.test(text)) {
    throw new Error(
      `Promptsmith: ${file} is not a session secret; delete it and a new one is made (everyone signs in again).`,
    );
  }
  // Someone copied it with a wider mode: it is a key, so only the owner reads it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return text;
}

function createSecret(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
  } catch (e) {
    // Another process made it first: theirs is the one everybody uses.
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    unlinkSync(temp);
  }
}

/** Tests only. */
export function forgetStoredSessionSecrets(): void {
  cache.clear();
}

type SecretConfig = { appPassword?: string; sessionSecret?: string; dataDir: string; databaseUrl?: string };

/**
 * The secret behind the cookie key: SESSION_SECRET; else, with DATABASE_URL, the one every instance
 * shares in the database (loaded by prepareSharedSessionSecret, at start and in proxy.ts before
 * anything reads a cookie); else the random one kept in DATA_DIR (one machine, one folder).
 */
export function sessionSecretFor(cfg: SecretConfig): string {
  if (cfg.sessionSecret) return cfg.sessionSecret;
  if (!cfg.databaseUrl) return storedSessionSecret(cfg.dataDir);
  const shared = sharedSessionSecret(cfg.databaseUrl);
  if (shared === undefined) {
    throw new AppError("backend_unavailable", "The session key has not been read from the database yet.");
  }
  return shared;
}

/**
 * At start: with the gate on and no SESSION_SECRET, make (or read) the stored secret now, so an
 * unwritable DATA_DIR stops the start with a clear error instead of failing every request. With
 * DATABASE_URL the secret is in the database instead (prepareSharedSessionSecret).
 */
export function prepareSessionSecret(cfg: SecretConfig): void {
  if (cfg.appPassword && !cfg.sessionSecret && !cfg.databaseUrl) storedSessionSecret(cfg.dataDir);
}

const loading = new Map<string, Promise<void>>();

/**
 * With the gate on, DATABASE_URL and no SESSION_SECRET: reads (or, on a new database, makes) the
 * shared secret into memory, so the synchronous cookie checks (lib/auth/gate.ts) find it. A no-op
 * otherwise and once loaded; a database that does not answer is 503 and is tried again next time.
 */
export async function prepareSharedSessionSecret(
  cfg: SecretConfig,
  database: () => Promise<Kysely<Database> | undefined> = async () => (await import("@/lib/store")).getSharedDatabase(),
): Promise<void> {
  const url = cfg.databaseUrl;
  if (!cfg.appPassword || cfg.sessionSecret || !url || sharedSessionSecret(url) !== undefined) return;
  let pending = loading.get(url);
  if (!pending) {
    pending = (async () => {
      const db = await database();
      if (!db) throw new Error("Promptsmith: DATABASE_URL is set but the store is not on Postgres.");
      rememberSharedSessionSecret(url, await loadSharedSessionSecret(db));
    })().finally(() => loading.delete(url));
    loading.set(url, pending);
  }
  await pending;
}
