/**
 * Issue 14.1: a bad configuration stops `npm start` with one clear message naming the variable,
 * exit code 1, within seconds, before anything is built or listens; never printing a secret.
 * Runs the real launcher with `--check`, which goes through the same steps as `npm start` up to
 * the build (and so can never start one).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-start-config-"));
const badPolicy = path.join(dir, "policy.json");
writeFileSync(badPolicy, '{"categories": {"x": ');
const badWorkflow = path.join(dir, "workflow.json");
writeFileSync(badWorkflow, JSON.stringify({ "1": { class_type: "KSampler", inputs: {} } }));

type Run = { code: number | null; output: string; ms: number };

/** `node scripts/start.mjs --check` with only these variables (and PATH), as a fresh shell would run it. */
function startCheck(vars: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ["scripts/start.mjs", "--check"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      NODE_ENV: "production",
      DATA_DIR: path.join(dir, "data"),
      ...vars,
    },
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output, ms: Date.now() - started })));
}

const SECRET = "S3cret-do-not-print-7731";

/** [kind, variables, the variable the message must name, a value it must not print] */
const CASES: Array<[string, Record<string, string>, string, string?]> = [
  ["an unknown enum value", { LOG_LEVEL: "bogus" }, "LOG_LEVEL"],
  ["a number that is not one", { OPENAI_CONCURRENCY: "many" }, "OPENAI_CONCURRENCY"],
  ["a number out of range", { GENERATE_RETRIES: "99" }, "GENERATE_RETRIES"],
  ["a URL that is not one", { A1111_URL: "not a url" }, "A1111_URL"],
  [
    "a database URL of the wrong kind, with a password",
    { DATABASE_URL: `mysql://admin:${SECRET}@db/x` },
    "DATABASE_URL",
    SECRET,
  ],
  ["A1111_AUTH without a colon (a secret)", { A1111_AUTH: SECRET }, "A1111_AUTH", SECRET],
  [
    "an OpenAI base URL with a key in it, malformed",
    { OPENAI_BASE_URL: `http//user:${SECRET}@host` },
    "OPENAI_BASE_URL",
    SECRET,
  ],
  ["a policy file that is not JSON", { MODERATION_POLICY_FILE: badPolicy }, "MODERATION_POLICY_FILE"],
  ["a policy file that is missing", { MODERATION_POLICY_FILE: path.join(dir, "nope.json") }, "MODERATION_POLICY_FILE"],
  ["a ComfyUI workflow file that is missing", { COMFYUI_WORKFLOW: path.join(dir, "missing.json") }, "COMFYUI_WORKFLOW"],
  ["a ComfyUI workflow without its placeholders", { COMFYUI_WORKFLOW: badWorkflow }, "COMFYUI_WORKFLOW"],
  ["a port that is not a number", { PORT: "http" }, "PORT"],
  ["a host an option parser could misread", { HOSTNAME: "--inspect" }, "HOSTNAME"],
];

describe("npm start refuses a bad configuration", () => {
  // All at once: each is a separate process, and the machine may be busy.
  const runs = new Map(CASES.map(([kind, vars]) => [kind, startCheck(vars)]));

  it.each(CASES)(
    "%s: exits 1 within seconds, naming the variable",
    { timeout: 90_000 },
    async (kind, _vars, name, secret) => {
      const run = await runs.get(kind);
      expect(run?.code, run?.output).toBe(1);
      expect(run?.output).toMatch(/^Promptsmith: invalid configuration/m);
      expect(run?.output).toContain(`${name}`);
      expect(run?.output).not.toContain("configuration is valid");
      if (secret) expect(run?.output).not.toContain(secret);
      // Seconds, not a build: generous for a machine running many tests at once.
      expect(run?.ms).toBeLessThan(45_000);
    },
  );

  it("accepts a good configuration (so the refusals above are about the values)", { timeout: 90_000 }, async () => {
    const run = await startCheck({
      LOG_LEVEL: "warn",
      A1111_AUTH: `user:${SECRET}`,
      HOSTNAME: "0.0.0.0",
      PORT: "3999",
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("Promptsmith: the configuration is valid.");
    expect(run.output).not.toContain(SECRET);
  });
});
