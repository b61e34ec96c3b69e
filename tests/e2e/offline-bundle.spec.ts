/**
 * No configured secret reaches the browser: `npm test` builds with a canary value for every
 * secret variable (scripts/canary-secrets.mjs), and every file of the client bundle
 * (.next/static) is searched for each of them. Fails when there is no build to search, or when
 * the build was not made with the canaries (then there would be nothing to find).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CANARY_MARKER, CANARY_SECRETS, canaryNeedles } from "../../scripts/canary-secrets.mjs";

const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
const staticDir = path.join(distDir, "static");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

test("the client bundle holds none of the configured secrets", () => {
  expect(existsSync(staticDir), `no client bundle at ${staticDir}: build first (npm test e2e)`).toBe(true);
  const markerFile = path.join(distDir, CANARY_MARKER);
  expect(
    existsSync(markerFile),
    `${markerFile} is missing: this build was not made by scripts/test.mjs with canary secrets, so searching it proves nothing`,
  ).toBe(true);
  const marker = JSON.parse(readFileSync(markerFile, "utf8")) as { buildId: string; variables: string[] };
  expect(marker.buildId, "the canary marker belongs to another build").toBe(
    readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim(),
  );
  expect(marker.variables.sort()).toEqual(Object.keys(CANARY_SECRETS).sort());

  const files = filesUnder(staticDir);
  expect(files.filter((f) => f.endsWith(".js")).length, "the bundle has scripts").toBeGreaterThan(0);
  const needles = canaryNeedles().map((n) => ({ text: n, bytes: Buffer.from(n, "utf8") }));
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(needle.bytes)) found.push(`${path.relative(distDir, file)}: ${needle.text}`);
    }
  }
  console.log(
    `offline-bundle: ${files.length} files in ${path.relative(process.cwd(), staticDir)} searched for ${needles.length} canaries`,
  );
  expect(found).toEqual([]);
});

test("the pages a browser loads hold none of them either", async ({ request }) => {
  // The e2e servers run without the canaries: anything of them here was baked in at build time
  // (a page prerendered with the build's environment).
  for (const url of ["/", "/gallery", "/login"]) {
    const res = await request.get(url);
    const body = await res.text();
    for (const needle of canaryNeedles()) expect(body.includes(needle), `${url} contains ${needle}`).toBe(false);
  }
});
