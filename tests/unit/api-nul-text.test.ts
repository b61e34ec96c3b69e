/**
 * U+0000 in the API's text (the tryout of #9 found a data folder holding it could not be moved to
 * Postgres, which refuses it): every body and query goes through lib/http/parse.ts, which
 * refuses a NUL anywhere with 400 invalid_request naming the field, before any use case runs,
 * on either store. The same requests without the NUL succeed, so it is the NUL that is refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { findNul } from "@/lib/http/nul-text";
import type { LibraryEntry, PromptVersion } from "@/lib/schemas";
import { getStore, resetStoreForTests } from "@/lib/store";
import { setEnv } from "./harness/proxy";
import { type CallInit, call, expectError, type Handler } from "./routes-call";
import { describeEachDialect } from "./store-dialects";

const VARS = ["DATA_DIR", "DATABASE_URL", "STORAGE", "APP_PASSWORD", "OPENAI_API_KEY", "OPENAI_BASE_URL"] as const;
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));

const refine = (await import("@/app/api/refine/route")).POST as Handler;
const prompts = (await import("@/app/api/prompts/route")).POST as Handler;
const generate = (await import("@/app/api/generate/route")).POST as Handler;
const library = (await import("@/app/api/library/route")) as unknown as Record<"GET" | "POST", Handler>;
const libraryEntry = (await import("@/app/api/library/[id]/route")).PATCH as unknown as Handler;
const tokenize = (await import("@/app/api/tokenize/route")).POST as Handler;
const images = (await import("@/app/api/images/route")).GET as Handler;
const ideas = (await import("@/app/api/ideas/route")).GET as Handler;

const dirs: string[] = [];
async function useEnv(vars: Record<string, string>): Promise<void> {
  await resetStoreForTests();
  const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-nul-"));
  dirs.push(dataDir);
  setEnv({
    DATA_DIR: dataDir,
    DATABASE_URL: undefined,
    STORAGE: undefined,
    APP_PASSWORD: undefined,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    ...vars,
  });
}

afterEach(() => resetStoreForTests());
afterAll(async () => {
  await resetStoreForTests();
  setEnv(saved);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Everything the requests below could have written. */
async function stored() {
  const store = getStore();
  const ideaList = (await store.listIdeas({ limit: 100 })).items;
  return {
    ideas: ideaList,
    versions: await Promise.all(ideaList.map((i) => store.listVersions(i.id))),
    generations: await Promise.all(ideaList.map((i) => store.listGenerationsForIdea(i.id))),
    library: (await store.listLibrary({ limit: 100 })).items,
  };
}

const post = (body: unknown): CallInit => ({ method: "POST", body });

describeEachDialect("U+0000 in the API's text", (dialect) => {
  it("is refused with 400 invalid_request naming the field, on every route that takes text; nothing is stored", async () => {
    await useEnv(dialect.env());
    // The store is live and these routes write: the same requests without a NUL succeed.
    const saved = await call(prompts, post({ idea: "a fox in snow", prompt: "a fox in snow, dusk" }));
    expect(saved.status).toBe(201);
    const version = (await saved.json()) as PromptVersion;
    const starred = await call(library.POST, post({ versionId: version.id, name: "Fox" }));
    expect(starred.status).toBe(201);
    const entry = (await starred.json()) as LibraryEntry;
    const before = await stored();
    expect(before.ideas).toHaveLength(1);

    const cases: [string, Handler, CallInit, string, Record<string, string>?][] = [
      ["refine, a new idea", refine, post({ idea: "a fox\u0000 in snow" }), "idea"],
      [
        "refine, an instruction",
        refine,
        post({ parentId: version.id, instruction: "make it\u0000 night" }),
        "instruction",
      ],
      ["a new idea's prompt", prompts, post({ idea: "a cat", prompt: "a cat\u0000" }), "prompt"],
      [
        "an edit's negative prompt",
        prompts,
        post({ parentId: version.id, prompt: "a fox", negativePrompt: "\u0000" }),
        "negativePrompt",
      ],
      ["a star's name", library.POST, post({ versionId: version.id, name: "Fox\u0000" }), "name"],
      ["a rename", libraryEntry, { method: "PATCH", body: { name: "Fox\u0000 again" } }, "name", { id: entry.id }],
      ["a tokenized prompt", tokenize, post({ backend: "offline", prompt: "a\u0000b" }), "prompt"],
      [
        "a generation's sampler",
        generate,
        post({ promptId: version.id, backend: "offline", params: { sampler: "Euler\u0000" } }),
        "params.sampler",
      ],
      ["a key", prompts, post({ "idea\u0000": "a cat", prompt: "a cat" }), "idea\\u0000"],
      ["an array item", prompts, post({ idea: "a cat", prompt: "a cat", extra: ["ok", "no\u0000"] }), "extra.1"],
      ["a gallery search", images, { path: "/api/images?q=fox%00" }, "q"],
      ["an idea search", ideas, { path: "/api/ideas?q=%00" }, "q"],
      ["a library search", library.GET, { path: "/api/library?q=a%00b" }, "q"],
    ];
    for (const [what, handler, init, field, params] of cases) {
      const body = await expectError(await call(handler, init, params), 400, "invalid_request");
      expect(body.error.message, what).toBe(`${field}: must not contain the NUL character (U+0000)`);
      expect(body.error.details, what).toEqual([
        { path: field, message: "must not contain the NUL character (U+0000)", code: "nul_character" },
      ]);
    }
    const whole = await expectError(
      await call(prompts, { method: "POST", rawBody: '"a\\u0000b"' }),
      400,
      "invalid_request",
    );
    expect(whole.error.message).toBe("The request must not contain the NUL character (U+0000).");

    expect(await stored()).toEqual(before);
    // And the escaped form of the same character is text like any other.
    const plain = await call(prompts, post({ idea: "a cat", prompt: "a cat, \\u0000 as written" }));
    expect(plain.status).toBe(201);
  });
});

describe("findNul", () => {
  it("finds the first string or key holding U+0000, in document order, however deep", () => {
    expect(findNul({ a: "x", b: ["y", { c: "z" }] })).toBeUndefined();
    expect(findNul("\u0000")).toEqual([]);
    expect(findNul({ a: "ok", b: { c: ["x", "y\u0000"], d: "\u0000" } })).toEqual(["b", "c", 1]);
    expect(findNul({ a: { "k\u0000": 1 } })).toEqual(["a", "k\u0000"]);
    expect(findNul([1, true, null, 2.5, "fine"])).toBeUndefined();
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const started = Date.now();
    expect(findNul(deep)).toHaveLength(200_000);
    // Linear: a 1 MB body of brackets must not cost the server seconds.
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
