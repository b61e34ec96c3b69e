import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { moderate, resetPolicyForTests } from "@/lib/safety/moderate";
import { logModerationMode } from "@/lib/safety/mode-log";
import { buildPolicy } from "@/lib/safety/policy";

const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-policy-"));
let n = 0;
function policyFile(content: unknown): string {
  const file = path.join(dir, `policy-${++n}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}
const categoriesOf = (file: string, text: string) =>
  buildPolicy(file)
    .matcher.check(text)
    .map((h) => h.category);

function buildError(content: unknown): string {
  try {
    buildPolicy(policyFile(content));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the policy file to be refused");
}

describe("MODERATION_POLICY_FILE", () => {
  it("adds terms to a built-in category", () => {
    const file = policyFile({ categories: { "violence/graphic": { terms: ["chainsaw massacre"] } } });
    expect(categoriesOf(file, "a chainsaw massacre in a cabin")).toEqual(["violence/graphic"]);
    // The built-in terms stay.
    expect(categoriesOf(file, "gore")).toEqual(["violence/graphic"]);
    expect(buildPolicy().matcher.check("a chainsaw massacre in a cabin")).toEqual([]);
  });

  it("adds words to a list, which every rule using that list then knows", () => {
    const file = policyFile({ lists: { "real-people": ["jane example"] } });
    expect(categoriesOf(file, "Jane Example, nude on a beach")).toEqual(["sexual/real-people"]);
    expect(categoriesOf(file, "Jane Example on a beach")).toEqual([]);
  });

  it("adds a new category with its own label, terms and pairs", () => {
    const file = policyFile({
      categories: {
        "brands/competitor": {
          label: "a competitor's brand",
          terms: ["acme corp*"],
          pairs: [{ a: ["logo"], b: ["@weapons"], window: 2 }],
        },
      },
    });
    const policy = buildPolicy(file);
    expect(policy.labels.get("brands/competitor")).toBe("a competitor's brand");
    expect(policy.enabled.has("brands/competitor")).toBe(true);
    expect(categoriesOf(file, "the ACME Corporation headquarters")).toEqual(["brands/competitor"]);
    expect(categoriesOf(file, "a logo with a bomb")).toEqual(["brands/competitor"]);
  });

  it("switches categories off (offline and remote alike), and allows phrases", () => {
    const file = policyFile({ disable: ["sexual", "violence"], allow: ["gore gulch"] });
    const policy = buildPolicy(file);
    expect(categoriesOf(file, "hardcore porn")).toEqual([]);
    expect(policy.enabled.has("sexual")).toBe(false);
    expect(policy.enabled.has("violence")).toBe(false);
    expect(categoriesOf(file, "a saloon in Gore Gulch")).toEqual([]);
    // Switching one off leaves the others.
    expect(categoriesOf(file, "a naked child")).toEqual(["sexual/minors"]);
  });

  it.each([
    ["not JSON", "{ nope", /not valid JSON/],
    ["an unknown key", { disabled: ["sexual"] }, /Unrecognized key.*disabled|disabled/],
    ["a term of the wrong type", { categories: { hate: { terms: [42] } } }, /categories\.hate\.terms\.0/],
    ["an unknown category to disable", { disable: ["spam"] }, /no category "spam"/],
    ["switching off sexual/minors", { disable: ["sexual/minors"] }, /"sexual\/minors" cannot be switched off/],
    ["a new category without a label", { categories: { spam: { terms: ["buy now"] } } }, /needs a "label"/],
    ["an unknown list", { categories: { hate: { pairs: [{ a: ["@nope"], b: ["x"] }] } } }, /no word list "@nope"/],
    ["a misplaced wildcard", { categories: { hate: { terms: ["fo*o"] } } }, /a \* may only end a word/],
    ["a phrase with no letters", { allow: ["!!!"] }, /has no letters or digits/],
  ])("refuses %s with a message that says where", (_name, content, message) => {
    const error = buildError(content);
    expect(error).toMatch(/^MODERATION_POLICY_FILE \(.*policy-\d+\.json\)/);
    expect(error).toMatch(message);
  });

  it("refuses a file that is not there", () => {
    expect(() => buildPolicy(path.join(dir, "missing.json"))).toThrow(/cannot read it \(ENOENT\)/);
  });
});

describe("the policy file through the configuration", () => {
  afterEach(() => {
    delete process.env.MODERATION_POLICY_FILE;
    delete process.env.MODERATION;
    resetConfigForTests();
    resetPolicyForTests();
  });

  function configure(env: Record<string, string>) {
    delete process.env.OPENAI_API_KEY;
    delete process.env.MODERATION_URL;
    Object.assign(process.env, env);
    resetConfigForTests();
    resetPolicyForTests();
  }

  it("is used by moderate()", async () => {
    configure({ MODERATION_POLICY_FILE: policyFile({ categories: { hate: { terms: ["zorblax"] } } }) });
    expect(await moderate({ texts: { prompt: "a zorblax banner" }, stage: "generate" })).toMatchObject({
      allowed: false,
      source: "policy",
      categories: ["hate"],
    });
  });

  it("stops the start with a clear Error when invalid, and fails requests without details", async () => {
    configure({ MODERATION_POLICY_FILE: policyFile("[1, 2") });
    expect(() => logModerationMode()).toThrow(/MODERATION_POLICY_FILE .*not valid JSON/);
    const e = await moderate({ texts: { prompt: "a fox" }, stage: "generate" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("internal");
    expect((e as AppError).message).not.toContain(dir);
  });

  it("is not even read when MODERATION=off", async () => {
    configure({ MODERATION: "off", MODERATION_POLICY_FILE: path.join(dir, "missing.json") });
    expect(() => logModerationMode()).not.toThrow();
    expect(await moderate({ texts: { prompt: "gore" }, stage: "generate" })).toEqual({ allowed: true });
  });
});
