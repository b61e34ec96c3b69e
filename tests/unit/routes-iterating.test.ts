import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RefineInput, Refiner } from "@/lib/refine/types";
import { IdeaDetailSchema, type PromptVersion, PromptVersionSchema } from "@/lib/schemas";
import { call, expectError, parseSse, pick, type RouteModules } from "./routes-call";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-routes-iter-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
// The scripted refiner below is not an offline one, so it would meet the chat-model limit (a burst of 10).
process.env.RATE_REFINE_BURST = "100000";
process.env.RATE_REFINE_PER_MIN = "100000";

/*
 * A scripted refiner ("fake") beside the real ones: it streams word by word, can be told to
 * fail for one direction or to wait until stopped, keeps a locked subject, and reports one part
 * that is not in its prompt (which the studio must drop).
 */
const fake = vi.hoisted(() => {
  const state = {
    inputs: [] as RefineInput[],
    failDirections: new Set<string>(),
    /** Directions that never finish until aborted. */
    hangDirections: new Set<string>(),
    delayMs: 2,
    /** Notes to return instead of the default ones. */
    notes: undefined as string[] | undefined,
  };
  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new DOMException("Aborted", "AbortError"));
      const onAbort = () => {
        clearTimeout(timer);
        reject(new DOMException("Aborted", "AbortError"));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  const refiner: Refiner = {
    id: "fake",
    label: "Scripted refiner",
    async refine(input, { signal, onDelta }) {
      state.inputs.push(input);
      const dir = input.direction?.id ?? "single";
      const subject = (input.locks?.includes("subject") && input.parent?.parts?.subject) || "a red fox";
      const lighting = input.instruction
        ? "silver moonlight"
        : dir === "dramatic-light"
          ? "hard rim light"
          : "soft dawn light";
      const prompt = `${subject} curled in deep snow, ${lighting}, ${dir} take`;
      let soFar = "";
      for (const word of prompt.split(" ")) {
        await sleep(state.delayMs, signal);
        soFar = soFar ? `${soFar} ${word}` : word;
        onDelta?.(soFar);
      }
      if (state.hangDirections.has(dir)) await sleep(60_000, signal);
      if (state.failDirections.has(dir)) {
        const { AppError } = await import("@/lib/errors");
        throw new AppError("backend_error", `The ${dir} candidate failed.`);
      }
      return {
        prompt,
        negativePrompt: "blurry, watermark",
        title: "Fox in snow",
        notes: state.notes ?? [`Wrote the ${dir} take.`],
        model: "fake-1",
        parts: {
          subject,
          setting: "deep snow",
          lighting,
          negative: "blurry",
          details: "this phrase is nowhere in the prompt",
        },
      };
    },
  };
  return { state, refiner };
});

vi.mock("@/lib/refine/registry", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/refine/registry")>();
  return { ...real, getRefiner: (id?: string) => (id === "fake" ? fake.refiner : real.getRefiner(id)) };
});

let routes: RouteModules;
const h = (route: string, method: string) => pick(routes, route, method);

// Importing the route modules compiles much of the app: slow on a busy machine.
beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  routes = {
    refine: await import("@/app/api/refine/route"),
    prompts: await import("@/app/api/prompts/route"),
    prompt: await import("@/app/api/prompts/[id]/route"),
    ideas: await import("@/app/api/ideas/route"),
    idea: await import("@/app/api/ideas/[id]/route"),
  } as unknown as RouteModules;
}, 60_000);

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
});

beforeEach(() => {
  fake.state.inputs = [];
  fake.state.failDirections.clear();
  fake.state.hangDirections.clear();
  fake.state.notes = undefined;
});

const JSON_ACCEPT = { accept: "application/json" };

async function refineJson(body: Record<string, unknown>) {
  const res = await call(h("refine", "POST"), { method: "POST", body, headers: JSON_ACCEPT });
  return res;
}

async function newVersion(body: Record<string, unknown> = {}): Promise<PromptVersion> {
  const res = await refineJson({ idea: "a fox in the snow", refiner: "fake", ...body });
  expect(res.status).toBe(201);
  return PromptVersionSchema.parse(await res.json());
}

