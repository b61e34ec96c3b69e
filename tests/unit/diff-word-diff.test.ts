import { describe, expect, it } from "vitest";
import { diffCounts, sameWords, wordDiff } from "@/lib/diff/word-diff";

const kinds = (a: string, b: string) => wordDiff(a, b).map((s) => [s.kind, s.text]);
const side = (a: string, b: string, keep: "added" | "removed") =>
  wordDiff(a, b)
    .filter((s) => s.kind === "same" || s.kind === keep)
    .map((s) => s.text)
    .join("");

describe("wordDiff", () => {
  it("gives nothing for two empty texts and one unchanged run for identical ones", () => {
    expect(wordDiff("", "")).toEqual([]);
    expect(wordDiff("a fox in the snow", "a fox in the snow")).toEqual([{ kind: "same", text: "a fox in the snow" }]);
    expect(diffCounts(wordDiff("same words", "same words"))).toEqual({ added: 0, removed: 0 });
  });

  it("marks an insertion", () => {
    const d = wordDiff("a fox in the snow", "a red fox in the snow");
    expect(d.filter((s) => s.kind === "added").map((s) => s.text.trim())).toEqual(["red"]);
    expect(d.some((s) => s.kind === "removed")).toBe(false);
    expect(diffCounts(d)).toEqual({ added: 1, removed: 0 });
  });

  it("marks a deletion", () => {
    const d = wordDiff("a small red fox", "a fox");
    expect(d.filter((s) => s.kind === "removed").map((s) => s.text.trim())).toEqual(["small red"]);
    expect(d.some((s) => s.kind === "added")).toBe(false);
    expect(diffCounts(d)).toEqual({ added: 0, removed: 2 });
  });

  it("puts a replacement's removed words before its added ones, and keeps the rest", () => {
    expect(kinds("a fox at dawn, warm light", "a fox at night, warm light")).toEqual([
      ["same", "a fox at "],
      ["removed", "dawn"],
      ["added", "night"],
      ["same", ", warm light"],
    ]);
  });

  it("treats punctuation as its own token", () => {
    const d = wordDiff("snow, soft light.", "snow; soft light!");
    expect(d.filter((s) => s.kind === "removed").map((s) => s.text)).toEqual([",", "."]);
    expect(d.filter((s) => s.kind === "added").map((s) => s.text)).toEqual([";", "!"]);
    // The words themselves are unchanged.
    expect(
      d
        .filter((s) => s.kind === "same")
        .map((s) => s.text)
        .join(""),
    ).toContain("soft light");
  });

  it("keeps whole words in non-Latin scripts and accented letters", () => {
    expect(kinds("Лиса в снегу", "Лиса в дожде")).toEqual([
      ["same", "Лиса в "],
      ["removed", "снегу"],
      ["added", "дожде"],
    ]);
    expect(kinds("café au lait", "cafe au lait")).toEqual([
      ["removed", "café"],
      ["added", "cafe"],
      ["same", " au lait"],
    ]);
    const emoji = wordDiff("fox 🦊 snow", "fox 🐺 snow");
    expect(emoji.filter((s) => s.kind !== "same").map((s) => s.text)).toEqual(["🦊", "🐺"]);
  });

  it("rebuilds the new text exactly, and the old one up to whitespace", () => {
    const squash = (t: string) => t.replace(/\s+/g, " ").replace(/\s+([.,])/g, "$1");
    const a = "A lighthouse on a cliff at dusk, waves below, oil painting.";
    const b = "A tall lighthouse on a cliff at night, storm waves below, oil painting with thick brushwork.";
    expect(side(a, b, "added")).toBe(b);
    expect(squash(side(a, b, "removed"))).toBe(a);
  });

  it("adds everything to an empty text and removes everything from one emptied", () => {
    expect(kinds("", "new words")).toEqual([["added", "new words"]]);
    expect(kinds("old words", "")).toEqual([["removed", "old words"]]);
  });

  it("sees whitespace-only changes as no word change", () => {
    const d = wordDiff("a  fox\nin snow", "a fox in snow");
    expect(diffCounts(d)).toEqual({ added: 0, removed: 0 });
    expect(sameWords("a  fox\nin snow", "a fox in snow")).toBe(true);
    expect(sameWords("a fox", "a cat")).toBe(false);
  });
});
