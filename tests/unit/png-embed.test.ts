import extractChunks from "png-chunks-extract";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildRecipe } from "@/lib/png/build-recipe";
import { embedProvenance } from "@/lib/png/embed-provenance";
import { parseInfotext } from "@/lib/png/infotext";
import { readPngText } from "@/lib/png/read-png-text";
import { readRecipe } from "@/lib/png/read-recipe";
import { RecipeSchema } from "@/lib/png/recipe";
import { recipeToInfotext } from "@/lib/png/recipe-infotext";
import { recipeSidecar } from "@/lib/png/recipe-json";
import { iTXtChunk, tEXtChunk } from "@/lib/png/text-chunk-encode";
import type { Generation, Idea, PromptVersion } from "@/lib/schemas/entities";
import { fixture, makePng, sampleRecipe } from "../fixtures/png/sample-recipe";

async function rawPixels(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Chunk names in order, through png-chunks-extract, which throws on any CRC mismatch. */
function chunkNames(png: Uint8Array): string[] {
  return extractChunks(png).map((c) => c.name);
}

/** Inserts extra chunks right after IHDR, as Pillow places its text chunks. */
function withChunksAfterIhdr(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const afterIhdr = 8 + 12 + 13;
  const parts = [png.subarray(0, afterIhdr), ...chunks, png.subarray(afterIhdr)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

describe("embedProvenance", () => {
  it("adds `parameters` and `promptsmith` just before IEND, with valid CRCs", async () => {
    const png = await makePng();
    const out = embedProvenance(png, sampleRecipe());
    const names = chunkNames(out);
    expect(names.slice(-3)).toEqual(["tEXt", "iTXt", "IEND"]);
    expect(chunkNames(png)).toEqual([...names.slice(0, -3), "IEND"]);
  });

  it("leaves the image data alone: sharp decodes the same pixels", async () => {
    for (const channels of [3, 4] as const) {
      const png = await makePng({ width: 300, height: 200, channels });
      const out = embedProvenance(png, sampleRecipe());
      expect(await rawPixels(out)).toEqual(await rawPixels(png));
      expect((await sharp(out).metadata()).format).toBe("png");
    }
  });

  it("round-trips through the reader", async () => {
    const recipe = sampleRecipe();
    const out = embedProvenance(await makePng(), recipe);
    expect(await readRecipe(out)).toEqual({
      source: "promptsmith",
      prompt: recipe.prompt.text,
      negativePrompt: "blurry, lowres",
      params: { size: "512x512", seed: 1234, steps: 25, guidance: 7, sampler: "Euler a", checkpoint: "dreamshaper_8" },
      idea: "a cabin in the snow",
    });
    const texts = await readPngText(out);
    const ours = texts.find((t) => t.keyword === "promptsmith");
    expect(ours?.kind).toBe("iTXt");
    expect(RecipeSchema.parse(JSON.parse(ours!.text))).toEqual(recipe);
  });

  it("writes A1111 infotext that reads back as the same prompt and settings", async () => {
    const out = embedProvenance(await makePng(), sampleRecipe());
    const parameters = (await readPngText(out)).find((t) => t.keyword === "parameters");
    expect(parameters).toMatchObject({ kind: "tEXt" });
    expect(parameters!.text).toBe(
      "A cozy log cabin in deep snow at dusk,\nwarm light in the windows, smoke from the chimney\n" +
        "Negative prompt: blurry, lowres\n" +
        "Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: dreamshaper_8, Version: Promptsmith",
    );
  });

  it("writes only the settings it knows, enough for A1111's reader (OpenAI-style backend)", () => {
    const recipe = sampleRecipe({ backend: "openai", model: "gpt-image-1", params: { size: "1024x1024" }, seed: null });
    const text = recipeToInfotext({ ...recipe, prompt: { ...recipe.prompt, negative: null } });
    expect(text.split("\n").at(-1)).toBe("Size: 1024x1024, Model: gpt-image-1, Version: Promptsmith");
    expect(text).not.toContain("Negative prompt");
  });

  it("replaces earlier chunks with our keywords, of any text type, and keeps the others", async () => {
    const png = withChunksAfterIhdr(
      await makePng(),
      tEXtChunk("parameters", "old prompt\nSteps: 1, Seed: 1, Size: 8x8"),
      iTXtChunk("promptsmith", '{"version":0}'),
      tEXtChunk("Software", "sharp"),
      fixtureChunk("a1111-infotext.png", "tEXt"),
    );
    const once = embedProvenance(png, sampleRecipe());
    const twice = embedProvenance(once, sampleRecipe({ seed: 99 }));
    const texts = await readPngText(twice);
    expect(texts.map((t) => t.keyword)).toEqual(["Software", "parameters", "promptsmith"]);
    expect(parseInfotext(texts[1]!.text).params.Seed).toBe("99");
    expect((await readRecipe(twice))?.params.seed).toBe(99);
    expect(await rawPixels(twice)).toEqual(await rawPixels(png));
  });

  it("writes a non-Latin-1 prompt as UTF-8 iTXt, and a Latin-1 one as tEXt", async () => {
    const png = await makePng();
    const unicode = sampleRecipe();
    unicode.prompt = { ...unicode.prompt, text: "雪の中の小屋、暖かい光 🏔️ — “cozy”", negative: "ぼやけ" };
    const out = embedProvenance(png, unicode);
    const parameters = (await readPngText(out)).find((t) => t.keyword === "parameters");
    expect(parameters?.kind).toBe("iTXt");
    expect(parseInfotext(parameters!.text)).toMatchObject({ prompt: unicode.prompt.text, negativePrompt: "ぼやけ" });
    expect((await readRecipe(out))?.prompt).toBe(unicode.prompt.text);

    const latin = sampleRecipe();
    latin.prompt = { ...latin.prompt, text: "Crème brûlée, ½ portion × 2 — no, just ½" };
    const latinOut = embedProvenance(png, latin);
    // "—" is not Latin-1; without it the text fits tEXt byte for byte.
    latin.prompt.text = latin.prompt.text.replace(" — no, just ½", "");
    const latinOnly = embedProvenance(png, latin);
    expect((await readPngText(latinOut)).find((t) => t.keyword === "parameters")?.kind).toBe("iTXt");
    const t = (await readPngText(latinOnly)).find((x) => x.keyword === "parameters");
    expect(t?.kind).toBe("tEXt");
    expect(parseInfotext(t!.text).prompt).toBe("Crème brûlée, ½ portion × 2");
    const raw = extractChunks(latinOnly).find((c) => c.name === "tEXt")!.data;
    expect([...raw].includes(0xe8)).toBe(true); // è as one Latin-1 byte, not UTF-8
  });

  it("drops NUL characters, which cannot appear in PNG text", async () => {
    const recipe = sampleRecipe();
    recipe.prompt = { ...recipe.prompt, text: "a\u0000b" };
    const out = embedProvenance(await makePng(), recipe);
    const parameters = (await readPngText(out)).find((t) => t.keyword === "parameters");
    expect(parameters?.text.startsWith("ab\n")).toBe(true);
    expect((await readRecipe(out))?.prompt).toBe("a\u0000b"); // JSON escapes it
  });

  it("keeps bytes after IEND as they were", async () => {
    const png = await makePng();
    const trailing = Uint8Array.of(1, 2, 3);
    const out = embedProvenance(new Uint8Array([...png, ...trailing]), sampleRecipe());
    expect([...out.subarray(-15)]).toEqual([...png.subarray(-12), ...trailing]);
  });

  it("refuses what is not a whole PNG, and a recipe that does not match the schema", async () => {
    const png = await makePng();
    for (const bad of [new Uint8Array(), Uint8Array.of(1, 2, 3), png.subarray(0, png.length - 12), png.subarray(8)]) {
      expect(() => embedProvenance(bad, sampleRecipe())).toThrow(expect.objectContaining({ code: "backend_error" }));
    }
    const broken = { ...sampleRecipe(), idea: { id: "../etc/passwd", text: "x" } };
    expect(() => embedProvenance(png, broken)).toThrow(expect.objectContaining({ code: "internal" }));
  });

  it("is fast on a large image: it splices, it does not re-encode", async () => {
    const png = await makePng({ width: 1024, height: 1024, channels: 3 });
    const started = performance.now();
    const out = embedProvenance(png, sampleRecipe());
    expect(performance.now() - started).toBeLessThan(100);
    expect(out.length).toBeGreaterThan(png.length);
  });
});

describe("recipeSidecar and buildRecipe", () => {
  it("gives the same recipe as the PNG, pretty-printed", async () => {
    const recipe = sampleRecipe();
    const sidecar = recipeSidecar(recipe);
    expect(sidecar).toContain('\n  "idea": {\n');
    expect(sidecar.endsWith("}\n")).toBe(true);
    const out = embedProvenance(await makePng(), recipe);
    const chunk = (await readPngText(out)).find((t) => t.keyword === "promptsmith")!;
    expect(JSON.parse(sidecar)).toEqual(JSON.parse(chunk.text));
  });

  it("builds a recipe from the rows, with the image's own seed and the lineage", () => {
    const idea: Idea = { id: "idea_1", text: "a fox", title: "Fox", createdAt: "2025-01-01T00:00:00.000Z" };
    const version: PromptVersion = {
      id: "ver_2",
      ideaId: "idea_1",
      parentId: "ver_1",
      source: "edit",
      instruction: null,
      prompt: "a red fox in snow",
      negativePrompt: null,
      style: null,
      dialect: "tags",
      refiner: "openai",
      model: "gpt-4.1-mini",
      title: "Fox",
      notes: [],
      parts: null,
      locks: [],
      direction: null,
      approvedAt: null,
      checks: [],
      createdAt: "2025-01-01T00:00:01.000Z",
    };
    const generation: Generation = {
      id: "gen_1",
      promptId: "ver_2",
      ideaId: "idea_1",
      backend: "comfyui",
      model: "comfyui",
      params: { size: "768x768", seed: 5, steps: 20 },
      status: "running",
      progress: 0.5,
      error: null,
      createdAt: "2025-01-01T00:00:02.000Z",
      startedAt: null,
      finishedAt: null,
      durationMs: 1500,
    };
    const recipe = buildRecipe({ idea, version, lineage: ["ver_1"], generation, seed: 77 });
    expect(RecipeSchema.parse(recipe)).toEqual(recipe);
    expect(recipe).toMatchObject({
      idea: { id: "idea_1", text: "a fox" },
      prompt: { id: "ver_2", lineage: ["ver_1"], negative: null, style: null, dialect: "tags" },
      seed: 77,
      timings: { createdAt: "2025-01-01T00:00:02.000Z", durationMs: 1500 },
    });
    expect(buildRecipe({ idea, version, lineage: [], generation }).seed).toBe(5);
  });
});

/** The first chunk of a type in a fixture, whole: length, type, data and CRC, as the file has it. */
function fixtureChunk(name: string, type: string): Uint8Array {
  const bytes = fixture(name);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let offset = 8; offset < bytes.length; offset += 12 + view.getUint32(offset)) {
    if (String.fromCharCode(...bytes.subarray(offset + 4, offset + 8)) === type) {
      return bytes.subarray(offset, offset + 12 + view.getUint32(offset));
    }
  }
  throw new Error(`${name} has no ${type} chunk`);
}
