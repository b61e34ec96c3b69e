/**
 * The offline refiner's checklist (issue 11): the idea's demands, item by item, read from the
 * idea's own words; refining further keeps, adds to and replaces items.
 */
import { describe, expect, it } from "vitest";
import { numberChecks } from "@/lib/refine/check-ids";
import { checklistAfterInstruction, checklistFromIdea, offlineChecklist } from "@/lib/refine/offline/checklist";
import { refineOffline } from "@/lib/refine/offline/refine-offline";
import { type CheckItem, ChecklistSchema, MAX_CHECKS } from "@/lib/schemas/checks";

const ofKind = (items: CheckItem[], kind: CheckItem["kind"]) => items.filter((i) => i.kind === kind);

describe("the offline checklist of an idea", () => {
  const foxes = checklistFromIdea("two red foxes under a full moon");

  it("counts, binds the colour to its noun, relates and sets the scene", () => {
    expect(ChecklistSchema.parse(foxes)).toEqual(foxes);
    expect(foxes.map((i) => i.id)).toEqual(foxes.map((_, n) => `c${n + 1}`));
    expect(ofKind(foxes, "count")).toEqual([
      { id: "c1", text: "there are exactly two foxes", kind: "count", words: ["two", "foxes"] },
    ]);
    expect(ofKind(foxes, "attribute")).toEqual([
      expect.objectContaining({ text: "the foxes are red", words: ["red", "foxes"] }),
    ]);
    const [relation] = ofKind(foxes, "relation");
    expect(relation?.text).toBe("the foxes are under a full moon");
    expect(relation?.words).toEqual(expect.arrayContaining(["under", "moon"]));
    const [setting] = ofKind(foxes, "setting");
    expect(setting?.text).toMatch(/night/);
    expect(setting?.words).toContain("moon");
    // "red" is the foxes', not the moon's: no item says the moon is red.
    expect(foxes.some((i) => /moon is/.test(i.text))).toBe(false);
  });

  it("keeps quoted text word for word, with what carries it", () => {
    const sign = checklistFromIdea('a sign that says "OPEN" above a diner door');
    const [text] = ofKind(sign, "text");
    expect(text?.text).toBe("the sign reads “OPEN”, spelled exactly");
    expect(text?.words).toContain("OPEN");
    expect(sign.some((i) => i.kind === "entity" && i.text === "there is a sign")).toBe(true);
    // Lettering is never read as a thing or a verb.
    expect(sign.some((i) => /says|open/.test(i.text.replace("“OPEN”", "")))).toBe(false);
    expect(ofKind(checklistFromIdea("a neon sign with the text “Late Night Ramen”"), "text")[0]?.words).toContain(
      "Late Night Ramen",
    );
  });

  it("names the medium, the style and the camera", () => {
    const lighthouse = checklistFromIdea("a watercolor of a lighthouse at dusk");
    expect(ofKind(lighthouse, "style")).toEqual([expect.objectContaining({ text: "it is a watercolor" })]);
    expect(ofKind(lighthouse, "entity").map((i) => i.text)).toEqual(["there is a lighthouse"]);
    expect(ofKind(lighthouse, "setting").map((i) => i.text)).toEqual(["it is dusk"]);
    expect(ofKind(checklistFromIdea("children's book illustration of a shy hedgehog"), "style")[0]?.text).toBe(
      "it is a children's book illustration",
    );
    expect(ofKind(checklistFromIdea("macro shot of a dew drop on a spider web"), "style")[0]?.text).toBe(
      "it is a macro shot",
    );
    expect(ofKind(checklistFromIdea("pixel art knight"), "style")[0]?.text).toBe("it is pixel art");
  });

  it("reads places, weather, seasons and doings", () => {
    const door = checklistFromIdea("an old wooden door with a brass knocker, cinematic, foggy morning in autumn");
    expect(door.map((i) => i.text)).toEqual(
      expect.arrayContaining([
        "the door is old",
        "the door is wooden",
        "the door has a brass knocker",
        "the style is cinematic",
        "it is morning",
        "the weather is foggy",
        "it is autumn",
      ]),
    );
    const kittens = checklistFromIdea("three kittens sleeping in a wicker basket");
    expect(kittens.map((i) => i.text)).toEqual([
      "there are exactly three kittens",
      "the kittens are sleeping",
      "the kittens are in a wicker basket",
    ]);
    expect(checklistFromIdea("a cat holding a lantern in a snowy forest").map((i) => [i.kind, i.text])).toEqual([
      ["entity", "there is a cat"],
      ["relation", "the cat is holding a lantern"],
      ["setting", "the scene is set in a snowy forest"],
    ]);
  });

  it("shows an idea in another language whole, and stays within MAX_CHECKS", () => {
    expect(checklistFromIdea("deux renards roux sous la pleine lune")).toEqual([
      expect.objectContaining({ kind: "entity", text: "the picture shows deux renards roux sous la pleine lune" }),
    ]);
    expect(checklistFromIdea("")).toEqual([]);
    const long = Array.from({ length: 30 }, (_, i) => `a ${["red", "blue", "green"][i % 3]} thing${i}`).join(", ");
    const items = checklistFromIdea(long);
    expect(items).toHaveLength(MAX_CHECKS);
    expect(ChecklistSchema.safeParse(items).success).toBe(true);
  });

  it("is the idea's demands, not the refiner's additions", () => {
    const refined = refineOffline({ idea: "two red foxes under a full moon", dialect: "prose" });
    expect(refined.checks).toEqual(foxes);
    const words = new Set("two red foxes under a full moon".split(" "));
    for (const item of refined.checks ?? []) for (const w of item.words) expect(words.has(w), w).toBe(true);
  });
});

