/**
 * `npm start` runs this (through tsx, under the react-server condition) before it builds or
 * listens: the same check instrumentation.ts makes in the server, so a bad configuration ends the
 * start with its message and exit code 1 while nothing listens yet. `npm start -- --check` runs
 * only this.
 */
import { createRequire } from "node:module";
import path from "node:path";

type EnvLoader = {
  loadEnvConfig(dir: string, dev?: boolean, log?: { info(): void; error(...a: unknown[]): void }): unknown;
};

async function main(): Promise<number> {
  const root = path.resolve(import.meta.dirname, "..");
  // `next start` reads .env files before the app does, so the check reads them too, with Next's
  // own loader (@next/env, taken from next's dependencies so the two cannot differ).
  const fromNext = createRequire(createRequire(import.meta.url).resolve("next/package.json"));
  (fromNext("@next/env") as EnvLoader).loadEnvConfig(root, false, { info() {}, error: console.error });
  const { configurationProblem } = await import("@/lib/startup/check-config");
  const problem = configurationProblem();
  if (!problem) return 0;
  console.error(problem);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error("Promptsmith: the configuration check itself failed:", e);
    process.exit(1);
  },
);
