import { existsSync, statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { refineOffline } from "@/lib/refine/offline";
import type { RefinedPrompt } from "@/lib/refine/types";
import type { Dialect } from "@/lib/schemas/common";
import { STYLE_IDS, type StyleId } from "@/lib/schemas/styles";
import { getStyle, STYLE_PRESETS, type StylePreset } from "@/lib/styles";

const PUBLIC = path.resolve(__dirname, "../../public");
const subPhrases = (text: string) => text.split(/\s*,\s*/).filter(Boolean);

describe("style presets", () => {
  it("has at least 12, one per style id, each complete", () => {
    expect(STYLE_PRESETS.length).toBeGreaterThanOrEqual(12);
    expect(STYLE_PRESETS.map((s) => s.id)).toEqual([...STYLE_IDS]);
    expect(new Set(STYLE_PRESETS.map((s) => s.label)).size).toBe(STYLE_PRESETS.length);
    for (const s of STYLE_PRESETS) {
      // The writing rule: commas separate self-contained sub-phrases, never lone adjectives.
      for (const part of [s.medium, s.lighting, s.palette, s.camera, s.detail]) {
        for (const phrase of subPhrases(part))
          expect(phrase.split(/\s+/).length, `${s.id}: "${phrase}"`).toBeGreaterThan(1);
      }
      expect(subPhrases(s.negative).length, s.id).toBeGreaterThanOrEqual(4);
    }
  });

  it("has a sample image made by the offline renderer for every preset", async () => {
    const pixels: { id: StyleId; raw: Buffer }[] = [];
    for (const s of STYLE_PRESETS) {
      expect(s.sample).toBe(`/styles/${s.id}.webp`);
      const file = path.join(PUBLIC, s.sample);
      expect(existsSync(file), file).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(1000);
      const meta = await sharp(file).metadata();
      expect(meta.format).toBe("webp");
      expect(meta.width).toBeLessThanOrEqual(512);
      pixels.push({ id: s.id, raw: await sharp(file).resize(48, 48).removeAlpha().raw().toBuffer() });
    }
    // No two samples are the same picture: the mean difference per channel is clearly above noise.
    for (let i = 0; i < pixels.length; i++) {
      for (let j = i + 1; j < pixels.length; j++) {
        const a = pixels[i] as { id: StyleId; raw: Buffer };
        const b = pixels[j] as { id: StyleId; raw: Buffer };
        let sum = 0;
        for (let k = 0; k < a.raw.length; k++) sum += Math.abs((a.raw[k] as number) - (b.raw[k] as number));
        expect(sum / a.raw.length, `${a.id} vs ${b.id}`).toBeGreaterThan(4);
      }
    }
  });
});

/** An idea with no time, weather, mood, framing or medium of its own, so every preset part applies. */
const PLAIN_IDEA = "a lighthouse on a cliff above the sea";

function expectPreset(prompt: string, preset: StylePreset, label: string): void {
  const lower = prompt.toLowerCase();
  expect(lower, `${label} medium`).toContain(preset.medium.toLowerCase());
  for (const p of [...subPhrases(preset.camera), ...subPhrases(preset.detail), subPhrases(preset.lighting)[0]]) {
    // Tags drop a leading article: "a few stray ink spatters" is the tag "few stray ink spatters".
    expect(lower, `${label}: "${p}"`).toContain((p as string).replace(/^(a|an|the) /i, "").toLowerCase());
  }
  expect(lower, `${label} palette`).toContain(
    (subPhrases(preset.palette)[0] as string).replace(/^an? /, "").toLowerCase(),
  );
}

describe("styles applied in both dialects", () => {
  it.each(STYLE_IDS)("%s: medium, lighting, palette, camera and detail in prose and tags", (id) => {
    const preset = getStyle(id) as StylePreset;
    for (const dialect of ["prose", "tags"] as const) {
      const r = refineOffline({ idea: PLAIN_IDEA, dialect, style: id });
      expectPreset(r.prompt, preset, `${id} ${dialect}`);
      expect(r.notes).toContain(`Applied the ${preset.label} style preset.`);
      if (dialect === "tags") {
        for (const n of subPhrases(preset.negative)) {
          if (!r.prompt.toLowerCase().includes(n.toLowerCase()))
            expect(r.negativePrompt?.split(", "), `${id}`).toContain(n);
        }
      } else expect(r.negativePrompt).toBeUndefined();
    }
  });
});

function restyle(
  parentStyle: StyleId | null,
  style: StyleId,
  dialect: Dialect,
  idea = PLAIN_IDEA,
  instruction?: string,
) {
  const parent = refineOffline({ idea, dialect, style: parentStyle });
  const child = refineOffline({
    idea,
    dialect,
    style,
    instruction,
    parent: { ...parent, negativePrompt: parent.negativePrompt ?? null, style: parentStyle, dialect },
  });
  return { parent, child };
}

/** Phrases of `from` that `to` does not also say. */
function ownPhrases(from: StylePreset, to: StylePreset): string[] {
  const theirs = [to.medium, to.lighting, to.palette, to.camera, to.detail].join(", ").toLowerCase();
  return [from.lighting, from.palette, from.camera, from.detail]
    .flatMap(subPhrases)
    .filter((p) => !theirs.includes(p.replace(/^(a|an|the) /i, "").toLowerCase()));
}

function expectKeptScene(parent: RefinedPrompt, child: RefinedPrompt, label: string): void {
  expect(child.parts.subject, `${label} subject`).toBe(parent.parts.subject);
  expect(child.parts.setting, `${label} setting`).toBe(parent.parts.setting);
}

describe("restyling an existing version", () => {
  const pairs: [StyleId | null, StyleId][] = STYLE_IDS.map((id, i) => [
    i % 3 === 0 ? null : (STYLE_IDS[(i + 5) % STYLE_IDS.length] as StyleId),
    id,
  ]);

  it.each(pairs)("%s → %s swaps the style parts and keeps the subject and setting", (from, to) => {
    const next = getStyle(to) as StylePreset;
    for (const dialect of ["prose", "tags"] as const) {
      const { parent, child } = restyle(from, to, dialect);
      const label = `${from}→${to} ${dialect}`;
      expectPreset(child.prompt, next, label);
      expectKeptScene(parent, child, label);
      expect(child.parts.medium?.toLowerCase(), label).toContain(next.medium.toLowerCase());
      expect(child.notes.join(" "), label).toMatch(new RegExp(`the ${next.label} preset`));
      const old = getStyle(from);
      if (old) {
        expect(child.prompt.toLowerCase(), label).not.toContain(old.medium.toLowerCase());
        for (const p of ownPhrases(old, next))
          expect(child.prompt.toLowerCase(), `${label}: "${p}"`).not.toContain(p.toLowerCase());
      }
      if (dialect === "tags") {
        expect(child.negativePrompt, label).toContain(subPhrases(next.negative)[0]);
        expect(child.parts.negative, label).toBe(child.negativePrompt);
      }
    }
  });

  it("keeps the idea's own time of day in the light when restyling", () => {
    const { parent, child } = restyle("watercolor", "comic-book", "prose", "a lighthouse on a cliff at dusk");
    expect(child.parts.lighting).toBe(parent.parts.lighting);
    expect(child.parts.lighting).toMatch(/twilight/);
    expect(child.prompt).toContain("comic-book illustration with bold inked outlines");
    expect(child.prompt).not.toMatch(/cold-press|wet-on-wet/);
  });

  it("does both a restyle and an instruction in one step", () => {
    for (const dialect of ["prose", "tags"] as const) {
      const { parent, child } = restyle(
        "watercolor",
        "film-noir",
        dialect,
        "a fox in the snow, cozy",
        "close-up, add rain",
      );
      expect(child.prompt).toContain("black-and-white film noir photograph");
      expect(child.parts.composition).toMatch(/close-up/);
      expect(child.prompt).toMatch(/\brain\b/);
      expect(child.prompt).not.toMatch(/cold-press|wet-on-wet/);
      expectKeptScene(parent, child, dialect);
    }
  });

  it("is a no-op note, not a rewrite, when the style did not change and nothing was asked", () => {
    const parent = refineOffline({ idea: PLAIN_IDEA, dialect: "prose", style: "anime" });
    const child = refineOffline({
      idea: PLAIN_IDEA,
      dialect: "prose",
      style: "anime",
      parent: { ...parent, negativePrompt: null, style: "anime", dialect: "prose" },
    });
    expect(child.prompt).toBe(parent.prompt);
    expect(child.parts).toEqual(parent.parts);
    expect(child.notes).toEqual(["Kept the previous version as it was: no instruction or new style was given."]);
  });
});
