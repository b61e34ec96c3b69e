import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { approxClipTokens, refineOffline } from "@/lib/refine/offline";
import type { RefineInput } from "@/lib/refine/types";
import { STYLE_IDS } from "@/lib/schemas/styles";
import { getStyle, STYLE_PRESETS } from "@/lib/styles";

// The test's own idea of a content word, independent of the refiner's list.
const STOP = new Set(
  "a an the and or of in on at to by for with from into over under during while is are it its this that my your very".split(
    " ",
  ),
);
function contentWords(idea: string): string[] {
  return (idea.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => !STOP.has(w.toLowerCase()));
}
function hasWholeWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu").test(text);
}
function missingWords(idea: string, prompt: string): string[] {
  return contentWords(idea).filter((w) => !hasWholeWord(prompt, w));
}

const IDEAS = [
  "a fox in the snow, cozy",
  "CYBERPUNK CITY AT NIGHT, RAIN!!!",
  "My grandmother's kitchen on a Sunday morning.",
  "portrait of an old fisherman; weathered, stoic",
  "Two kids building a snow-covered treehouse — autumn, joyful",
  "a tiny robot watering plants on Mars",
  "neon jellyfish drifting above a flooded subway station",
  "an astronaut reading a newspaper in a 1950s diner",
];

function prose(idea: string, extra: Partial<RefineInput> = {}) {
  return refineOffline({ idea, dialect: "prose", ...extra });
}
function tags(idea: string, extra: Partial<RefineInput> = {}) {
  return refineOffline({ idea, dialect: "tags", ...extra });
}

/** "Added medium: a; b." → ["a", "b"] */
function addedPhrases(notes: string[], part: string): string[] | undefined {
  const note = notes.find((n) => n.startsWith(`Added ${part}: `));
  return note?.slice(`Added ${part}: `.length).replace(/\.$/, "").split("; ");
}

describe("refineOffline: keeps the idea", () => {
  it.each(IDEAS)("keeps every content word of %j in prose and in tags", (idea) => {
    expect(missingWords(idea, prose(idea).prompt)).toEqual([]);
    expect(missingWords(idea, tags(idea).prompt)).toEqual([]);
  });

  it("says so in the notes, and says which word it added inside the idea", () => {
    expect(prose("a lighthouse on a cliff").notes).toContain("Kept every word of the idea.");
    const fox = prose("a fox in the snow, cozy").notes;
    expect(fox).toContain('Kept every word of the idea, and added "red" before "fox" to make the subject specific.');
    expect(fox).not.toContain("Kept every word of the idea.");
  });

  it("keeps the idea's words in their original form, not a synonym", () => {
    const result = prose("a vixen in the powder, snug");
    for (const word of ["vixen", "powder", "snug"]) expect(hasWholeWord(result.prompt, word)).toBe(true);
  });

  it("rejects an empty idea", () => {
    expect(() => prose("")).toThrow(AppError);
    try {
      prose("   \n ");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("invalid_request");
    }
  });
});

describe("refineOffline: adds the missing anatomy", () => {
  it("adds medium, lighting, composition, palette and detail, and each named phrase is in the prompt", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const result = refineOffline({ idea: "a fox in the snow, cozy", dialect });
      const parts = ["medium", "lighting", "composition", "palette", "detail"];
      const added = parts.filter((p) => addedPhrases(result.notes, p));
      expect(added.length).toBeGreaterThanOrEqual(4);
      for (const part of added) {
        for (const phrase of addedPhrases(result.notes, part) ?? []) {
          expect(result.prompt.toLowerCase(), `${dialect} ${part}: ${phrase}`).toContain(phrase.toLowerCase());
        }
      }
    }
  });

  it("recognises subject, setting and mood", () => {
    const note = prose("a fox in the snow, cozy").notes[0] ?? "";
    expect(note).toContain('subject "fox"');
    expect(note).toContain('setting "snow"');
    expect(note).toContain('mood "cozy"');
  });

  it("lets mood words steer the light and palette", () => {
    const cozy = prose("a cabin in the woods, cozy").prompt.toLowerCase();
    expect(cozy).toMatch(/lamplight/);
    expect(cozy).toMatch(/amber/);
    const eerie = prose("a cabin in the woods, eerie").prompt.toLowerCase();
    expect(eerie).toMatch(/cold/);
    expect(eerie).toMatch(/teal/);
    expect(eerie).not.toMatch(/lamplight/);
  });

  it("does not add a medium or light that contradicts the idea's own", () => {
    const result = prose("a watercolor of a lighthouse at night, lit by a single lantern");
    expect(addedPhrases(result.notes, "medium")).toBeUndefined();
    expect(addedPhrases(result.notes, "lighting")).toBeUndefined();
    expect(result.prompt).not.toMatch(/photograph|oil painting|35mm/i);
    expect(result.notes.some((n) => n.includes("Kept the idea's own medium (watercolor)"))).toBe(true);

    const photo = prose("a candlelit photo of a violinist");
    expect(photo.prompt).not.toMatch(/painting|illustration|brushwork/i);
    expect(addedPhrases(photo.notes, "lighting")).toBeUndefined();
  });

  it("lights a scene by its time of day, not by a contradicting default", () => {
    const night = prose("a quiet harbor at night").prompt.toLowerCase();
    expect(night).toMatch(/moonlight|streetlights|night/);
    expect(night).not.toMatch(/golden-hour|midday|sunlight|daylight/);
  });

  it("adds the subject's specific detail", () => {
    expect(prose("a fox in the snow").prompt).toMatch(/bushy tail/);
    expect(prose("an old fisherman mending nets").prompt).toMatch(/weathered hands/);
  });
});

