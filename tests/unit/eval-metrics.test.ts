import { describe, expect, it } from "vitest";
import { contradictions } from "@/lib/eval/contradictions";
import { checklistCoverage, demandsOf } from "@/lib/eval/demands";
import { IdeaSetError, parseIdeaSet } from "@/lib/eval/idea-set";
import { combineOrders, parseChoice, preferenceRate } from "@/lib/eval/judge";
import { numbersIn, numbersKept } from "@/lib/eval/numbers";
import { partsFilled } from "@/lib/eval/parts-filled";
import { quotedKept, quotedSpans } from "@/lib/eval/quotes";
import { scoreIdea, summarize } from "@/lib/eval/score";
import { stem } from "@/lib/eval/text";
import { contentWords, wordsKept } from "@/lib/eval/words-kept";
import type { CheckItem } from "@/lib/schemas/checks";

describe("stem", () => {
  it("makes plurals and verb forms meet", () => {
    expect(stem("foxes")).toBe(stem("fox"));
    expect(stem("umbrellas")).toBe(stem("umbrella"));
    expect(stem("berries")).toBe(stem("berry"));
    expect(stem("wolves")).toBe(stem("wolf"));
    expect(stem("children")).toBe(stem("child"));
    expect(stem("glowing")).toBe(stem("glow"));
    expect(stem("running")).toBe(stem("run"));
    expect(stem("roses")).toBe(stem("rose"));
  });
  it("keeps different words apart", () => {
    expect(stem("cat")).not.toBe(stem("cart"));
    expect(stem("red")).toBe("red");
    expect(stem("glass")).toBe("glass");
  });
});

describe("wordsKept", () => {
  it("counts content words, not stop words or numbers", () => {
    expect(contentWords("two red foxes under a full moon")).toEqual(["red", "foxes", "full", "moon"]);
  });
  it("finds words again in another form", () => {
    expect(wordsKept("a fox under the moons", "(fox:1.2), moon glowing, night").missing).toEqual([]);
  });
  it("names the words a prompt lost", () => {
    const r = wordsKept("a red umbrella next to a blue bicycle", "a red umbrella, rainy street");
    expect(r.missing).toEqual(["blue", "bicycle"]);
    expect(r.kept).toBe(2);
    expect(r.total).toBe(4);
  });
  it("reads other languages and unspaced scripts", () => {
    expect(wordsKept("un renard roux dans la neige", "un renard roux dans la neige, lumière douce").missing).toEqual(
      [],
    );
    expect(wordsKept("雪の中の赤い鳥居", "雪の中の赤い鳥居, winter").missing).toEqual([]);
    expect(wordsKept("雪の中の赤い鳥居", "a red torii gate in snow").kept).toBe(0);
  });
});

describe("quotedKept", () => {
  it("finds straight, curly, single and other quotes, but not apostrophes", () => {
    expect(quotedSpans('a sign that says "OPEN"')).toEqual(["OPEN"]);
    expect(quotedSpans("a poster with “Visit Mars”")).toEqual(["Visit Mars"]);
    expect(quotedSpans("a mug printed with 'MONDAY' in bold")).toEqual(["MONDAY"]);
    expect(quotedSpans("the fox's tail and the dog's bone")).toEqual([]);
    expect(quotedSpans("un panneau « Boulangerie » et 「東京」")).toEqual(["Boulangerie", "東京"]);
  });
  it("wants the exact text, same case", () => {
    expect(quotedKept('a sign that says "OPEN"', 'neon sign reading "OPEN", rain').missing).toEqual([]);
    expect(quotedKept('a sign that says "OPEN"', "a neon sign reading open").missing).toEqual(["OPEN"]);
    expect(quotedKept('a sign that says "Fresh Croissants"', "sign with Fresh Croissant").kept).toBe(0);
  });
});