describe("the offline checklist after an instruction", () => {
  const foxes = checklistFromIdea("two red foxes under a full moon");

  it("replaces the item an instruction contradicts, with a new id", () => {
    const one = checklistAfterInstruction(foxes, "make it one fox");
    expect(ofKind(one, "count")).toEqual([expect.objectContaining({ text: "there is exactly one fox" })]);
    expect(ofKind(one, "count")[0]?.id).not.toBe("c1");
    expect(one).toHaveLength(foxes.length);
    const white = checklistAfterInstruction(foxes, "make the foxes white");
    expect(ofKind(white, "attribute").map((i) => i.text)).toEqual(["the foxes are white"]);
    const sunset = checklistAfterInstruction(foxes, "at sunset");
    expect(ofKind(sunset, "setting").map((i) => i.text)).toEqual(["it is sunset"]);
  });

  it("keeps the parent's items and adds the instruction's new demands", () => {
    const hat = checklistAfterInstruction(foxes, "add a hat");
    expect(hat.slice(0, foxes.length)).toEqual(foxes);
    expect(hat.at(-1)).toEqual({ id: `c${foxes.length + 1}`, text: "there is a hat", kind: "entity", words: ["hat"] });
    const sign = checklistAfterInstruction(foxes, 'add a sign that says "HELLO"');
    expect(ofKind(sign, "text")[0]?.words).toContain("HELLO");
    expect(checklistAfterInstruction(foxes, "as a watercolor").at(-1)?.kind).toBe("style");
    // A wish with no thing in it adds nothing.
    expect(checklistAfterInstruction(foxes, "more dramatic lighting")).toEqual(foxes);
  });

  it("drops what an instruction takes away", () => {
    const noMoon = checklistAfterInstruction(foxes, "no moon");
    expect(noMoon.some((i) => i.words.includes("moon"))).toBe(false);
    expect(ofKind(noMoon, "count")).toHaveLength(1);
  });

  it("inherits the parent's list as it stands (a hand edit), and reads the idea for a version without one", () => {
    const edited = numberChecks([...foxes, { text: "the foxes look at each other", kind: "relation" }]);
    expect(offlineChecklist({ idea: "two red foxes under a full moon", parent: { ...parentOf(edited) } })).toEqual(
      edited,
    );
    expect(offlineChecklist({ idea: "two red foxes under a full moon", parent: parentOf([]) })).toEqual(foxes);
    const refined = refineOffline({
      idea: "two red foxes under a full moon",
      parent: parentOf(edited),
      instruction: "make it one fox",
      dialect: "prose",
    });
    expect(refined.checks?.map((i) => i.text)).toContain("the foxes look at each other");
    expect(refined.checks?.map((i) => i.text)).toContain("there is exactly one fox");
  });
});

function parentOf(checks: CheckItem[]) {
  return {
    prompt: "Two red foxes under a full moon, soft moonlight.",
    negativePrompt: null,
    style: null,
    dialect: "prose" as const,
    parts: null,
    checks,
  };
}
