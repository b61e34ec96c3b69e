/**
 * A production build for the bench's `next start` servers: built (with BUILD_STANDALONE=1, as
 * `npm test` builds, so the bench leaves the same .next behind) when there is none or the sources
 * changed since; the same rule as scripts/start.mjs. The caller holds /tmp/promptsmith-e2e.lock.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "package.json",
  "postcss.config.mjs",
  "instrumentation.ts",
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function ensureProductionBuild(): void {
  const buildId = path.join(distDir, "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (built && !SOURCES.some((s) => newestMtime(path.join(root, s)) > built)) return;
  console.error("bench: building (no build, or the sources changed since)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, BUILD_STANDALONE: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status ?? r.signal})`);
}
