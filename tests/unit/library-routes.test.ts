import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  IdeaDetailSchema,
  IdeaSchema,
  type LibraryEntry,
  LibraryEntrySchema,
  pageSchema,
  type PromptVersion,
  PromptVersionSchema,
} from "@/lib/schemas";
import { call, expectError, pick, type RouteModules } from "./routes-call";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-library-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;

let routes: RouteModules;
const h = (route: string, method: string) => pick(routes, route, method);
const LibraryPageSchema = pageSchema(LibraryEntrySchema);

// Importing the route modules compiles much of the app: slow on a busy machine.
beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    prompts: await import("@/app/api/prompts/route"),
    library: await import("@/app/api/library/route"),
    entry: await import("@/app/api/library/[id]/route"),
    use: await import("@/app/api/library/[id]/use/route"),
    idea: await import("@/app/api/ideas/[id]/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
});

async function refine(idea: string, backend = "offline"): Promise<PromptVersion> {
  const res = await call(h("refine", "POST"), {
    method: "POST",
    body: { idea, refiner: "offline", backend, style: "watercolor" },
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

const star = (versionId: string, name: string) =>
  call(h("library", "POST"), { method: "POST", body: { versionId, name } });

async function list(query = ""): Promise<LibraryEntry[]> {
  const res = await call(h("library", "GET"), { path: `/api/library${query}` });
  expect(res.status).toBe(200);
  return LibraryPageSchema.parse(await res.json()).items;
}

describe("the library", () => {
  it("stars a version (201), and starring it again renames the one entry (200)", async () => {
    const v = await refine("a fox in the snow, cozy", "automatic1111");
    const res = await star(v.id, "  Cozy fox  ");
    expect(res.status).toBe(201);
    const entry = LibraryEntrySchema.parse(await res.json());
    expect(entry).toMatchObject({
      name: "Cozy fox",
      versionId: v.id,
      ideaId: v.ideaId,
      ideaText: "a fox in the snow, cozy",
      prompt: v.prompt,
      negativePrompt: v.negativePrompt,
      style: "watercolor",
      dialect: "tags",
      parts: v.parts,
    });
    const again = await star(v.id, "Fox, renamed");
    expect(again.status).toBe(200);
    expect(LibraryEntrySchema.parse(await again.json())).toEqual({ ...entry, name: "Fox, renamed" });
    expect((await list()).filter((e) => e.versionId === v.id)).toHaveLength(1);

    const detail = IdeaDetailSchema.parse(await (await call(h("idea", "GET"), {}, { id: v.ideaId })).json());
    expect(detail.library.map((e) => [e.id, e.name])).toEqual([[entry.id, "Fox, renamed"]]);
  });

  it("searches by name, prompt and idea text, case-insensitively, newest first with a cursor", async () => {
    const a = await refine("a lighthouse at dusk");
    const b = await refine("a quiet tea house");
    const ea = LibraryEntrySchema.parse(await (await star(a.id, "Coastal STUDY")).json());
    const eb = LibraryEntrySchema.parse(await (await star(b.id, "Zen")).json());
    expect((await list("?q=coastal")).map((e) => e.id)).toEqual([ea.id]);
    expect((await list("?q=LIGHTHOUSE")).map((e) => e.id)).toEqual([ea.id]);
    expect((await list("?q=tea%20quiet")).map((e) => e.id)).toEqual([eb.id]);
    expect(await list("?q=nothing-like-this")).toEqual([]);

    const first = LibraryPageSchema.parse(
      await (await call(h("library", "GET"), { path: "/api/library?limit=1" })).json(),
    );
    expect(first.items.map((e) => e.id)).toEqual([eb.id]);
    const second = LibraryPageSchema.parse(
      await (await call(h("library", "GET"), { path: `/api/library?limit=1&cursor=${first.nextCursor}` })).json(),
    );
    expect(second.items.map((e) => e.id)).toEqual([ea.id]);

    await expectError(await call(h("library", "GET"), { path: "/api/library?limit=0" }), 400, "invalid_request");
    await expectError(await call(h("library", "GET"), { path: "/api/library?cursor=%%%" }), 400, "invalid_request");
    await expectError(await call(h("library", "GET"), { path: "/api/library?sort=name" }), 400, "invalid_request");
  });

  it("renames and deletes; bad bodies are 400 and change nothing; unknown ids are 404", async () => {
    const v = await refine("a paper crane");
    const entry = LibraryEntrySchema.parse(await (await star(v.id, "Crane")).json());
    const renamed = await call(
      h("entry", "PATCH"),
      { method: "PATCH", body: { name: "Origami crane" } },
      { id: entry.id },
    );
    expect(renamed.status).toBe(200);
    expect(LibraryEntrySchema.parse(await renamed.json()).name).toBe("Origami crane");

    for (const body of [{ name: "" }, { name: "   " }, { name: "x".repeat(121) }, { name: "ok", extra: true }, {}]) {
      await expectError(
        await call(h("entry", "PATCH"), { method: "PATCH", body }, { id: entry.id }),
        400,
        "invalid_request",
      );
    }
    await expectError(await star(v.id, ""), 400, "invalid_request");
    await expectError(
      await call(h("library", "POST"), { method: "POST", body: { versionId: v.id } }),
      400,
      "invalid_request",
    );
    expect((await list()).find((e) => e.id === entry.id)?.name).toBe("Origami crane");

    await expectError(await star("missing0001", "Nope"), 404, "not_found");
    await expectError(
      await call(h("entry", "PATCH"), { method: "PATCH", body: { name: "x" } }, { id: "nope1234" }),
      404,
      "not_found",
    );
    expect((await call(h("entry", "DELETE"), { method: "DELETE" }, { id: entry.id })).status).toBe(204);
    await expectError(await call(h("entry", "DELETE"), { method: "DELETE" }, { id: entry.id }), 404, "not_found");
    expect((await list()).some((e) => e.id === entry.id)).toBe(false);
    // Starring the version again makes a new entry.
    expect((await star(v.id, "Crane again")).status).toBe(201);
  });

  it("starts a new idea from an entry: its prompt, negative, style, dialect and parts; no locks", async () => {
    const v = await refine("a fox in a birch forest", "automatic1111");
    const entry = LibraryEntrySchema.parse(await (await star(v.id, "Birch fox")).json());
    const res = await call(h("use", "POST"), { method: "POST" }, { id: entry.id });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { idea: unknown; version: unknown };
    const idea = IdeaSchema.parse(body.idea);
    const version = PromptVersionSchema.parse(body.version);
    expect(idea).toMatchObject({ text: "a fox in a birch forest", title: "Birch fox" });
    expect(idea.id).not.toBe(v.ideaId);
    expect(version).toMatchObject({
      ideaId: idea.id,
      parentId: null,
      source: "edit",
      instruction: null,
      prompt: v.prompt,
      negativePrompt: v.negativePrompt,
      style: "watercolor",
      dialect: "tags",
      parts: v.parts,
      locks: [],
      direction: null,
    });
    const detail = IdeaDetailSchema.parse(await (await call(h("idea", "GET"), {}, { id: idea.id })).json());
    expect(detail.versions.map((x) => x.id)).toEqual([version.id]);
    // Not starred itself: the new idea's library list is empty.
    expect(detail.library).toEqual([]);
    await expectError(await call(h("use", "POST"), { method: "POST" }, { id: "nope1234" }), 404, "not_found");
  });

  it("an entry outlives its idea, with versionId and ideaId null, and can still start a new idea", async () => {
    const v = await refine("a snow globe city");
    const entry = LibraryEntrySchema.parse(await (await star(v.id, "Globe")).json());
    expect((await call(h("idea", "DELETE"), { method: "DELETE" }, { id: v.ideaId })).status).toBe(204);
    const kept = (await list("?q=globe")).find((e) => e.id === entry.id);
    expect(kept).toEqual({ ...entry, versionId: null, ideaId: null });
    const res = await call(h("use", "POST"), { method: "POST" }, { id: entry.id });
    expect(res.status).toBe(201);
    const { version } = (await res.json()) as { version: PromptVersion };
    expect(version.prompt).toBe(v.prompt);
  });
});
