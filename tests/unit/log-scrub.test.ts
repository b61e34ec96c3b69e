import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { scrubbedForPeople } from "@/lib/http/handle";
import { log, scrubSecrets } from "@/lib/log";
import { scrubText, secretMatcher } from "@/lib/security/scrub";

const SECRETS = {
  OPENAI_API_KEY: "local-openai-key-0123456789",
  A1111_AUTH: "sduser:a1111-pass-word",
  APP_PASSWORD: "app pass/word+1",
  API_TOKENS: "script-token-aaaa,script-token-bbbb",
  SESSION_SECRET: "session-secret-value-xyz",
  A1111_URL: "http://urluser:url-pass-123@127.0.0.1:7860",
  COMFYUI_URL: "http://comfy:comfy-pass-456@127.0.0.1:8188/",
};
const saved = Object.fromEntries(Object.keys(SECRETS).map((k) => [k, process.env[k]]));

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

beforeEach(() => setEnv(SECRETS));
afterAll(() => setEnv(saved));

describe("scrubText: credential shapes", () => {
  it.each([
    ["key sk-proj-fake-scrub-test-key in text", "key [redacted] in text"],
    ["Authorization: Bearer abc.def-ghi_jkl~mno+/==", "Authorization: Bearer [redacted]"],
    ["authorization: basic dXNlcjpwYXNzd29yZA==", "authorization: basic [redacted]"],
    ["GET http://user:pass@host:7860/sdapi/v1", "GET http://[redacted]@host:7860/sdapi/v1"],
    ["wss://token123@host/ws", "wss://[redacted]@host/ws"],
    ["postgres://app:s3cr3t@db.internal:5432/ps", "postgres://[redacted]@db.internal:5432/ps"],
    ['{"password":"hunter22","x":1}', '{"password":"[redacted]","x":1}'],
    ["url?api_key=abcdef123&next=1", "url?api_key=[redacted]&next=1"],
    ["SESSION_SECRET=abcdefgh", "SESSION_SECRET=[redacted]"],
  ])("%s", (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    "a risk-assessment-of-the-plan task-abcdefghij",
    "a mailto:someone@example.test link",
    "http://host:7860/path?email=a@b.test",
    "CLIP reads 77 tokens at a time",
    "the basic idea of a watercolor",
  ])("leaves ordinary text alone: %s", (input) => {
    expect(scrubText(input)).toBe(input);
  });

  it("scrubs given values in every form they travel in, longest first", () => {
    const re = secretMatcher(["p@ss w/ord", "short", undefined]);
    const text = [
      "raw p@ss w/ord",
      `json ${JSON.stringify({ v: 'p@ss w/ord"' })}`,
      `url ${encodeURIComponent("p@ss w/ord")}`,
      `b64 ${Buffer.from("p@ss w/ord").toString("base64")}`,
      "short stays",
    ].join(" | ");
    const out = scrubText(text, re);
    expect(out).not.toContain("p@ss w/ord");
    expect(out).not.toContain(encodeURIComponent("p@ss w/ord"));
    expect(out).not.toContain(Buffer.from("p@ss w/ord").toString("base64"));
    expect(out).toContain("short stays");
  });
});

describe("scrubSecrets: the configured secrets, by value", () => {
  it("removes every configured secret, whatever surrounds it", () => {
    const text = [
      `key=${SECRETS.OPENAI_API_KEY}`,
      `auth ${SECRETS.A1111_AUTH}`,
      "pw a1111-pass-word",
      `typed ${SECRETS.APP_PASSWORD}`,
      "token script-token-bbbb",
      `secret(${SECRETS.SESSION_SECRET})`,
      "from url url-pass-123 and comfy-pass-456",
      `basic ${Buffer.from(SECRETS.A1111_AUTH).toString("base64")}`,
    ].join("\n");
    const out = scrubSecrets(text);
    for (const secret of [
      SECRETS.OPENAI_API_KEY,
      SECRETS.A1111_AUTH,
      "a1111-pass-word",
      SECRETS.APP_PASSWORD,
      "script-token-aaaa",
      "script-token-bbbb",
      SECRETS.SESSION_SECRET,
      "url-pass-123",
      "comfy-pass-456",
      Buffer.from(SECRETS.A1111_AUTH).toString("base64"),
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(9);
  });

  it("never writes a configured secret into a log line, even inside an error's cause", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const cause = new Error(`upstream said: bad key ${SECRETS.OPENAI_API_KEY} for "${SECRETS.APP_PASSWORD}"`);
      log.error("provider failed", { error: new AppError("backend_error", "The provider failed.", { cause }) });
    } finally {
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("provider failed");
    expect(lines[0]).not.toContain(SECRETS.OPENAI_API_KEY);
    expect(lines[0]).not.toContain(JSON.stringify(SECRETS.APP_PASSWORD).slice(1, -1));
    expect(lines[0]).toContain("[redacted]");
  });
});

describe("messages people see", () => {
  it("are scrubbed the same way before a route answers", () => {
    const e = new AppError(
      "backend_error",
      `ComfyUI failed: could not open http://comfy:comfy-pass-456@127.0.0.1:8188/x`,
      {
        details: { url: SECRETS.A1111_URL, token: "script-token-aaaa" },
        retryAfter: 3,
      },
    );
    const out = scrubbedForPeople(e) as AppError;
    expect(out).toBeInstanceOf(AppError);
    expect(out.code).toBe("backend_error");
    expect(out.retryAfter).toBe(3);
    expect(out.message).not.toContain("comfy-pass-456");
    expect(JSON.stringify(out.details)).not.toContain("url-pass-123");
    expect(JSON.stringify(out.details)).not.toContain("script-token-aaaa");
    const clean = new AppError("not_found", "The idea was not found.");
    expect(scrubbedForPeople(clean)).toBe(clean);
  });

  it("the catalog (sent to every browser) names no key, password or URL credential", async () => {
    const { getCatalog } = await import("@/lib/studio/catalog");
    const text = JSON.stringify(getCatalog());
    expect(text).toContain("automatic1111");
    for (const secret of [
      "local-openai-key",
      "a1111-pass-word",
      "url-pass-123",
      "comfy-pass-456",
      "urluser",
      "sduser",
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
