#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, then a production build and the browser tests in Chromium.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CANARY_MARKER, CANARY_SECRETS } from "./canary-secrets.mjs";
import { findChromium } from "./find-chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const only = process.argv[2];
if (!only || only === "static") {
  step("typecheck (tsc --noEmit)", bin("tsc"), ["--noEmit"]);
  step("lint (biome)", bin("biome"), ["lint", "."]);
}
if (!only || only === "unit") step("unit tests (vitest)", bin("vitest"), ["run"]);
if (!only || only === "e2e") {
  const chromium = findChromium();
  if (!chromium) process.exit(1);
  // Built with a canary for every secret: the bundle test then proves none reaches the browser.
  // BUILD_STANDALONE=1 also writes the standalone server that the Dockerfile ships, which
  // tests/e2e/startup-standalone.spec.ts starts as the image does (`next start` is unaffected).
  step("production build (next build, with canary secrets)", bin("next"), ["build"], {
    ...CANARY_SECRETS,
    BUILD_STANDALONE: "1",
  });
  const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");
  const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
  writeFileSync(
    path.join(distDir, CANARY_MARKER),
    JSON.stringify({ buildId, variables: Object.keys(CANARY_SECRETS) }, null, 2),
  );
  step("browser tests (playwright, Chromium)", bin("playwright"), ["test"], { CHROME_PATH: chromium });
}