describe("numbersKept", () => {
  it("treats words and digits as the same number", () => {
    expect(numbersIn("two cats, 3 dogs and a dozen eggs")).toEqual([2, 3, 12]);
    expect(numbersKept("two red foxes", "2 red foxes").missing).toEqual([]);
    expect(numbersKept("4 astronauts", "four astronauts").missing).toEqual([]);
    expect(numbersKept("deux chats noirs", "two black cats").missing).toEqual([]);
  });
  it("names a number the prompt lost or changed", () => {
    expect(numbersKept("seven candles on a cake", "candles on a cake").missing).toEqual([7]);
    expect(numbersKept("three paper cranes", "two paper cranes").missing).toEqual([3]);
    expect(numbersKept("a fox in the snow", "a fox").total).toBe(0);
  });
});

describe("contradictions", () => {
  const ids = (idea: string, prompt: string) => contradictions(idea, prompt).map((c) => c.id);
  it("catches the issue's examples", () => {
    expect(ids("macro shot of a dew drop on a spider web", "an atmospheric matte painting, brushwork")).toContain(
      "photo-vs-drawn",
    );
    expect(ids("product photo of a leather backpack", "sweeping wide-angle view to far horizon")).toContain(
      "product-vs-scenery",
    );
    expect(ids("isometric view of a medieval village", "deep one-point perspective down the street")).toEqual([
      "isometric-vs-perspective",
    ]);
    expect(ids("pixel art knight", "natural skin texture, subtle film grain")).toEqual(["flat-vs-texture"]);
    expect(ids("a minimalist poster", "intricate fine detail")).toEqual(["minimal-vs-intricate"]);
    expect(ids("children's book illustration of a shy hedgehog", "worn leather binding and gilt edges")).toEqual([
      "book-style-vs-book-object",
    ]);
  });
  it("catches time, season, weather and angle", () => {
    expect(ids("a fox under a full moon", "bright midday sun")).toEqual(["night-vs-day"]);
    expect(ids("a harbor at dawn", "warm sunset glow")).toEqual(["dawn-vs-dusk"]);
    expect(ids("a village in winter", "lush green summer meadow")).toEqual(["winter-vs-warm"]);
    expect(ids("a beach on a sunny day", "stormy sky, heavy rain")).toContain("clear-vs-storm");
    expect(ids("top-down view of a breakfast table", "eye-level shot")).toEqual(["top-down-vs-eye-level"]);
  });
  it("is quiet when the prompt agrees with the idea", () => {
    expect(ids("product photo of a leather backpack", "soft studio lighting, 90mm lens, true-to-life color")).toEqual(
      [],
    );
    expect(ids("a watercolor of a harbor at sunset", "visible brushwork, warm sunset light")).toEqual([]);
    expect(ids("pixel art knight", "sharp pixel-perfect outlines, two-tone shading")).toEqual([]);
    expect(ids("isometric view of a village", "clean isometric projection, parallel edges")).toEqual([]);
  });
  it("does not count what the idea itself asked for", () => {
    expect(ids("a photo of a painting in a museum", "a framed oil painting, museum photograph")).toEqual([]);
    expect(ids("a night market at sunset", "sunset glow over the night market")).toEqual([]);
  });
});

describe("partsFilled", () => {
  it("counts the anatomy's non-empty parts", () => {
    expect(partsFilled({ subject: "a fox", medium: "photo", lighting: " " })).toEqual({ filled: 2, total: 8 });
    expect(partsFilled(undefined).filled).toBe(0);
  });
});

