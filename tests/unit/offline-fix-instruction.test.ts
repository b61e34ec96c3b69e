/**
 * A Fix misses round's instruction names checklist statements; the offline refiner reads each as
 * the edit that makes it true, and never weaves "Fix:" or the kept items into the prompt.
 */
import { describe, expect, it } from "vitest";
import { parseInstruction } from "@/lib/refine/offline/edits/parse-instruction";
import { sceneManifest } from "@/lib/backends/offline/manifest";
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

describe("a colour the sketch lost to the palette", () => {
  const idea = "two red foxes under a full moon";
  const checks = (prompt: string) => sceneManifest(prompt, 5, { width: 512, height: 512 }).subjects[0]?.color;

  it("is lost when the prompt's other colours outweigh it, as a palette bleeds in a diffusion model", () => {
    // The idea alone keeps its colour; the refined prompt adds amber eyes, blue shadows and a
    // navy-and-amber palette, which together outweigh "red" more than 1.5 times over.
    expect(checks(idea)).toBe("red");
    const refined = refineOffline({ idea, dialect: "prose" });
    expect(refined.prompt).toMatch(/^Two red foxes/);
    expect(checks(refined.prompt)).not.toBe("red");
  });

  it("comes back when the fix round quiets the palette, and nothing else changes", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const parent = refineOffline({ idea, dialect });
      const child = refineOffline({
        idea,
        dialect,
        parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: null, dialect },
        instruction: "Fix: the foxes are red. Keep: there are exactly two foxes; it is night",
      });
      expect(checks(child.prompt), dialect).toBe("red");
      expect(child.prompt).toMatch(/muted neutral/);
      expect(child.prompt).not.toMatch(/navy/);
      expect(child.notes.join(" ")).toMatch(/already made the foxes red, so the palette gives way/);
      // Everything but the palette is as it was.
      const withoutPalette = (p: string) => p.replace(/[^,.]*(?:navy|muted neutral|amber accents)[^,.]*,?/g, "");
      expect(withoutPalette(child.prompt)).toBe(withoutPalette(parent.prompt));
    }
  });

  it("a recolour to a new colour still replaces the old one, and leaves the palette", () => {
    const parent = refineOffline({ idea, dialect: "prose" });
    const child = refineOffline({
      idea,
      dialect: "prose",
      parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: null, dialect: "prose" },
      instruction: "make the foxes white",
    });
    expect(child.prompt).toMatch(/^Two white foxes/);
    expect(child.prompt).toMatch(/navy/);
  });
});