describe("refineOffline: reads like a person wrote it", () => {
  it.each(IDEAS)("prose for %j: 2-4 sentences, 250-700 chars, clean English", (idea) => {
    const { prompt } = prose(idea);
    const sentences = prompt.split(/(?<=[.!?])\s+/).filter(Boolean);
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(4);
    expect(prompt.length).toBeGreaterThanOrEqual(250);
    expect(prompt.length).toBeLessThanOrEqual(700);
    expect(prompt).not.toMatch(/\([^()]+:\d/);
    expect(prompt).not.toMatch(/(?<![\p{L}])(\p{L}+)\s+\1(?![\p{L}])/iu);
    expect(prompt).not.toMatch(/\ba an?\b|\ban [bcdfgjklmnpqrstvwxz]\w/i);
    expect(prompt).not.toMatch(/\ba [aeio]\w/i);
    expect(prompt).not.toMatch(/\s[,.]|,,|,\s*$|,\./);
    expect(prompt).toMatch(/^[A-Z0-9]/);
    expect(prompt).toMatch(/\.$/);
    for (const s of sentences) expect(s).toMatch(/^[A-Z0-9]/);
  });

  it("varies its sentence shapes across ideas", () => {
    const openings = new Set(
      IDEAS.map(
        (idea) =>
          prose(idea)
            .prompt.split(/(?<=[.!?])\s+/)[2]
            ?.split(" ")[0],
      ),
    );
    expect(openings.size).toBeGreaterThan(1);
  });

  it("tags: weighted key tags, no sentences, and a negative prompt", () => {
    const result = tags("a fox in the snow, cozy");
    expect(result.prompt).toMatch(/\(red fox:1\.2\)/);
    expect(result.prompt).toMatch(/\([^()]+:1\.1\)/);
    expect(result.prompt).not.toMatch(/\.\s/);
    expect(result.prompt).not.toMatch(/,\s*,|,\s*$/);
    expect(result.negativePrompt).toMatch(/blurry/);
    expect(result.negativePrompt).toMatch(/watermark/);
    expect(result.negativePrompt).toMatch(/extra limbs/);
    const parts = result.prompt.split(", ").map((t) => t.toLowerCase());
    expect(new Set(parts).size).toBe(parts.length);
  });

  it("prose has no negative prompt; tags never negate what the prompt asks for", () => {
    expect(prose("a fox in the snow").negativePrompt).toBeUndefined();
    const sign = tags("a shop sign with hand-painted text");
    expect(sign.negativePrompt?.split(", ")).not.toContain("text");
  });
});

describe("refineOffline: deterministic", () => {
  it("gives the same output for the same input", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const input: RefineInput = { idea: "a lonely lighthouse during a storm, eerie", dialect, style: "oil-painting" };
      expect(refineOffline(input)).toEqual(refineOffline(input));
    }
  });

  it("gives a different output for a different idea", () => {
    expect(prose("a fox in the snow").prompt).not.toBe(prose("a wolf in the snow").prompt);
    expect(tags("a fox in the snow").prompt).not.toBe(tags("a fox in the forest").prompt);
  });

  it("records its model", () => {
    expect(prose("a fox").model).toBe("offline-refiner-v3");
  });
});

