import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { resetPolicyForTests } from "@/lib/safety/moderate";
import { logModerationMode } from "@/lib/safety/mode-log";

function configure(env: Record<string, string>) {
  for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "MODERATION_URL", "MODERATION", "MODERATION_POLICY_FILE"]) {
    delete process.env[k];
  }
  Object.assign(process.env, env);
  resetConfigForTests();
  resetPolicyForTests();
}

function captured(run: () => void): string {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.join("");
}

afterEach(() => configure({}));

describe("logModerationMode", () => {
  it("warns loudly when moderation is off", () => {
    configure({ MODERATION: "off" });
    const text = captured(logModerationMode);
    expect(text).toMatch(/"level":"warn"/);
    expect(text).toMatch(/MODERATION IS OFF/);
  });

  it("says what checks ideas and prompts when it is on, with no key in the line", () => {
    configure({ OPENAI_API_KEY: "sk-fake-mode-key-not-real", MODERATION_URL: "http://user:pw@127.0.0.1:9/v1" });
    const text = captured(logModerationMode);
    expect(text).toMatch(/"msg":"moderation on"/);
    expect(text).toMatch(/"policy":"built-in"/);
    expect(text).toMatch(/omni-moderation-latest at http:\/\/127\.0\.0\.1:9/);
    expect(text).not.toContain("sk-fake-mode-key");
    expect(text).not.toContain("pw@");
    configure({});
    expect(captured(logModerationMode)).toMatch(/"remote":"none/);
  });
});
