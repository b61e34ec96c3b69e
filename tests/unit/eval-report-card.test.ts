import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { parseIdeaSet } from "@/lib/eval/idea-set";
import { type ReportCard, runCard } from "@/lib/eval/run-card";
import { runEvalCli } from "@/eval/cli";
import type { EvalSummary } from "@/lib/eval/score";
import { EVAL_TARGETS } from "@/lib/eval/targets";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import { createOfflineRefiner } from "@/lib/refine/offline";
import { forgetOutputModesForTests, openaiRefiner } from "@/lib/refine/openai-refiner";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";

/*
 * The report card (issue 11) on the shipped set, held to eval/floors.json: offline, and against
 * the fake OpenAI server. A figure below its floor (or contradictions above their ceiling) fails.
 */
type Floors = Omit<EvalSummary, "ideas" | "contradictions"> & { maxContradictions: number };
const ROOT = path.resolve(__dirname, "../..");
const floors = JSON.parse(readFileSync(path.join(ROOT, "eval/floors.json"), "utf8")) as Record<
  "offline" | "offlineProse" | "fake",
  Floors
>;
const ideas = parseIdeaSet(readFileSync(path.join(ROOT, "eval/ideas.json"), "utf8"));

function expectFloors(card: ReportCard, floor: Floors) {
  const s = card.summary;
  expect(s.ideas).toBe(ideas.length);
  for (const key of [
    "wordsKept",
    "quotedKept",
    "numbersKept",
    "withinBudget",
    "partsFilled",
    "checklistCoverage",
  ] as const) {
    expect
      .soft(s[key], `${key} ${s[key].toFixed(3)} is below its floor ${floor[key]}`)
      .toBeGreaterThanOrEqual(floor[key]);
  }
  const found = card.items.flatMap((i) => i.contradictionsFound.map((c) => `${i.idea}: ${c.id} “${c.found}”`));
  expect
    .soft(s.contradictions, `contradictions over the ceiling:\n${found.join("\n")}`)
    .toBeLessThanOrEqual(floor.maxContradictions);
}

describe("the public set", () => {
  it("has at least 80 ideas in every category the issue names", () => {
    expect(ideas.length).toBeGreaterThanOrEqual(80);
    const categories = new Set(ideas.map((i) => i.category));
    for (const c of [
      "counting",
      "colours and attribute binding",
      "spatial relations",
      "text in the image",
      "styles and media",
      "photographs vs drawn media",
      "camera angles",
      "abstract ideas",
      "long detailed ideas",
      "very short ideas",
      "other languages",
    ]) {
      expect(categories, c).toContain(c);
    }
    expect(new Set(ideas.map((i) => i.idea)).size).toBe(ideas.length);
  });
});

describe("report card, offline refiner", () => {
  it("stays at or above every floor on the shipped set (SD target: tags, 75 CLIP tokens)", async () => {
    const card = await runCard({ refiner: createOfflineRefiner({ chunkDelayMs: 0 }), ideas, target: EVAL_TARGETS.sd });
    expect(card.items.filter((i) => i.error)).toEqual([]);
    expectFloors(card, floors.offline);
  });

  it("stays at or above every floor in prose (the offline backend's target)", async () => {
    const card = await runCard({
      refiner: createOfflineRefiner({ chunkDelayMs: 0 }),
      ideas,
      target: EVAL_TARGETS.offline,
    });
    expectFloors(card, floors.offlineProse);
  });
});

describe("report card, pairwise judge", () => {
  it("asks each idea in both orders and records a failing refiner as a lost row", async () => {
    const asked: string[][] = [];
    const card = await runCard({
      refiner: {
        id: "stub",
        label: "stub",
        async refine(input) {
          if (input.idea === "boom") throw new Error("refiner down");
          return {
            prompt: `${input.idea}, soft light`,
            title: "",
            notes: [],
            model: "stub",
            parts: { subject: input.idea },
          };
        },
      },
      ideas: [
        { idea: "a fox", category: "x" },
        { idea: "boom", category: "x" },
      ],
      target: EVAL_TARGETS.sd,
      judge: async (_idea, a, b) => {
        asked.push([a, b]);
        return "A";
      },
    });
    expect(asked).toEqual([
      ["a fox, soft light", "a fox"],
      ["a fox", "a fox, soft light"],
    ]);
    // A judge that always answers "A" favours neither once the order is swapped.
    expect(card.items[0]!.judge).toEqual({ refinedWins: 1, ideaWins: 1, ties: 0, unparsed: 0 });
    expect(card.items[1]!.error).toBe("refiner down");
    expect(card.items[1]!.wordsKept).toBe(0);
    expect(card.items[1]!.withinBudget).toBe(false);
  });
});

