/**
 * Issue 14.1 for a bare `next start`: Next 16 runs register() after it listens and only logs what
 * it throws, so register() itself must end the process (exit 1, the message once) on any failure.
 * tests/e2e/startup-config.spec.ts proves it on the real server.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";

const saved = { ...process.env };

class Exited extends Error {}

beforeEach(() => {
  process.env.NEXT_RUNTIME = "nodejs";
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-register-"));
  resetConfigForTests();
});
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
  vi.restoreAllMocks();
});

async function registerOutcome() {
  const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Exited(`exit ${code}`);
  });
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const { register } = await import("@/instrumentation");
  const thrown = await register().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { exit, errors, thrown };
}

describe("register()", () => {
  it("ends the process with exit code 1 and one message naming the variable on a bad configuration", async () => {
    process.env.LOG_LEVEL = "bogus";
    const { exit, errors, thrown } = await registerOutcome();
    expect(thrown).toBeInstanceOf(Exited);
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/^Promptsmith: invalid configuration[\s\S]*LOG_LEVEL/);
  });

  it("ends it too when a file a variable names is broken, without printing a secret", async () => {
    process.env.MODERATION_POLICY_FILE = path.join(tmpdir(), "promptsmith-no-such-policy.json");
    process.env.APP_PASSWORD = "register-S3cret-pw";
    const { exit, errors } = await registerOutcome();
    expect(exit).toHaveBeenCalledWith(1);
    const printed = errors.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(printed).toContain("MODERATION_POLICY_FILE");
    expect(printed).not.toContain("register-S3cret-pw");
  });

  it("starts normally (no exit) with a good configuration", async () => {
    const { exit, thrown } = await registerOutcome();
    expect(thrown).toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
  });
});