async function ideaDetail(id: string) {
  const res = await call(h("idea", "GET"), {}, { id });
  expect(res.status).toBe(200);
  return IdeaDetailSchema.parse(await res.json());
}

async function ideaCount() {
  const res = await call(h("ideas", "GET"), { path: "/api/ideas?limit=100" });
  return ((await res.json()) as { items: unknown[] }).items.length;
}

describe("candidates", () => {
  it("3 candidates for a new idea: three roots of one idea, each with its direction (JSON)", async () => {
    const res = await refineJson({ idea: "a fox in the snow", refiner: "fake", candidates: 3 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { items: PromptVersion[]; failed: unknown[] };
    expect(body.failed).toEqual([]);
    const items = body.items.map((v) => PromptVersionSchema.parse(v));
    expect(items).toHaveLength(3);
    expect(items.map((v) => v.direction)).toEqual([
      "Faithful",
      "Bolder: dramatic light and palette",
      "Bolder: unexpected composition",
    ]);
    expect(new Set(items.map((v) => v.ideaId)).size).toBe(1);
    expect(items.every((v) => v.parentId === null && v.source === "refine")).toBe(true);
    // Each run was told its own direction.
    expect(fake.state.inputs.map((i) => i.direction?.id).sort()).toEqual(
      ["dramatic-light", "faithful", "unexpected-camera"].sort(),
    );
    const detail = await ideaDetail(items[0]?.ideaId ?? "");
    expect(detail.versions.map((v) => v.id).sort()).toEqual(items.map((v) => v.id).sort());
    expect(detail.idea.title).toBe("Fox in snow");
  });

  it("3 candidates under a parent are siblings; a single refinement has no direction", async () => {
    const parent = await newVersion();
    expect(parent.direction).toBeNull();
    const res = await refineJson({ parentId: parent.id, instruction: "make it night", refiner: "fake", candidates: 3 });
    expect(res.status).toBe(201);
    const { items } = (await res.json()) as { items: PromptVersion[] };
    expect(items.map((v) => [v.parentId, v.ideaId, v.instruction])).toEqual(
      Array(3).fill([parent.id, parent.ideaId, "make it night"]),
    );
    expect(items.every((v) => typeof v.direction === "string")).toBe(true);
  });

  it("streams per-candidate deltas, a candidate event after each one's deltas, then versions", async () => {
    const res = await call(h("refine", "POST"), {
      method: "POST",
      body: { idea: "a lighthouse at dusk", refiner: "fake", candidates: 3 },
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(await res.text());
    const last = events.at(-1);
    expect(last?.event).toBe("versions");
    const result = last?.data as { items: PromptVersion[]; failed: unknown[] };
    expect(result.failed).toEqual([]);
    expect(result.items).toHaveLength(3);

    for (const index of [0, 1, 2]) {
      const deltas = events
        .map((e, at) => ({ ...e, at }))
        .filter((e) => e.event === "delta" && (e.data as { candidate: number }).candidate === index);
      const saved = events.findIndex((e) => e.event === "candidate" && (e.data as { index: number }).index === index);
      expect(deltas.length).toBeGreaterThan(2);
      expect(saved).toBeGreaterThan(deltas.at(-1)?.at ?? Number.POSITIVE_INFINITY);
      const version = (events[saved]?.data as { version: PromptVersion } | undefined)?.version;
      // The appended pieces add up to the saved prompt.
      expect(deltas.map((d) => (d.data as { text: string }).text).join("")).toBe(version?.prompt);
      expect(result.items[index]?.id).toBe(version?.id);
    }
    expect(events.filter((e) => e.event === "candidate")).toHaveLength(3);
    expect(events.some((e) => e.event === "version" || e.event === "error")).toBe(false);
    // Deltas of different candidates interleave: they run at once, not one after another.
    const order = events.filter((e) => e.event === "delta").map((e) => (e.data as { candidate: number }).candidate);
    expect(order.indexOf(1)).toBeLessThan(order.lastIndexOf(0));
  });

  it("reports one failing candidate in candidate-error and failed; the others are saved", async () => {
    fake.state.failDirections.add("dramatic-light");
    const res = await call(h("refine", "POST"), {
      method: "POST",
      body: { idea: "a castle in fog", refiner: "fake", candidates: 3 },
    });
    const events = parseSse(await res.text());
    const failure = events.find((e) => e.event === "candidate-error");
    expect(failure?.data).toEqual({
      index: 1,
      error: { code: "backend_error", message: "The dramatic-light candidate failed." },
    });
    const result = events.at(-1);
    expect(result?.event).toBe("versions");
    const data = result?.data as { items: PromptVersion[]; failed: unknown[] };
    expect(data.failed).toEqual([
      { index: 1, error: { code: "backend_error", message: "The dramatic-light candidate failed." } },
    ]);
    expect(data.items.map((v) => v.direction)).toEqual(["Faithful", "Bolder: unexpected composition"]);
    const detail = await ideaDetail(data.items[0]?.ideaId ?? "");
    expect(detail.versions).toHaveLength(2);

    // JSON mode says the same.
    const json = await refineJson({ idea: "a castle in fog", refiner: "fake", candidates: 2 });
    expect(json.status).toBe(201);
    expect(((await json.json()) as { failed: unknown[] }).failed).toEqual([
      { index: 1, error: { code: "backend_error", message: "The dramatic-light candidate failed." } },
    ]);
  });

  it("answers error (and saves nothing) when every candidate fails", async () => {
    for (const d of ["faithful", "dramatic-light"]) fake.state.failDirections.add(d);
    const before = await ideaCount();
    const res = await call(h("refine", "POST"), {
      method: "POST",
      body: { idea: "a doomed idea", refiner: "fake", candidates: 2 },
    });
    const events = parseSse(await res.text());
    expect(events.filter((e) => e.event === "candidate-error")).toHaveLength(2);
    expect(events.at(-1)).toEqual({
      event: "error",
      data: { error: { code: "backend_error", message: "The faithful candidate failed." } },
    });
    await expectError(
      await refineJson({ idea: "a doomed idea", refiner: "fake", candidates: 2 }),
      502,
      "backend_error",
    );
    expect(await ideaCount()).toBe(before);
  });

  it("stopping aborts every candidate and saves none that had not finished", async () => {
    fake.state.hangDirections.add("faithful");
    fake.state.hangDirections.add("dramatic-light");
    fake.state.hangDirections.add("unexpected-camera");
    const before = await ideaCount();
    const controller = new AbortController();
    const res = await call(h("refine", "POST"), {
      method: "POST",
      body: { idea: "a stopped idea", refiner: "fake", candidates: 3 },
      signal: controller.signal,
    });
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain("event: delta");
    controller.abort();
    await reader?.cancel().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(await ideaCount()).toBe(before);
    expect(fake.state.inputs).toHaveLength(3);
  });

  it("400 on a bad candidates count, and nothing is saved", async () => {
    const before = await ideaCount();
    await expectError(await refineJson({ idea: "x", refiner: "fake", candidates: 5 }), 400, "invalid_request");
    await expectError(await refineJson({ idea: "x", refiner: "fake", candidates: 0 }), 400, "invalid_request");
    await expectError(await refineJson({ idea: "x", refiner: "fake", candidates: 1.5 }), 400, "invalid_request");
    expect(await ideaCount()).toBe(before);
    expect(fake.state.inputs).toHaveLength(0);
  });
});

describe("parts and locks", () => {
  it("saves the refiner's parts, dropping one that is not in the prompt", async () => {
    const v = await newVersion({ backend: "automatic1111" });
    expect(v.parts).toEqual({
      subject: "a red fox",
      setting: "deep snow",
      lighting: "soft dawn light",
      negative: "blurry",
    });
    expect(v.locks).toEqual([]);
    // No negative prompt on a prose backend, so no negative part either.
    expect((await newVersion({ backend: "offline" })).parts).not.toHaveProperty("negative");
  });

  it("PATCH sets locks; a lock on a part the version lacks is a 400 naming it, changing nothing", async () => {
    const v = await newVersion();
    const res = await call(
      h("prompt", "PATCH"),
      { method: "PATCH", body: { locks: ["lighting", "subject"] } },
      { id: v.id },
    );
    expect(res.status).toBe(200);
    expect(PromptVersionSchema.parse(await res.json()).locks).toEqual(["subject", "lighting"]);

    const bad = await expectError(
      await call(
        h("prompt", "PATCH"),
        { method: "PATCH", body: { locks: ["subject", "negative", "details"] } },
        { id: v.id },
      ),
      400,
      "invalid_request",
    );
    expect(bad.error.message).toContain("negative");
    expect(bad.error.message).toContain("details");
    await expectError(
      await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: ["nose"] } }, { id: v.id }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: ["subject"], extra: 1 } }, { id: v.id }),
      400,
      "invalid_request",
    );
    await expectError(
      await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: [] } }, { id: "nope1234" }),
      404,
      "not_found",
    );
    const detail = await ideaDetail(v.ideaId);
    expect(detail.versions.find((x) => x.id === v.id)?.locks).toEqual(["subject", "lighting"]);

    // An old-style version with no parts takes no lock at all.
    const imported = PromptVersionSchema.parse(
      await (
        await call(h("prompts", "POST"), { method: "POST", body: { idea: "old", prompt: "an old prompt" } })
      ).json(),
    );
    await expectError(
      await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: ["subject"] } }, { id: imported.id }),
      400,
      "invalid_request",
    );
  });

  it("children inherit the parent's locks, and the refiner gets the parent's parts and locks", async () => {
    const parent = await newVersion();
    await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: ["subject"] } }, { id: parent.id });
    fake.state.inputs = [];
    const child = PromptVersionSchema.parse(
      await (await refineJson({ parentId: parent.id, instruction: "make it night", refiner: "fake" })).json(),
    );
    expect(fake.state.inputs[0]?.locks).toEqual(["subject"]);
    expect(fake.state.inputs[0]?.parent?.parts).toEqual(parent.parts);
    expect(child.locks).toEqual(["subject"]);
    expect(child.parts?.subject).toBe("a red fox");

    const { items } = (await (
      await refineJson({ parentId: child.id, instruction: "warmer", refiner: "fake", candidates: 2 })
    ).json()) as { items: PromptVersion[] };
    expect(items.map((v) => v.locks)).toEqual([["subject"], ["subject"]]);
  });

  it("with the offline refiner, a child of a locked parent keeps the lock and the text", async () => {
    const parent = PromptVersionSchema.parse(
      await (await refineJson({ idea: "a red fox in the snow at dawn", refiner: "offline" })).json(),
    );
    const subject = parent.parts?.subject;
    if (!subject) return expect(parent.parts, "the offline refiner returns a subject part").toBeTruthy();
    await call(h("prompt", "PATCH"), { method: "PATCH", body: { locks: ["subject"] } }, { id: parent.id });
    const child = PromptVersionSchema.parse(
      await (await refineJson({ parentId: parent.id, instruction: "make it night", refiner: "offline" })).json(),
    );
    expect(child.prompt).toContain(subject);
    expect(child.locks).toEqual(["subject"]);
  });
});

