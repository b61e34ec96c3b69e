/**
 * A Fix misses round's instruction names checklist statements; the offline refiner reads each as
 * the edit that makes it true, and never weaves "Fix:" or the kept items into the prompt.
 */
import { describe, expect, it } from "vitest";
import { parseInstruction } from "@/lib/refine/offline/edits/parse-instruction";
import { refineOffline } from "@/lib/refine/offline/refine-offline";

describe("a fix round's instruction, offline", () => {
  it("turns each missed statement into an edit and leaves the kept ones alone", () => {
    const edits = parseInstruction(
      "Fix: there is a dog; the foxes are red; the dog is on a sofa; it is night. Keep: there are exactly three cats",
    );
    expect(edits).toEqual([
      { kind: "add", target: "a dog" },
      { kind: "recolor", target: "foxes", color: "red" },
      { kind: "add", target: "the dog on a sofa" },
      expect.objectContaining({ kind: "time" }),
    ]);
  });

  it("reads other instructions as before", () => {
    expect(parseInstruction("add a dog")).toEqual([{ kind: "add", target: "a dog" }]);
    expect(parseInstruction("fix the lighting")[0]?.kind).toBe("unrecognised");
  });

  it("writes the missing thing into the prompt, not the words Fix or Keep", () => {
    const idea = "three cats and a dog on a sofa";
    const parent = refineOffline({ idea, dialect: "prose" });
    const child = refineOffline({
      idea,
      dialect: "prose",
      parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: null, dialect: "prose" },
      instruction: "Fix: there is a dog. Keep: there are exactly three cats",
    });
    expect(child.prompt).toMatch(/\bdog\b/);
    expect(child.prompt).not.toMatch(/\b(?:Fix|Keep):/);
  });
});
