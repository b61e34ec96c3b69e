/**
 * Fix the misses (issue 11, item 4): the loop's stopping rules, cancel in the middle, a restart in
 * the middle, and moderation on every round. Offline refiner and backend; the judge is scripted
 * here (each round's verdicts chosen by the test) or the real offline judge.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { offlineBackend } from "@/lib/backends/offline";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { cancelFixLoop } from "@/lib/fix/cancel";
import { recoverFixLoops } from "@/lib/fix/recover";
import { runnerSettled } from "@/lib/fix/runners";
import { startFixLoop } from "@/lib/fix/start";
import { newId } from "@/lib/ids";
import { resetOpenAIClientForTests } from "@/lib/openai-client";
import type { CheckResultItem, FixLoop, ImageCheck, Verdict } from "@/lib/schemas/checks";
import type { Generation, Image, PromptVersion } from "@/lib/schemas/entities";
import { getStore } from "@/lib/store";
import { generate } from "@/lib/studio/generate";
import { refine } from "@/lib/studio/refine";
import { type FakeOpenAI, startFakeOpenAI } from "@/tests/fakes/openai";
import { call, expectError, type Handler } from "./routes-call";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "promptsmith-fix-loop-"));
process.env.JUDGE = "offline";
process.env.AUTO_CHECK = "off";
for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "DATABASE_URL"]) delete process.env[k];

/** The scripted judge: verdicts for the n-th check made by the loop (0-based), or a throw/hang. */
type Script = (n: number, signal: AbortSignal | undefined) => Promise<Verdict[]> | Verdict[];
let script: Script | null = null;
let checks = 0;

vi.mock("@/lib/studio/check-image", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/studio/check-image")>();
  return {
    checkImage: async (imageId: string, opts: { signal?: AbortSignal } = {}) => {
      if (!script) return real.checkImage(imageId, opts);
      const verdicts = await script(checks++, opts.signal);
      return saveCheck(imageId, verdicts);
    },
  };
});

async function saveCheck(imageId: string, verdicts: Verdict[]): Promise<ImageCheck> {
  const store = getStore();
  const image = (await store.getImage(imageId)) as Image;
  const version = (await store.getVersion(image.promptId)) as PromptVersion;
  const items: CheckResultItem[] = version.checks.map((c, i) => ({
    checkId: c.id,
    text: c.text,
    kind: c.kind,
    verdict: verdicts[i] ?? "pass",
    reason: "scripted",
  }));
  const passes = items.filter((i) => i.verdict === "pass").length;
  const check: ImageCheck = {
    imageId,
    judge: { id: "offline", label: "Offline check (no model)", model: "offline" },
    score: passes / items.length,
    items,
    createdAt: new Date().toISOString(),
  };
  await store.saveImageCheck({ ...check, id: newId() });
  return check;
}

