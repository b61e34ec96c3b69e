/**
 * .env.example lists every variable, with its default (issue 9, item 8), and stays in step with
 * lib/config.ts both ways: a variable added to the schema without a line here fails, and so does
 * a line here that nothing reads. The defaults shown are the ones the schema applies.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, configDefaults } from "@/lib/config";
import { DEFAULT_HOST, DEFAULT_PORT } from "@/scripts/start-args.mjs";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Read by scripts/start.mjs (and the standalone server), before lib/config.ts exists. */
const LAUNCHER: Record<string, string> = { HOSTNAME: DEFAULT_HOST, PORT: String(DEFAULT_PORT) };
/** Read by the AWS SDK's credential chain itself (lib/config.ts reads only the secret ones, to scrub them). */
const SDK_ONLY = ["AWS_ACCESS_KEY_ID"];

/** `NAME=value` or `# NAME=value`, a variable's line; anything else starting with # is prose. */
const VARIABLE_LINE = /^(?:#\s?)?([A-Z][A-Z0-9_]*)=(.*)$/;

type Entry = { name: string; value: string; line: number; commentedOut: boolean };

function entries(text: string): Entry[] {
  return text.split("\n").flatMap((raw, i) => {
    const m = VARIABLE_LINE.exec(raw.trim());
    return m ? [{ name: m[1] as string, value: m[2] as string, line: i + 1, commentedOut: raw.startsWith("#") }] : [];
  });
}

/** Everything compose.yaml interpolates (${NAME}, ${NAME:-default}, ${NAME:?message}). */
function composeVariables(): string[] {
  return [...new Set([...read("compose.yaml").matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] as string))];
}

const text = read(".env.example");
const listed = entries(text);
const names = listed.map((e) => e.name);

describe(".env.example", () => {
  it("lists every variable lib/config.ts reads, and HOSTNAME and PORT", () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(30);
    const missing = [...CONFIG_VARIABLES, ...Object.keys(LAUNCHER), ...SDK_ONLY].filter((n) => !names.includes(n));
    expect(missing, "add a commented line with its default to .env.example").toEqual([]);
  });

  it("lists nothing that is not read: by lib/config.ts, the launcher, the AWS SDK, or compose.yaml", () => {
    const known = new Set([...CONFIG_VARIABLES, ...Object.keys(LAUNCHER), ...SDK_ONLY, ...composeVariables()]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });

  it("names each variable once", () => {
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("shows each default as the schema applies it, and nothing where there is none", () => {
    const defaults = configDefaults();
    const wrong = listed
      .filter((e) => CONFIG_VARIABLES.includes(e.name))
      .filter((e) => e.value !== (defaults[e.name] === undefined ? "" : String(defaults[e.name])))
      .map((e) => `${e.name}=${e.value} (the default is ${JSON.stringify(defaults[e.name])})`);
    expect(wrong).toEqual([]);
    expect(listed.filter((e) => e.name in LAUNCHER && e.value !== LAUNCHER[e.name])).toEqual([]);
  });

  it("sets nothing for the app: every app variable's line is commented out, so a copy as .env changes nothing", () => {
    const appNames = new Set([...CONFIG_VARIABLES, ...Object.keys(LAUNCHER), ...SDK_ONLY]);
    expect(listed.filter((e) => appNames.has(e.name) && !e.commentedOut).map((e) => e.name)).toEqual([]);
  });

  it("explains each variable in a comment line right above it (or above its group)", () => {
    const lines = text.split("\n");
    const unexplained = listed.filter((e) => {
      for (let i = e.line - 2; i >= 0; i--) {
        const above = (lines[i] ?? "").trim();
        if (VARIABLE_LINE.test(above)) continue; // one comment may head a group (RATE_*_PER_MIN, _BURST)
        return !/^# \S/.test(above);
      }
      return true;
    });
    expect(unexplained.map((e) => e.name)).toEqual([]);
  });

  it("holds no secret: every password, key, token and secret is left empty", () => {
    const secretish = listed.filter((e) => /PASSWORD|SECRET|TOKEN|_KEY|_AUTH|DATABASE_URL/.test(e.name));
    expect(secretish.length).toBeGreaterThan(8);
    expect(secretish.filter((e) => e.value !== "")).toEqual([]);
  });

  it("covers every variable compose.yaml interpolates", () => {
    expect(composeVariables().filter((n) => !names.includes(n))).toEqual([]);
  });
});
