import { describe, expect, it } from "vitest";
import { initialState, studioReducer } from "@/components/studio/studio-state";
import type { Generation } from "@/lib/schemas/entities";
import { promptVersion } from "./harness/fixtures";

const v1 = promptVersion({ prompt: "a fox in the snow", notes: ["added light"] });
const gen: Generation = {
  id: "g1",
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  model: "sketch",
  params: { size: "512x512", n: 2 },
  status: "queued",
  progress: 0,
  error: null,
  createdAt: "2025-01-01T00:00:01Z",
  startedAt: null,
  finishedAt: null,
  durationMs: null,
};

describe("studio state", () => {
  it("streams a prompt in, then saves it as the current version", () => {
    let s = initialState(undefined, undefined);
    s = studioReducer(s, { type: "ideaText", text: "fox" });
    s = studioReducer(s, { type: "refineStart", mode: "new" });
    s = studioReducer(s, { type: "refineDelta", text: "a fox", reset: false });
    s = studioReducer(s, { type: "refineDelta", text: " in the snow", reset: false });
    expect(s.prompt).toBe("a fox in the snow");
    s = studioReducer(s, { type: "prompt", text: "typed while streaming" });
    expect(s.prompt).toBe("a fox in the snow");
    s = studioReducer(s, { type: "refineDone", version: v1 });
    expect(s.refining).toBeNull();
    expect(s.currentId).toBe("v1");
    expect(s.ideaId).toBe("i1");
    expect(s.notice).toBe("Saved as v1.");
  });

  it("clears the last event's notice once the person types, so 'Saved as v1.' never sits under unsaved text", () => {
    let s = initialState(undefined, undefined);
    s = studioReducer(s, { type: "refineStart", mode: "new" });
    s = studioReducer(s, { type: "refineDone", version: v1 });
    expect(s.notice).toBe("Saved as v1.");
    s = studioReducer(s, { type: "prompt", text: "a fox in the snow, a lantern beside it" });
    expect(s.notice).toBe("");
    s = studioReducer(s, { type: "refineDone", version: v1 });
    s = studioReducer(s, { type: "negative", text: "blurry" });
    expect(s.notice).toBe("");
  });

  it("restores the previous prompt when stopped or failed", () => {
    let s = studioReducer(initialState(undefined, undefined), { type: "refineDone", version: v1 });
    s = studioReducer(s, { type: "refineStart", mode: "again" });
    s = studioReducer(s, { type: "refineDelta", text: "half", reset: false });
    const stopped = studioReducer(s, { type: "refineStopped" });
    expect(stopped.prompt).toBe(v1.prompt);
    const failed = studioReducer(s, { type: "refineFail", error: { code: "refused", message: "no" } });
    expect(failed.prompt).toBe(v1.prompt);
    expect(failed.refineError?.code).toBe("refused");
  });

  it("follows a generation from queued to done, newest first, and keeps the prompt on failure", () => {
    let s = studioReducer(initialState(undefined, undefined), { type: "refineDone", version: v1 });
    s = studioReducer(s, { type: "generationAdded", generation: gen });
    s = studioReducer(s, { type: "progress", id: "g1", progress: 0.5 });
    expect(s.generations[0]?.status).toBe("running");
    const failed = studioReducer(s, {
      type: "generationError",
      id: "g1",
      error: { code: "backend_error", message: "boom" },
    });
    expect(failed.generations[0]?.status).toBe("failed");
    expect(failed.prompt).toBe(v1.prompt);
    s = studioReducer(s, { type: "generationAdded", generation: { ...gen, id: "g2" } });
    expect(s.generations.map((g) => g.id)).toEqual(["g2", "g1"]);
  });
});

describe("a version made elsewhere (a Fix misses round)", () => {
  it("joins History without moving the editor, once, and only for this idea", () => {
    let s = initialState(undefined, undefined);
    s = studioReducer(s, { type: "refineStart", mode: "new" });
    s = studioReducer(s, { type: "refineDone", version: v1 });
    s = studioReducer(s, { type: "prompt", text: "typing" });
    const round = promptVersion({ id: "v2", parentId: "v1", source: "fix", createdAt: "2025-01-01T00:00:09Z" });
    s = studioReducer(s, { type: "versionArrived", version: round });
    expect(s.versions.map((v) => v.id)).toEqual(["v1", "v2"]);
    expect(s.currentId).toBe("v1");
    expect(s.prompt).toBe("typing");
    expect(studioReducer(s, { type: "versionArrived", version: round })).toBe(s);
    const other = promptVersion({ id: "x1", ideaId: "another" });
    expect(studioReducer(s, { type: "versionArrived", version: other })).toBe(s);
  });
});