async function settled(id: string): Promise<Generation> {
  for (let i = 0; i < 400; i++) {
    const g = await getStore().getGeneration(id);
    if (g && g.status !== "queued" && g.status !== "running") return g;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("the generation did not finish");
}

const CHECKLIST: PromptVersion["checks"] = [
  { id: "c1", text: "There are exactly two foxes", kind: "count", words: ["two", "foxes"] },
  { id: "c2", text: "The foxes are red", kind: "attribute", words: ["red", "foxes"] },
  { id: "c3", text: "The moon is full", kind: "attribute", words: ["full", "moon"] },
  { id: "c4", text: "It is night", kind: "setting", words: ["moon"] },
];

/**
 * A version with a checklist (the offline refiner's, when it writes one; else the list above, so
 * these tests do not hang on the refiner), and its offline image (seed 7).
 */
async function startingImage(): Promise<{ version: PromptVersion; image: Image }> {
  const refined = await refine(
    { idea: "two red foxes under a full moon", backend: "offline", refiner: "offline" },
    { signal: new AbortController().signal },
  );
  const store = getStore();
  let version = refined;
  if (refined.checks.length < 2) {
    version = { ...refined, id: newId(), parentId: refined.id, source: "edit", checks: CHECKLIST };
    await store.createVersion(version);
  }
  const g = await generate({ promptId: version.id, backend: "offline", params: { seed: 7 } });
  expect((await settled(g.id)).status).toBe("succeeded");
  const [image] = await store.listImagesForGeneration(g.id);
  return { version, image: image as Image };
}

async function ended(loop: FixLoop) {
  await runnerSettled(loop.id);
  const after = await getStore().getFixLoop(loop.id);
  if (!after) throw new Error("the loop is gone");
  return after;
}

async function until(what: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("timed out");
}

const FAIL_FIRST: Verdict[] = ["fail", "pass", "pass", "pass", "pass", "pass", "pass", "pass"];
const ALL: Verdict[] = Array(16).fill("pass");

beforeAll(() => resetConfigForTests());
beforeEach(() => {
  script = null;
  checks = 0;
});
afterEach(() => vi.restoreAllMocks());

describe("startFixLoop", () => {
  it("does not start without a check, or when nothing failed (400, clear message)", async () => {
    const { image } = await startingImage();
    await expect(startFixLoop(image.id)).rejects.toMatchObject({
      code: "invalid_request",
      message: /Check the image first/,
    });
    await saveCheck(image.id, ALL);
    await expect(startFixLoop(image.id)).rejects.toMatchObject({ code: "invalid_request", message: /Nothing to fix/ });
    await expect(startFixLoop("missing")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the loop's stopping rules", () => {
  it("some fail, then pass after a fix: all_passed at round 1, a `fix` version naming the misses, same seed", async () => {
    const { version, image } = await startingImage();
    const start = await saveCheck(image.id, FAIL_FIRST);
    script = () => ALL;
    const loop = await startFixLoop(image.id);
    expect(loop).toMatchObject({
      imageId: image.id,
      status: "running",
      maxRounds: 3,
      rounds: [],
      bestImageId: image.id,
    });
    const after = await ended(loop);
    expect(after).toMatchObject({ status: "done", reason: "all_passed", error: null });
    expect(after.rounds).toHaveLength(1);
    const round = after.rounds[0];
    expect(round?.score).toBe(1);
    expect(after.bestImageId).toBe(round?.imageId);

    const child = (await getStore().getVersion(round?.versionId ?? "")) as PromptVersion;
    expect(child).toMatchObject({ source: "fix", parentId: version.id });
    // The same demands as the parent's, so the scores compare.
    expect(child.checks).toEqual(version.checks);
    const failed = start.items.find((i) => i.verdict === "fail");
    expect(child.instruction).toContain(`Fix: ${failed?.text.charAt(0).toLowerCase()}`);
    expect(child.instruction).toContain("Keep: ");
    const g = (await getStore().getGeneration(round?.generationId ?? "")) as Generation;
    expect(g).toMatchObject({ backend: "offline", status: "succeeded" });
    expect(g.params.seed).toBe(7);
  });

  it("better, then all pass: all_passed at round 2, the best moving with each better round", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, ["fail", "fail", ...ALL]);
    script = (n) => (n === 0 ? ["fail", ...ALL] : ALL);
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "done", reason: "all_passed" });
    expect(after.rounds.map((r) => r.score !== null && r.score > 0)).toEqual([true, true]);
    expect(after.bestImageId).toBe(after.rounds[1]?.imageId);
    // Round 2 refines round 1's version (the best so far).
    const second = await getStore().getVersion(after.rounds[1]?.versionId ?? "");
    expect(second?.parentId).toBe(after.rounds[0]?.versionId);
  });

  it("never better: no_better after round 1, the starting image still the best", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    script = () => FAIL_FIRST;
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "done", reason: "no_better", bestImageId: image.id });
    expect(after.rounds).toHaveLength(1);
  });

  it("better every round but never all: max_rounds after maxRounds", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, ["fail", "fail", "fail", ...ALL]);
    script = (n) => (n === 0 ? ["fail", "fail", ...ALL] : ["fail", ...ALL]);
    const after = await ended(await startFixLoop(image.id, { maxRounds: 2 }));
    expect(after).toMatchObject({ status: "done", reason: "max_rounds", maxRounds: 2 });
    expect(after.rounds).toHaveLength(2);
    expect(after.bestImageId).toBe(after.rounds[1]?.imageId);
  });

  it("a judge that refuses or answers nonsense: failed, reason error, with the error; rounds kept", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    script = () => {
      throw new AppError("backend_error", "The judge refused to answer.");
    };
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({
      status: "failed",
      reason: "error",
      error: { code: "backend_error", message: "The judge refused to answer." },
    });
    expect(after.rounds).toHaveLength(1);
    expect(after.rounds[0]?.imageId).toBeTruthy();
    expect(after.finishedAt).toBeTruthy();
  });
});

