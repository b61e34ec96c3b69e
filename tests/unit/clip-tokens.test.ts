import { describe, expect, it } from "vitest";
import { countClipTokens, stripEmphasis } from "@/lib/tokens/clip-tokens";

describe("CLIP token count", () => {
  it("counts with the real CLIP BPE vocabulary", () => {
    // Common words are one token each; a rare word splits into several BPE pieces.
    expect(countClipTokens("a photo of a cat")).toBe(5);
    expect(countClipTokens("a photo of a cat,")).toBe(6);
    expect(countClipTokens("chiaroscuro")).toBeGreaterThan(1);
    expect(countClipTokens("")).toBe(0);
  });

  it("ignores A1111 emphasis syntax, as the front ends do before encoding", () => {
    expect(stripEmphasis("(red fox:1.2), [snow], ((cozy)), \\(literal\\)")).toBe("red fox , snow , cozy , literal");
    expect(countClipTokens("(red fox:1.2)")).toBe(countClipTokens("red fox"));
  });

  it("a long prompt exceeds the 75-token text window", () => {
    const long = Array.from({ length: 40 }, (_, i) => `detail${i}`).join(", ");
    expect(countClipTokens(long)).toBeGreaterThan(75);
  });
});

describe("the offline refiner with the real counter", () => {
  it("keeps tag prompts within CLIP's 75 text tokens, idea words included", async () => {
    const { refineOffline } = await import("@/lib/refine/offline");
    for (const idea of [
      "a red fox curled up in the snow, cozy",
      "a lighthouse on a cliff above a stormy sea at sunset",
      "an astronaut reading in a greenhouse on mars, cinematic",
    ]) {
      const r = refineOffline({ idea, dialect: "tags", budget: { maxTokens: 75, countTokens: countClipTokens } });
      expect(countClipTokens(r.prompt), r.prompt).toBeLessThanOrEqual(75);
      for (const word of idea
        .replace(/,/g, "")
        .split(" ")
        .filter((w) => w.length > 3))
        expect(r.prompt).toContain(word);
    }
  });
  it("counts words that are also names of Object.prototype members", () => {
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      expect(countClipTokens(word)).toBeGreaterThan(0);
    }
  });
});