describe("restyle", () => {
  it("a parent and a style with no instruction make a child in that style", async () => {
    const parent = PromptVersionSchema.parse(
      await (await refineJson({ idea: "a lighthouse on a cliff", refiner: "offline" })).json(),
    );
    const res = await refineJson({ parentId: parent.id, style: "watercolor", refiner: "offline" });
    expect(res.status).toBe(201);
    const child = PromptVersionSchema.parse(await res.json());
    expect(child).toMatchObject({ parentId: parent.id, source: "refine", instruction: null, style: "watercolor" });
    expect(child.notes.join(" ").toLowerCase()).toContain("watercolor");
    expect(child.prompt.toLowerCase()).toContain("watercolor");
  });

  it("an instruction that names a style records it on the child; another medium clears it", async () => {
    const parent = PromptVersionSchema.parse(
      await (await refineJson({ idea: "a lighthouse on a cliff", style: "oil-painting", refiner: "offline" })).json(),
    );
    expect(parent.style).toBe("oil-painting");
    const watercolor = PromptVersionSchema.parse(
      await (
        await refineJson({ parentId: parent.id, instruction: "make it night, as a watercolor", refiner: "offline" })
      ).json(),
    );
    expect(watercolor.style).toBe("watercolor");
    const night = PromptVersionSchema.parse(
      await (await refineJson({ parentId: watercolor.id, instruction: "add fog", refiner: "offline" })).json(),
    );
    expect(night.style).toBe("watercolor");
  });

  it("says which style in the notes when the refiner did not", async () => {
    const parent = await newVersion();
    fake.state.notes = ["Rewrote the prompt."];
    const child = PromptVersionSchema.parse(
      await (await refineJson({ parentId: parent.id, style: "pixel-art", refiner: "fake" })).json(),
    );
    expect(child.notes).toEqual(["Style: Pixel art", "Rewrote the prompt."]);
    expect(child.style).toBe("pixel-art");
    expect(fake.state.inputs.at(-1)).toMatchObject({ style: "pixel-art", instruction: undefined });

    // An instruction with a style is an ordinary refinement: no note is forced in.
    const other = PromptVersionSchema.parse(
      await (await refineJson({ parentId: parent.id, style: "anime", instruction: "warmer", refiner: "fake" })).json(),
    );
    expect(other.notes).toEqual(["Rewrote the prompt."]);
  });

  it("400 for a parent with neither instruction nor style", async () => {
    const parent = await newVersion();
    await expectError(await refineJson({ parentId: parent.id, refiner: "fake" }), 400, "invalid_request");
  });
});

