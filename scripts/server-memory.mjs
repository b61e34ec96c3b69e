// How `npm start` runs the server process so that it stays small (issue 12: RSS ≤ 110 MB idle,
// ≤ 150 MB after a run). Each setting is measured with `npm run bench -- weight`. A flag the
// operator's NODE_OPTIONS already sets, and an operator's MALLOC_ARENA_MAX, win over these.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * V8 flags for the server (on its command line: NODE_OPTIONS may not carry --optimize-for-size):
 * - `--max-semi-space-size=1`: the young generation's two halves stay at 1 MB each instead of
 *   growing to 16 MB (Node 20): 30 MB less resident memory, for more frequent, shorter scavenges.
 * - `--optimize-for-size`: V8 grows the old generation by a small factor instead of up to 4x
 *   between full collections, so garbage from a burst of requests is collected before the heap
 *   doubles (about 20 MB after the bench's run), for more frequent full collections.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=1", "--optimize-for-size"];

/**
 * glibc gives threads that allocate their own malloc arenas (up to 8 per core), and sharp's
 * libvips threads, libuv's pool and V8's helpers fill them with memory that is rarely given
 * back (sharp's documentation calls glibc's allocator unsuitable for long-running threaded
 * servers). Two arenas: about 20 MB less after the bench's run, measured.
 */
export const SERVER_MALLOC_ARENA_MAX = "2";

/**
 * The configuration the build resolved (what `.next/standalone/server.js` hands the server).
 * Given to `next start`, it skips reading next.config.ts again, which loads Next's SWC compiler
 * (25 MB of native code mapped into the server for its whole life) to transpile one file.
 * Undefined when the build has no such file: the server then reads next.config.ts as before.
 * @param {string} root @param {string} distDir
 * @returns {string | undefined}
 */
export function builtNextConfig(root, distDir) {
  const file = path.join(root, distDir, "required-server-files.json");
  if (!existsSync(file)) return undefined;
  const config = JSON.parse(readFileSync(file, "utf8")).config;
  return config && typeof config === "object" ? JSON.stringify(config) : undefined;
}

/**
 * The server's Node flags: SERVER_NODE_FLAGS, less any that NODE_OPTIONS sets (the command line
 * would override the operator's choice otherwise).
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function serverNodeArgs(env) {
  const own = (env.NODE_OPTIONS ?? "").split(/\s+/).map((f) => f.split("=")[0].replaceAll("_", "-"));
  return SERVER_NODE_FLAGS.filter((f) => !own.includes(f.split("=")[0]));
}

/**
 * The server's environment: the launcher's, with the glibc setting and the built configuration.
 * @param {Record<string, string | undefined>} env
 * @param {string | undefined} nextConfig from builtNextConfig
 * @returns {Record<string, string | undefined>}
 */
export function serverEnv(env, nextConfig) {
  const out = {
    ...env,
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || SERVER_MALLOC_ARENA_MAX,
  };
  // Next's own variable for a configuration resolved at build time (its standalone server sets it).
  if (nextConfig) out.__NEXT_PRIVATE_STANDALONE_CONFIG = nextConfig;
  return out;
}