describe("refineOffline: budget", () => {
  it.each(IDEAS)("tags for %j fit 77 approximate CLIP tokens and keep the idea", (idea) => {
    const result = tags(idea, { budget: { maxTokens: 77 } });
    expect(approxClipTokens(result.prompt)).toBeLessThanOrEqual(77);
    expect(missingWords(idea, result.prompt)).toEqual([]);
  });

  it.each(IDEAS)("prose for %j fits 300 characters and keeps the idea", (idea) => {
    const result = prose(idea, { budget: { maxChars: 300 } });
    expect(result.prompt.length).toBeLessThanOrEqual(300);
    expect(missingWords(idea, result.prompt)).toEqual([]);
    expect(result.prompt).toMatch(/\.$/);
  });

  it("drops the finishing detail before anything else and says so", () => {
    const full = prose("a fox in the snow, cozy");
    const tight = prose("a fox in the snow, cozy", { budget: { maxChars: full.prompt.length - 20 } });
    expect(tight.prompt.length).toBeLessThanOrEqual(full.prompt.length - 20);
    expect(addedPhrases(tight.notes, "medium")).toEqual(addedPhrases(full.notes, "medium"));
    expect(addedPhrases(tight.notes, "lighting")).toEqual(addedPhrases(full.notes, "lighting"));
    expect(tight.notes.some((n) => /Shortened to fit.*dropping detail/.test(n))).toBe(true);
  });

  it("keeps the idea whole even when it alone is over the budget", () => {
    const idea = "an enormous ancient library carved inside a hollow mountain with spiral staircases";
    const result = prose(idea, { budget: { maxChars: 40 } });
    expect(missingWords(idea, result.prompt)).toEqual([]);
    expect(result.notes.some((n) => n.includes("kept whole"))).toBe(true);
  });

  it("approximates CLIP tokens as words and punctuation, without A1111 weight syntax", () => {
    expect(approxClipTokens("red fox, snow")).toBe(4);
    expect(approxClipTokens("(red fox:1.2), snow")).toBe(4);
    expect(approxClipTokens("photorealistic")).toBe(2);
    expect(approxClipTokens("")).toBe(0);
  });
});

describe("refineOffline: styles", () => {
  it("has a complete preset for every style id", () => {
    expect(STYLE_PRESETS.map((s) => s.id).sort()).toEqual([...STYLE_IDS].sort());
    for (const preset of STYLE_PRESETS) {
      for (const part of [
        preset.label,
        preset.description,
        preset.medium,
        preset.lighting,
        preset.palette,
        preset.camera,
        preset.detail,
        preset.negative,
      ]) {
        expect(part.trim().length).toBeGreaterThan(3);
      }
      expect(getStyle(preset.id)).toBe(preset);
    }
    expect(getStyle(null)).toBeUndefined();
  });

  it("applies the watercolor preset's medium and finish", () => {
    const result = prose("a fox in the snow", { style: "watercolor" });
    expect(result.prompt).toContain("loose watercolor painting on cold-press paper");
    expect(result.prompt).toContain("wet-on-wet");
    expect(result.prompt).not.toMatch(/lens|film grain/);
    expect(result.notes).toContain("Applied the Watercolor style preset.");
  });

  it("uses each preset's medium in both dialects, and its negative in tags", () => {
    for (const preset of STYLE_PRESETS) {
      expect(prose("a fox in the snow", { style: preset.id }).prompt).toContain(preset.medium);
      const t = tags("a fox in the snow", { style: preset.id });
      expect(t.prompt).toContain(preset.medium);
      expect(t.negativePrompt).toContain(preset.negative.split(", ")[0] as string);
    }
  });

  it("keeps pixel art's low resolution out of its negative prompt", () => {
    expect(tags("a knight at dusk", { style: "pixel-art" }).negativePrompt?.split(", ")).not.toContain("lowres");
  });
});

describe("refineOffline: title", () => {
  it.each([
    ["a fox in the snow, cozy", "Fox in the Snow"],
    ["cyberpunk city at night, rain", "Cyberpunk City at Night"],
    ["portrait of an old fisherman", "Old Fisherman"],
    ["My grandmother's kitchen on a Sunday morning.", "Grandmother's Kitchen on a Sunday Morning"],
  ])("titles %j as %j", (idea, title) => {
    expect(prose(idea).title).toBe(title);
  });

  it("stays within 60 characters", () => {
    const title = prose(
      "an extraordinarily elaborate clockwork dragon constructed entirely from antique brass pocket watches and violin strings",
    ).title;
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title).toMatch(/^[A-Z]/);
  });
});