describe("hand edits carry parts and locks over", () => {
  it("keeps the parts still there word for word, and their locks; drops the rest", async () => {
    const parent = await newVersion({ backend: "automatic1111" });
    await call(
      h("prompt", "PATCH"),
      { method: "PATCH", body: { locks: ["subject", "lighting", "negative"] } },
      { id: parent.id },
    );
    const res = await call(h("prompts", "POST"), {
      method: "POST",
      // The subject and setting stay; the lighting is rewritten ("soft dawn light" → "soft dusk light").
      body: { parentId: parent.id, prompt: "a red fox curled in deep snow, soft dusk light" },
    });
    expect(res.status).toBe(201);
    const edit = PromptVersionSchema.parse(await res.json());
    expect(edit.parts).toEqual({ subject: "a red fox", setting: "deep snow", negative: "blurry" });
    expect(edit.locks).toEqual(["subject", "negative"]);
    expect(edit.direction).toBeNull();

    // A new negative prompt without "blurry" drops the negative part and its lock.
    const edit2 = PromptVersionSchema.parse(
      await (
        await call(h("prompts", "POST"), {
          method: "POST",
          body: { parentId: edit.id, prompt: "a red fox curled in deep snow", negativePrompt: "watermark" },
        })
      ).json(),
    );
    expect(edit2.parts).toEqual({ subject: "a red fox", setting: "deep snow" });
    expect(edit2.locks).toEqual(["subject"]);

    // Case counts: a part is kept only word for word.
    const edit3 = PromptVersionSchema.parse(
      await (
        await call(h("prompts", "POST"), { method: "POST", body: { parentId: edit2.id, prompt: "A Red Fox asleep" } })
      ).json(),
    );
    expect(edit3.parts).toBeNull();
    expect(edit3.locks).toEqual([]);
  });

  it("an imported prompt has no parts and no locks", async () => {
    const res = await call(h("prompts", "POST"), {
      method: "POST",
      body: { idea: "from a PNG", prompt: "(fox:1.2), snow" },
    });
    const v = PromptVersionSchema.parse(await res.json());
    expect(v).toMatchObject({ parts: null, locks: [], direction: null });
  });
});
