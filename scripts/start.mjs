#!/usr/bin/env node
// `npm start`: checks the configuration, builds when there is no build or the sources changed
// since, then serves on HOSTNAME (127.0.0.1) and PORT (3000). `npm start -- --check` only checks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { builtNextConfig, serverEnv, serverNodeArgs } from "./server-memory.mjs";
import { listenOptions, servingLine } from "./start-args.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildId = path.join(root, distDir, "BUILD_ID");
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

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(root, s)) > built);
}

/**
 * Exits with the problem when the configuration is invalid, before anything is built or listens:
 * the same check (lib/startup/check-config.ts) that instrumentation.ts makes inside the server.
 */
function checkConfiguration(checkOnly) {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  if (!existsSync(tsx)) {
    // Installed without dev dependencies (a prebuilt deployment): the server's own check
    // (instrumentation.ts) still stops it, just after it starts listening.
    if (checkOnly) {
      console.error("Promptsmith: cannot check the configuration: tsx is not installed (run npm install).");
      process.exit(1);
    }
    console.warn("Promptsmith: tsx is not installed, so the server checks the configuration as it starts.");
    return;
  }
  const entry = path.join(root, "scripts", "check-config.ts");
  const r = spawnSync(process.execPath, [tsx, "--conditions", "react-server", entry], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status || 1);
}

let listen;
try {
  listen = listenOptions(process.env);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const checkOnly = process.argv.includes("--check");
checkConfiguration(checkOnly);
if (checkOnly) {
  console.log("Promptsmith: the configuration is valid.");
  process.exit(0);
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (needsBuild()) {
  console.log("Promptsmith: building (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log(`Promptsmith: ${servingLine(listen)}`);
// The server is a child with its own Node flags and environment (scripts/server-memory.mjs): they
// must be set when a process starts. This launcher stays only to pass signals and the exit code.
const server = spawn(process.execPath, [...serverNodeArgs(process.env), nextBin, ...listen.args], {
  cwd: root,
  stdio: "inherit",
  env: serverEnv(process.env, builtNextConfig(root, distDir)),
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