describe("report card, OpenAI refiner against the fake", () => {
  let fake: FakeOpenAI;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeOpenAI({ port: 0, chunkGapMs: 0 });
    process.env.OPENAI_API_KEY = "sk-fake-eval-key";
    process.env.OPENAI_BASE_URL = fake.url;
    process.env.REFINE_MODEL = "gpt-5.4-mini";
    resetConfigForTests();
    resetOpenAIClientForTests();
    forgetOutputModesForTests();
  });
  afterAll(async () => {
    await fake.close();
    process.env = saved;
    resetConfigForTests();
    resetOpenAIClientForTests();
  });

  it("stays at or above every floor on the shipped set", async () => {
    const card = await runCard({ refiner: openaiRefiner, ideas, target: EVAL_TARGETS.sd, concurrency: 4 });
    expect(card.items.filter((i) => i.error).map((i) => `${i.idea}: ${i.error}`)).toEqual([]);
    expectFloors(card, floors.fake);
  });
});

describe("npm run eval (the CLI)", () => {
  const saved = { ...process.env };
  beforeAll(() => {
    // No chat model: the CLI must say so when one is needed.
    for (const key of Object.keys(process.env)) if (/^(OPENAI_|REFINE_MODEL|JUDGE)/.test(key)) delete process.env[key];
    resetConfigForTests();
    resetOpenAIClientForTests();
  });
  afterAll(() => {
    process.env = saved;
    resetConfigForTests();
  });

  const run = async (args: string[]) => {
    let stdout = "";
    let stderr = "";
    const status = await runEvalCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { status, stdout, stderr };
  };
  const tmp = (name: string, text: string) => {
    const file = path.join(os.tmpdir(), `eval-${process.pid}-${name}`);
    writeFileSync(file, text);
    return file;
  };

  it("prints the JSON card with exactly the summary's keys", async () => {
    const set = tmp(
      "ok.json",
      JSON.stringify(["two red foxes under a full moon", { idea: 'a sign that says "OPEN"', category: "text" }]),
    );
    const r = await run(["--set", set, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: Record<string, number>; items: Array<{ category: string }> };
    expect(Object.keys(out)).toEqual(["summary", "items"]);
    expect(Object.keys(out.summary).sort()).toEqual(
      [
        "checklistCoverage",
        "contradictions",
        "ideas",
        "numbersKept",
        "partsFilled",
        "quotedKept",
        "withinBudget",
        "wordsKept",
      ].sort(),
    );
    expect(out.summary.ideas).toBe(2);
    expect(out.items.map((i) => i.category)).toEqual(["uncategorized", "text"]);
    for (const [key, value] of Object.entries(out.summary)) {
      if (key !== "ideas" && key !== "contradictions") expect(value, key).toBeGreaterThanOrEqual(0);
      if (key !== "ideas" && key !== "contradictions") expect(value, key).toBeLessThanOrEqual(1);
    }
  });

  it("prints a readable table and summary by default", async () => {
    const r = await run(["--set", tmp("table.json", JSON.stringify(["pixel art knight"]))]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("pixel art knight");
    expect(r.stdout).toMatch(/content words kept\s+\d+%/);
    expect(r.stdout).toMatch(/contradictions\s+\d+/);
  });

  it("rejects a bad set file with a clear message and exit 2", async () => {
    const notJson = await run(["--set", tmp("bad.json", "{ not json")]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON/);
    const wrongShape = await run(["--set", tmp("shape.json", JSON.stringify([{ text: "x" }]))]);
    expect(wrongShape.status).toBe(2);
    expect(wrongShape.stderr).toMatch(/JSON array of strings or of \{ "idea"/);
    const empty = await run(["--set", tmp("empty.json", "[]")]);
    expect(empty.status).toBe(2);
    const missing = await run(["--set", path.join(os.tmpdir(), "no-such-eval-set.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the set file/);
    const badFlag = await run(["--refiner", "gpt"]);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toMatch(/--refiner must be offline or openai/);
  });

  it("says plainly that --judge needs a chat model, and exits non-zero", async () => {
    const r = await run(["--set", tmp("judge.json", JSON.stringify(["fox"])), "--judge"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--judge needs a chat model and none is configured/);
  });

  it("says plainly that the OpenAI refiner is not configured", async () => {
    const r = await run(["--set", tmp("openai.json", JSON.stringify(["fox"])), "--refiner", "openai"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not configured/);
  });

  it("is the package's `eval` script, run with tsx in the react-server condition", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.eval).toBe("tsx --conditions react-server eval/run.ts");
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "--conditions",
        "react-server",
        "eval/run.ts",
        "--set",
        tmp("spawn.json", "[1]"),
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 90_000 },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^eval: .*must be a non-empty JSON array/);
  }, 90_000);
});