describe("cancel", () => {
  it("a hanging judge: cancel mid-round ends it canceled at once, its round kept", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    let hanging = false;
    script = (_n, signal) =>
      new Promise<Verdict[]>((_resolve, reject) => {
        hanging = true;
        signal?.addEventListener("abort", () => reject(new AppError("canceled", "Stopped.")));
      });
    const loop = await startFixLoop(image.id);
    await until(async () => hanging);
    const canceled = await cancelFixLoop(loop.id);
    expect(canceled).toMatchObject({ status: "canceled", reason: "canceled" });
    const after = await ended(loop);
    expect(after).toMatchObject({ status: "canceled", reason: "canceled", error: null });
    expect(after.rounds).toHaveLength(1);
    // A second cancel answers as it is.
    expect((await cancelFixLoop(loop.id)).status).toBe("canceled");
  });

  it("during the round's generation: the generation is canceled too", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    script = () => ALL;
    vi.spyOn(offlineBackend, "generate").mockImplementation(
      (_req, opts) =>
        new Promise((_resolve, reject) => {
          opts.signal.addEventListener("abort", () => reject(opts.signal.reason ?? new Error("aborted")));
        }),
    );
    const loop = await startFixLoop(image.id);
    let generationId = "";
    await until(async () => {
      const l = await getStore().getFixLoop(loop.id);
      generationId = l?.rounds[0]?.generationId ?? "";
      return generationId !== "" && (await getStore().getGeneration(generationId))?.status === "running";
    });
    await cancelFixLoop(loop.id);
    const after = await ended(loop);
    expect(after.status).toBe("canceled");
    expect((await settled(generationId)).status).toBe("canceled");
    expect(checks).toBe(0);
  });
});

describe("a restart in the middle", () => {
  it("a loop left running is resumed from its saved rounds and ends clearly; nothing is lost", async () => {
    const { image } = await startingImage();
    await saveCheck(image.id, ["fail", "fail", ...ALL]);
    // What a dead process left: a running loop, owned by it, with round 1 done (better, not all).
    const first = await startingImage();
    await saveCheck(first.image.id, ["fail", ...ALL]);
    const store = getStore();
    const id = newId();
    await store.createFixLoop({
      id,
      imageId: image.id,
      ideaId: image.ideaId,
      status: "running",
      maxRounds: 3,
      reason: null,
      rounds: [
        { versionId: first.version.id, generationId: first.image.generationId, imageId: first.image.id, score: 0.5 },
      ],
      bestImageId: first.image.id,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      owner: "dead-instance",
      leaseUntil: Date.now() + 60_000,
    });
    script = () => ALL;
    expect(await recoverFixLoops()).toBe(1);
    await runnerSettled(id);
    const after = await store.getFixLoop(id);
    expect(after).toMatchObject({ status: "done", reason: "all_passed" });
    expect(after?.rounds).toHaveLength(2);
    expect(after?.rounds[0]).toEqual({
      versionId: first.version.id,
      generationId: first.image.generationId,
      imageId: first.image.id,
      score: 0.5,
    });
    // Nothing left running to resume.
    expect(await recoverFixLoops()).toBe(0);
  });

  it("a round whose generation the restart interrupted makes its image again from the saved version", async () => {
    const { version, image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    const store = getStore();
    const g = await generate({ promptId: version.id, backend: "offline", params: { seed: 7 } });
    await settled(g.id);
    await store.updateGeneration(g.id, {
      status: "failed",
      error: { code: "interrupted", message: "Interrupted: the server restarted while this was running." },
    });
    const id = newId();
    await store.createFixLoop({
      id,
      imageId: image.id,
      ideaId: image.ideaId,
      status: "running",
      maxRounds: 3,
      reason: null,
      rounds: [{ versionId: version.id, generationId: g.id, imageId: null, score: null }],
      bestImageId: image.id,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      owner: "dead-instance",
      leaseUntil: 0,
    });
    script = () => ALL;
    await recoverFixLoops();
    await runnerSettled(id);
    const after = await store.getFixLoop(id);
    expect(after).toMatchObject({ status: "done", reason: "all_passed" });
    expect(after?.rounds[0]?.generationId).not.toBe(g.id);
    expect(after?.rounds[0]?.versionId).toBe(version.id);
  });
});

describe("moderation on every round", () => {
  it("a round whose instruction is blocked fails with moderation_blocked; nothing is generated", async () => {
    const { image } = await startingImage();
    const store = getStore();
    // A check whose failed item is harmful text (a judge is not a moderator): the round's refine refuses it.
    const check: ImageCheck = {
      imageId: image.id,
      judge: { id: "offline", label: "Offline check (no model)", model: "offline" },
      score: 0,
      items: [
        {
          checkId: "c1",
          text: "a battlefield strewn with severed limbs, gore everywhere",
          kind: "entity",
          verdict: "fail",
          reason: "x",
        },
      ],
      createdAt: new Date().toISOString(),
    };
    await store.saveImageCheck({ ...check, id: newId() });
    const before = await store.listGenerationsForIdea(image.ideaId);
    const backend = vi.spyOn(offlineBackend, "generate");
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "failed", reason: "error", error: { code: "moderation_blocked" } });
    expect(after.rounds).toEqual([]);
    expect(await store.listGenerationsForIdea(image.ideaId)).toHaveLength(before.length);
    expect(backend).not.toHaveBeenCalled();
  });
});