describe("checklist coverage", () => {
  const item = (text: string, kind: CheckItem["kind"], words: string[] = []): CheckItem => ({
    id: text.replace(/\W+/g, "-").slice(0, 30) || "x",
    text,
    kind,
    words,
  });
  it("reads counts, colour bindings, quoted text, medium and relations", () => {
    const d = demandsOf('a watercolor of two red foxes under a tree beside a sign that says "OPEN"');
    const texts = d.map((x) => `${x.kind}:${x.text}`);
    expect(texts).toContain("count:two foxes");
    expect(texts).toContain("attribute:red foxes");
    expect(texts).toContain("text:the text “OPEN”");
    expect(texts).toContain("style:watercolor");
    expect(texts).toContain("relation:under tree");
  });
  it("counts an item naming the demand's words as covered", () => {
    const idea = "two red foxes under a full moon";
    const full = checklistCoverage(idea, [
      item("There are 2 foxes", "count"),
      item("The foxes are red", "attribute"),
      item("The foxes are under the moon", "relation"),
    ]);
    expect(full.missing).toEqual([]);
    expect(full.covered).toBe(full.total);
  });
  it("misses a demand no item names, and covers nothing without a checklist", () => {
    const idea = "a red umbrella next to a blue bicycle";
    const some = checklistCoverage(idea, [item("The umbrella is red", "attribute")]);
    expect(some.missing).toContain("blue bicycle");
    expect(some.covered).toBeGreaterThan(0);
    expect(checklistCoverage(idea, undefined).covered).toBe(0);
    expect(checklistCoverage('a sign that says "OPEN"', [item("a sign saying CLOSED", "text")]).covered).toBe(0);
  });
});

describe("score and summary", () => {
  const target = {
    id: "t",
    label: "t",
    dialect: "tags" as const,
    budget: { maxTokens: 5, countTokens: (t: string) => t.split(/\s+/).length },
  };
  it("scores one idea and flags a prompt over budget", () => {
    const item = scoreIdea(
      { idea: "two foxes", category: "counting" },
      { prompt: "2 foxes in deep snow at night", title: "", notes: [], model: "m", parts: { subject: "2 foxes" } },
      target,
    );
    expect(item.wordsKept).toBe(1);
    expect(item.numbersKept).toBe(1);
    expect(item.quotedKept).toBeNull();
    expect(item.withinBudget).toBe(false);
    expect(item.tokens).toBe(7);
    expect(item.checklistCoverage).toBe(0);
  });
  it("averages over the ideas a figure applies to and sums contradictions", () => {
    const a = scoreIdea(
      { idea: "pixel art fox", category: "x" },
      { prompt: "pixel art fox, skin texture", title: "", notes: [], model: "", parts: {} },
      target,
    );
    const b = scoreIdea(
      { idea: 'sign "OPEN"', category: "x" },
      { prompt: "sign", title: "", notes: [], model: "", parts: {} },
      target,
    );
    const s = summarize([a, b]);
    expect(s.ideas).toBe(2);
    expect(s.contradictions).toBe(1);
    expect(s.quotedKept).toBe(0);
    expect(s.numbersKept).toBe(1);
  });
});

describe("idea set files", () => {
  it("takes strings and { idea, category } objects", () => {
    expect(parseIdeaSet('["fox", {"idea": "owl", "category": "birds"}]')).toEqual([
      { idea: "fox", category: "uncategorized" },
      { idea: "owl", category: "birds" },
    ]);
  });
  it("rejects anything else with a clear error", () => {
    expect(() => parseIdeaSet("{")).toThrow(IdeaSetError);
    expect(() => parseIdeaSet("[]")).toThrow(/non-empty JSON array/);
    expect(() => parseIdeaSet('[{"text": "fox"}]')).toThrow(/at \[0\]/);
    expect(() => parseIdeaSet('["  "]')).toThrow(IdeaSetError);
  });
});

describe("pairwise judge", () => {
  it("reads the structured answer and nothing else", () => {
    expect(parseChoice('{"choice":"A","reason":"r"}')).toBe("A");
    expect(parseChoice('{"choice":"left"}')).toBeNull();
    expect(parseChoice("A")).toBeNull();
    expect(parseChoice(null)).toBeNull();
  });
  it("cancels position bias by asking both orders", () => {
    // A judge that always says "A" favours neither prompt once the order is swapped.
    expect(combineOrders("A", "A")).toEqual({ refinedWins: 1, ideaWins: 1, ties: 0, unparsed: 0 });
    expect(combineOrders("A", "B")).toEqual({ refinedWins: 2, ideaWins: 0, ties: 0, unparsed: 0 });
    expect(preferenceRate([combineOrders("A", "B"), combineOrders("tie", null)])).toEqual({
      rate: 2.5 / 3,
      asked: 4,
      unparsed: 1,
    });
  });
});
