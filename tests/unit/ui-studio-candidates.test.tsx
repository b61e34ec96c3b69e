import { describe, expect, it, vi } from "vitest";
import { initialState, type StudioState, studioReducer } from "@/components/studio/studio-state";
import { streamRefine } from "@/lib/client/refine-stream";
import type { PromptVersion } from "@/lib/schemas/entities";
import { promptVersion } from "./harness/fixtures";

const base = promptVersion({
  prompt: "a fox in the snow",
  parts: { subject: "a fox" },
  createdAt: "2025-01-01T00:00:01Z",
});
const cand = (i: number, extra: Partial<PromptVersion> = {}): PromptVersion => ({
  ...base,
  id: `c${i}`,
  parentId: "v1",
  instruction: "at night",
  prompt: `candidate ${i} prompt`,
  direction: i === 0 ? "Faithful" : `Bolder: ${i}`,
  createdAt: `2025-01-01T00:00:1${i}Z`,
  ...extra,
});

const loaded = (): StudioState =>
  studioReducer(initialState(undefined, undefined), { type: "refineDone", version: base });

describe("studio state: candidates", () => {
  it("streams each candidate into its own card, keeps the loaded prompt, then waits for a choice", () => {
    let s = studioReducer(loaded(), { type: "instruction", text: "at night" });
    s = studioReducer(s, { type: "refineStart", mode: "again", candidates: 3 });
    expect(s.candidates?.items.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(s.prompt).toBe(base.prompt);
    expect(s.notice).toBe("Writing 3 candidates…");

    s = studioReducer(s, { type: "refineDelta", candidate: 1, text: "bold", reset: false });
    s = studioReducer(s, { type: "refineDelta", candidate: 0, text: "calm", reset: false });
    s = studioReducer(s, { type: "refineDelta", candidate: 1, text: "er", reset: false });
    s = studioReducer(s, { type: "refineDelta", candidate: 2, text: "x", reset: false });
    s = studioReducer(s, { type: "refineDelta", candidate: 2, text: "rewritten", reset: true });
    expect(s.candidates?.items.map((c) => c.text)).toEqual(["calm", "bolder", "rewritten"]);
    expect(s.prompt).toBe(base.prompt);

    s = studioReducer(s, { type: "candidateSaved", index: 1, version: cand(1) });
    s = studioReducer(s, { type: "candidateFailed", index: 2, error: { code: "timeout", message: "too slow" } });
    s = studioReducer(s, { type: "candidateSaved", index: 0, version: cand(0) });
    // Saved candidates are in the tree at once, oldest first; the loaded version has not changed.
    expect(s.versions.map((v) => v.id)).toEqual(["v1", "c0", "c1"]);
    expect(s.currentId).toBe("v1");

    s = studioReducer(s, {
      type: "candidatesDone",
      items: [cand(0), cand(1)],
      failed: [{ index: 2, error: { code: "timeout", message: "too slow" } }],
    });
    expect(s.refining).toBeNull();
    expect(s.instruction).toBe("");
    expect(s.candidates?.items.map((c) => [c.version?.id ?? null, c.error?.code ?? null])).toEqual([
      ["c0", null],
      ["c1", null],
      [null, "timeout"],
    ]);
    expect(s.notice).toBe("2 candidates saved, 1 failed. Choose one to use.");

    s = studioReducer(s, { type: "candidateChosen", id: "c1" });
    expect(s.currentId).toBe("c1");
    expect(s.prompt).toBe("candidate 1 prompt");
    expect(s.candidates).toBeNull();
    expect(s.versions.map((v) => v.id)).toEqual(["v1", "c0", "c1"]);
    expect(s.notice).toBe("Using v3 (Bolder: 1).");
  });

  it("for a new idea, the first saved candidate replaces the old idea and nothing is current until chosen", () => {
    let s = studioReducer(loaded(), { type: "refineStart", mode: "new", candidates: 2 });
    expect(s.prompt).toBe("");
    const r0 = cand(0, { ideaId: "i2", parentId: null, instruction: null });
    const r1 = cand(1, { ideaId: "i2", parentId: null, instruction: null });
    s = studioReducer(s, { type: "candidateSaved", index: 1, version: r1 });
    expect(s.ideaId).toBe("i2");
    expect(s.versions.map((v) => v.id)).toEqual(["c1"]);
    expect(s.currentId).toBeNull();
    s = studioReducer(s, { type: "candidateSaved", index: 0, version: r0 });
    // A version that arrives only in the final list is taken too.
    s = studioReducer(s, { type: "candidatesDone", items: [r0, r1], failed: [] });
    expect(s.versions.map((v) => v.id)).toEqual(["c0", "c1"]);
    expect(s.currentId).toBeNull();
    expect(s.candidates?.items.every((c) => c.version)).toBe(true);
    s = studioReducer(s, { type: "candidatesClosed" });
    expect(s.candidates).toBeNull();
    expect(s.versions).toHaveLength(2);
  });

  it("takes candidates that only the final list reports", () => {
    let s = studioReducer(loaded(), { type: "refineStart", mode: "again", candidates: 2 });
    s = studioReducer(s, { type: "candidatesDone", items: [cand(0), cand(1)], failed: [] });
    expect(s.candidates?.items.map((c) => c.version?.id)).toEqual(["c0", "c1"]);
    expect(s.versions.map((v) => v.id)).toEqual(["v1", "c0", "c1"]);
  });

  it("a stop keeps the candidates already saved to choose from; with none it says nothing was saved", () => {
    let s = studioReducer(loaded(), { type: "refineStart", mode: "again", candidates: 3 });
    const none = studioReducer(s, { type: "refineStopped" });
    expect(none.candidates).toBeNull();
    expect(none.notice).toBe("Stopped. Nothing was saved.");
    expect(none.prompt).toBe(base.prompt);
    s = studioReducer(s, { type: "candidateSaved", index: 2, version: cand(2) });
    const some = studioReducer(s, { type: "refineStopped" });
    expect(some.candidates?.items.map((c) => c.version?.id)).toEqual(["c2"]);
    expect(some.versions.map((v) => v.id)).toContain("c2");
    const failed = studioReducer(s, { type: "refineFail", error: { code: "internal", message: "x" } });
    expect(failed.candidates?.items).toHaveLength(1);
    expect(failed.refineError?.code).toBe("internal");
  });

  it("all failing leaves no candidates and shows the first error", () => {
    let s = studioReducer(loaded(), { type: "refineStart", mode: "again", candidates: 2 });
    s = studioReducer(s, {
      type: "candidatesDone",
      items: [],
      failed: [
        { index: 0, error: { code: "refused", message: "no" } },
        { index: 1, error: { code: "refused", message: "no" } },
      ],
    });
    expect(s.candidates).toBeNull();
    expect(s.refineError?.code).toBe("refused");
    expect(s.currentId).toBe("v1");
  });

  it("loading another version closes the candidates; locks saved elsewhere update the version", () => {
    let s = studioReducer(loaded(), { type: "refineStart", mode: "again", candidates: 2 });
    s = studioReducer(s, { type: "candidatesDone", items: [cand(0), cand(1)], failed: [] });
    s = studioReducer(s, { type: "select", id: "v1" });
    expect(s.candidates).toBeNull();
    s = studioReducer(s, { type: "versionUpdated", version: { ...base, locks: ["subject"] } });
    expect(s.versions.find((v) => v.id === "v1")?.locks).toEqual(["subject"]);
  });
});

function sse(chunks: string[]) {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

describe("streamRefine with candidates", () => {
  it("routes deltas by candidate, reports each save and failure, and ends with the list", async () => {
    const c0 = cand(0);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sse([
          'event: delta\ndata: {"candidate":0,"text":"calm"}\n\n',
          'event: delta\ndata: {"candidate":1,"text":"bold"}\n\n',
          `event: candidate\ndata: ${JSON.stringify({ index: 0, version: c0 })}\n\n`,
          'event: candidate-error\ndata: {"index":1,"error":{"code":"timeout","message":"too slow"}}\n\n',
          `event: versions\ndata: ${JSON.stringify({ items: [c0], failed: [{ index: 1, error: { code: "timeout", message: "too slow" } }] })}\n\n`,
        ]),
      ),
    );
    const deltas: unknown[] = [];
    const saved: string[] = [];
    const errors: string[] = [];
    const out = await streamRefine(
      { parentId: "v1", instruction: "at night", candidates: 2 },
      {
        signal: new AbortController().signal,
        onDelta: (d) => deltas.push(d),
        onCandidate: (i, v) => saved.push(`${i}:${v.id}`),
        onCandidateError: (i, e) => errors.push(`${i}:${e.code}:${e.message}`),
      },
    );
    expect(deltas).toEqual([
      { text: "calm", reset: false, candidate: 0 },
      { text: "bold", reset: false, candidate: 1 },
    ]);
    expect(saved).toEqual(["0:c0"]);
    expect(errors).toEqual(["1:timeout:too slow"]);
    expect(out).toEqual({
      kind: "many",
      items: [c0],
      failed: [{ index: 1, error: { code: "timeout", message: "too slow" } }],
    });
    vi.unstubAllGlobals();
  });

  it("reads a JSON answer with items as candidates", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ items: [cand(0)], failed: [] }), {
            status: 201,
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );
    const out = await streamRefine(
      { idea: "fox", candidates: 2 },
      { signal: new AbortController().signal, onDelta: () => {} },
    );
    expect(out.kind).toBe("many");
    vi.unstubAllGlobals();
  });
});