describe("with the real offline judge", () => {
  it("a newcomer's flow: refine, generate, check, Fix misses ends clearly", async () => {
    const { checkImage } = await import("@/lib/studio/check-image");
    const { image } = await startingImage();
    const check = await checkImage(image.id);
    expect(check.judge.label).toBe("Offline check (no model)");
    if (!check.items.some((i) => i.verdict === "fail")) return;
    const after = await ended(await startFixLoop(image.id));
    expect(after.status).toBe("done");
    expect(after.rounds.length).toBeGreaterThanOrEqual(1);
    expect(after.rounds.every((r) => r.imageId !== null && r.score !== null)).toBe(true);
  });
});

describe("the routes", () => {
  it("POST /api/images/:id/fix is 202 with the running loop; GET, events and cancel follow it", async () => {
    const fix = await import("@/app/api/images/[id]/fix/route");
    const get = await import("@/app/api/fix-loops/[id]/route");
    const events = await import("@/app/api/fix-loops/[id]/events/route");
    const cancel = await import("@/app/api/fix-loops/[id]/cancel/route");
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    let release: () => void = () => undefined;
    script = () => new Promise<Verdict[]>((resolve) => (release = () => resolve(ALL)));

    const bad = await call(fix.POST as Handler, { method: "POST", body: { maxRounds: 9 } }, { id: image.id });
    await expectError(bad, 400, "invalid_request");
    const res = await call(fix.POST as Handler, { method: "POST", body: { maxRounds: 2 } }, { id: image.id });
    expect(res.status).toBe(202);
    const loop = (await res.json()) as FixLoop;
    expect(loop).toMatchObject({ imageId: image.id, status: "running", maxRounds: 2, rounds: [], reason: null });
    expect(loop).not.toHaveProperty("owner");

    const stream = await call(events.GET as Handler, {}, { id: loop.id });
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    await until(async () => checks > 0);
    release();
    const text = await stream.text();
    expect(text).toMatch(/event: round\n/);
    expect(text).toMatch(/event: done\ndata: .*"reason":"all_passed"/);

    const read = await call(get.GET as Handler, {}, { id: loop.id });
    expect(((await read.json()) as FixLoop).status).toBe("done");
    const again = await call(cancel.POST as Handler, { method: "POST" }, { id: loop.id });
    expect(((await again.json()) as FixLoop).status).toBe("done");
    await expectError(await call(get.GET as Handler, {}, { id: "nope" }), 404, "not_found");
    await expectError(await call(events.GET as Handler, {}, { id: "nope" }), 404, "not_found");
  });

  it("POST /api/images/:id/fix with no body at all starts with the default rounds", async () => {
    const fix = await import("@/app/api/images/[id]/fix/route");
    const { image } = await startingImage();
    await saveCheck(image.id, FAIL_FIRST);
    script = () => ALL;
    const res = await call(fix.POST as Handler, { method: "POST" }, { id: image.id });
    expect(res.status).toBe(202);
    const loop = (await res.json()) as FixLoop;
    expect(loop.maxRounds).toBe(3);
    await ended(loop);
  });
});

