/**
 * A checklist per version over HTTP (issue 11): the offline refiner writes one, POST /api/prompts
 * saves an edited list as a new version (ids for new items assigned, an unchanged save kept once),
 * a prompt edit keeps the parent's list, and refining further carries it on.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorBodySchema, PromptVersionSchema } from "@/lib/schemas";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-routes-checks-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let refineRoute: Handler;
let promptsRoute: Handler;

function post(handler: Handler, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost/api", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({}) });
}

async function version(res: Response) {
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  refineRoute = (await import("@/app/api/refine/route")).POST as unknown as Handler;
  promptsRoute = (await import("@/app/api/prompts/route")).POST as unknown as Handler;
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
});

describe("checklists over HTTP", () => {
  it("refines with a checklist, saves an edited one as a new version, and carries it on", async () => {
    const first = await version(await post(refineRoute, { idea: "two red foxes under a full moon" }));
    expect(first.checks.map((c) => [c.id, c.kind])).toEqual([
      ["c1", "count"],
      ["c2", "attribute"],
      ["c3", "relation"],
      ["c4", "setting"],
    ]);

    // Remove the setting, reword the relation, add a new item (no id: the server numbers it).
    const checks = [
      first.checks[0],
      first.checks[1],
      { ...first.checks[2], text: "both foxes sit under a full moon" },
      { text: "the foxes look at each other", kind: "relation" },
    ];
    const body = { parentId: first.id, prompt: first.prompt, checks };
    const edited = await version(await post(promptsRoute, body));
    expect(edited).toMatchObject({ parentId: first.id, source: "edit", prompt: first.prompt, refiner: "manual" });
    expect(edited.notes).toEqual(["Checklist edited by hand."]);
    expect(edited.checks).toEqual([
      first.checks[0],
      first.checks[1],
      { ...first.checks[2], text: "both foxes sit under a full moon" },
      { id: "c4", text: "the foxes look at each other", kind: "relation", words: [] },
    ]);
    expect(edited.parts).toEqual(first.parts);

    // The same prompt and checklist again is the same version; another checklist is another.
    expect((await version(await post(promptsRoute, body))).id).toBe(edited.id);
    const fewer = await version(await post(promptsRoute, { ...body, checks: checks.slice(0, 2) }));
    expect(fewer.id).not.toBe(edited.id);
    expect(fewer.checks).toHaveLength(2);

    // A prompt edit keeps its parent's checklist.
    const reworded = await version(await post(promptsRoute, { parentId: edited.id, prompt: `${first.prompt} Snow.` }));
    expect(reworded.checks).toEqual(edited.checks);
    expect(reworded.notes).toEqual(["Edited by hand."]);

    // Refining further keeps the list and lets the instruction replace the count.
    const child = await version(await post(refineRoute, { parentId: reworded.id, instruction: "make it one fox" }));
    expect(child.checks.map((c) => c.text)).toEqual([
      "there is exactly one fox",
      "the foxes are red",
      "both foxes sit under a full moon",
      "the foxes look at each other",
    ]);
    expect(child.checks[0]?.id).toBe("c5");
  });

  it("refuses a checklist that breaks the contract", async () => {
    const first = await version(await post(refineRoute, { idea: "a lighthouse at dusk" }));
    const bad = [
      [{ text: "x", kind: "mood" }],
      [{ text: "", kind: "entity" }],
      [{ id: "no spaces", text: "x", kind: "entity" }],
      Array.from({ length: 17 }, (_, i) => ({ text: `item ${i}`, kind: "entity" })),
    ];
    for (const checks of bad) {
      const res = await post(promptsRoute, { parentId: first.id, prompt: first.prompt, checks });
      expect(res.status, JSON.stringify(checks).slice(0, 60)).toBe(400);
      expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("invalid_request");
    }
  });

  it("gives a new idea saved as written the checklist it came with", async () => {
    const v = await version(
      await post(promptsRoute, {
        idea: "a sign",
        prompt: 'a sign that says "OPEN"',
        source: "verbatim",
        checks: [{ text: "the sign reads “OPEN”", kind: "text", words: ["OPEN"] }],
      }),
    );
    expect(v.checks).toEqual([{ id: "c1", text: "the sign reads “OPEN”", kind: "text", words: ["OPEN"] }]);
  });
});