describe("with the fake OpenAI judge", () => {
  let fake: FakeOpenAI;
  const configure = (env: Record<string, string>) => {
    for (const [k, v] of Object.entries(env)) process.env[k] = v;
    resetConfigForTests();
    resetOpenAIClientForTests();
  };
  beforeAll(async () => {
    fake = await startFakeOpenAI({ port: 0 });
    configure({ OPENAI_API_KEY: "sk-fake-fix-loop", OPENAI_BASE_URL: fake.url, JUDGE: "openai", AUTO_CHECK: "off" });
  });
  afterAll(async () => {
    for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL"]) delete process.env[k];
    configure({ JUDGE: "offline" });
    await fake.close();
  });
  beforeEach(() => fake.reset());

  /** The starting image checked by the fake judge under `mode`. */
  async function checked(mode: string) {
    const { checkImage } = await import("@/lib/studio/check-image");
    const { image } = await startingImage();
    fake.setMode({ mode, endpoint: "chat" } as never);
    const check = await checkImage(image.id);
    return { image, check };
  }

  it("all pass: the loop does not start", async () => {
    const { image, check } = await checked("judgeAllPass");
    expect(check.score).toBe(1);
    await expect(startFixLoop(image.id)).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("some fail, then pass after a fix: all_passed within maxRounds", async () => {
    const { image, check } = await checked("judgeFixable");
    expect(check.score).toBeLessThan(1);
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "done", reason: "all_passed" });
    expect(after.rounds.length).toBeLessThanOrEqual(after.maxRounds);
    expect(after.bestImageId).toBe(after.rounds.at(-1)?.imageId);
  });

  it("never better: no_better once a round does not beat the best (the misses stay missed)", async () => {
    const { image, check } = await checked("judgeNeverBetter");
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "done", reason: "no_better" });
    // The fake's other items pass once the fix names their words, so round 1 may gain; never all.
    const last = after.rounds.at(-1);
    const best = after.rounds.find((r) => r.imageId === after.bestImageId)?.score ?? check.score;
    expect(last?.score).toBeLessThanOrEqual(best);
    expect(after.rounds.every((r) => (r.score ?? 1) < 1)).toBe(true);
  });

  it.each(["refusal", "judgeGarbage"])("%s: the loop fails with reason error", async (mode) => {
    const { image } = await checked("judgeFixable");
    fake.setMode({ mode, endpoint: "chat" } as never);
    const after = await ended(await startFixLoop(image.id));
    expect(after).toMatchObject({ status: "failed", reason: "error" });
    expect(after.error?.message).toBeTruthy();
    expect(after.rounds).toHaveLength(1);
  });

  it("judgeMalformed: the judge reads what it can (the rest unsure), and the loop ends clearly", async () => {
    const { image } = await checked("judgeFixable");
    fake.setMode({ mode: "judgeMalformed", endpoint: "chat" } as never);
    const after = await ended(await startFixLoop(image.id));
    expect(after.status === "failed" ? after.reason : after.status).toMatch(/^(done|error)$/);
    expect(after.rounds).toHaveLength(1);
    expect(after.finishedAt).toBeTruthy();
  });

  it("hang: cancel mid-round ends it canceled", async () => {
    const { image } = await checked("judgeFixable");
    fake.setMode({ mode: "hang", endpoint: "chat" } as never);
    const loop = await startFixLoop(image.id);
    await until(async () => (await getStore().getFixLoop(loop.id))?.rounds[0]?.imageId != null);
    await new Promise((r) => setTimeout(r, 100));
    await cancelFixLoop(loop.id);
    const after = await ended(loop);
    expect(after).toMatchObject({ status: "canceled", reason: "canceled" });
  });
});
