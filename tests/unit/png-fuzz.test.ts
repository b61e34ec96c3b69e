import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { embedProvenance } from "@/lib/png/embed-provenance";
import { fromComfyPrompt } from "@/lib/png/importers/comfyui";
import { PNG_SIGNATURE } from "@/lib/png/png-structure";
import { readPngText } from "@/lib/png/read-png-text";
import { readRecipe } from "@/lib/png/read-recipe";
import { ImportedRecipeSchema } from "@/lib/png/recipe";
import { recipeFromTexts } from "@/lib/png/recipe-from-texts";
import { encodeChunk, iTXtChunk, tEXtChunk } from "@/lib/png/text-chunk-encode";
import { fixture, makePng, sampleRecipe } from "../fixtures/png/sample-recipe";

const RUNS = { numRuns: 300 };

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** readPngText and recipeFromTexts have no catch-all, so this checks the code, not readRecipe's guard. */
async function readsWithoutThrowing(bytes: Uint8Array) {
  const texts = await readPngText(bytes);
  const recipe = recipeFromTexts(texts);
  if (recipe !== null) expect(ImportedRecipeSchema.safeParse(recipe).success).toBe(true);
  expect(await readRecipe(bytes)).toEqual(recipe);
}

const graphJson = readFileSync(path.join(__dirname, "../fixtures/png/comfyui-api-graph.json"), "utf8");

/** A real document with one entry, or one entry's field, replaced by anything at all. */
function nearlyValid(doc: Record<string, unknown>) {
  return fc
    .record({
      key: fc.constantFrom(...Object.keys(doc)),
      field: fc.string({ maxLength: 12 }),
      value: fc.anything({ maxDepth: 3 }),
    })
    .map(({ key, field, value }) => {
      const entry = doc[key];
      const replaced =
        typeof entry === "object" && entry !== null && field.length % 2 === 0 ? { ...entry, [field]: value } : value;
      return JSON.stringify({ ...doc, [key]: replaced }) ?? "null";
    });
}

let seeds: Uint8Array[] = [];
beforeAll(async () => {
  seeds = [
    embedProvenance(await makePng({ width: 8, height: 8 }), sampleRecipe()),
    ...["a1111-infotext.png", "fooocus-json.png", "comfyui.png", "text-kinds.png", "promptsmith-zipped.png"].map(
      fixture,
    ),
  ];
});

describe("the reader never throws", () => {
  it("on random bytes, with and without a PNG signature", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (bytes, signed) => {
        await readsWithoutThrowing(signed ? concat(PNG_SIGNATURE, bytes) : bytes);
      }),
      RUNS,
    );
  });

  it("on real files with bytes flipped, cut short, or spliced in", async () => {
    const mutation = fc.record({
      seed: fc.nat(),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
      splice: fc.option(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) })),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ seed, flips, cut, splice }) => {
        let bytes: Uint8Array = new Uint8Array(seeds[seed % seeds.length]!);
        for (const { at, value } of flips) bytes[at % bytes.length] = value;
        if (splice) {
          const at = splice.at % bytes.length;
          bytes = concat(bytes.subarray(0, at), splice.bytes, bytes.subarray(at));
        }
        if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        await readsWithoutThrowing(bytes);
      }),
      RUNS,
    );
  });

  it("on well-formed chunks (valid CRCs) holding arbitrary text under the keywords we read", async () => {
    const keyword = fc.constantFrom("parameters", "promptsmith", "prompt", "fooocus_scheme", "workflow", "x");
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      fc.anything({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null"),
      fc.constantFrom("fooocus", "a1111", "{", '{"version":1}', "Negative prompt:", "Steps: 1, Seed: 2, Size: 64x64"),
      nearlyValid(sampleRecipe() as unknown as Record<string, unknown>),
      nearlyValid(JSON.parse(graphJson) as Record<string, unknown>),
    );
    const chunk = fc.tuple(fc.constantFrom("tEXt", "iTXt", "zTXt"), keyword, text).map(([kind, kw, t]) => {
      if (kind === "zTXt") {
        const latin = t.replace(/[\u0100-\uffff]/g, "?");
        return encodeChunk(
          "zTXt",
          concat(new TextEncoder().encode(`${kw}\0\0`), deflateSync(Buffer.from(latin, "latin1"))),
        );
      }
      return kind === "iTXt" ? iTXtChunk(kw, t) : tEXtChunk(kw, t.replace(/[\u0100-\uffff]/g, "?"));
    });
    await fc.assert(
      fc.asyncProperty(fc.array(chunk, { maxLength: 5 }), async (chunks) => {
        const png = seeds[0]!;
        const iend = png.length - 12;
        await readsWithoutThrowing(concat(png.subarray(0, iend), ...chunks, png.subarray(iend)));
      }),
      RUNS,
    );
  });

  it("on random ComfyUI graphs", () => {
    const id = fc.constantFrom("1", "2", "3", "4", "5", "6");
    const value = fc.oneof(
      fc.tuple(id, fc.constantFrom(0, 1)),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 10 }),
      fc.constant(null),
      fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
    );
    const inputName = fc.constantFrom(
      "seed",
      "noise_seed",
      "steps",
      "cfg",
      "sampler_name",
      "positive",
      "negative",
      "latent_image",
      "model",
      "text",
      "t5xxl",
      "conditioning",
      "conditioning_1",
      "guider",
      "noise",
      "sigmas",
      "sampler",
      "samples",
      "width",
      "height",
      "ckpt_name",
      "value",
      "string_a",
      "delimiter",
    );
    const node = fc.record({
      class_type: fc.constantFrom(
        "KSampler",
        "KSamplerAdvanced",
        "SamplerCustomAdvanced",
        "CLIPTextEncode",
        "ConditioningCombine",
        "ControlNetApplyAdvanced",
        "EmptyLatentImage",
        "CheckpointLoaderSimple",
        "StringConcatenate",
        "LoraLoader",
        "X",
      ),
      inputs: fc.dictionary(inputName, value),
    });
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(id, node), (graph) => {
        const recipe = fromComfyPrompt(JSON.stringify(graph));
        if (recipe) {
          read++;
          expect(ImportedRecipeSchema.safeParse(recipe).success).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    // The generator is only useful if it reaches the graph walk, not just the "no sampler" exit.
    expect(read).toBeGreaterThan(100);
  });
});

describe("compressed text limits", () => {
  it("skips a zTXt that inflates past 8 MiB, and one that does not inflate at all", async () => {
    const bomb = deflateSync(Buffer.alloc(9 * 1024 * 1024));
    const png = seeds[0]!;
    const iend = png.length - 12;
    const bytes = concat(
      png.subarray(0, iend),
      encodeChunk("zTXt", concat(new TextEncoder().encode("parameters\0\0"), bomb)),
      encodeChunk("zTXt", concat(new TextEncoder().encode("Broken\0\0"), Uint8Array.of(0x78, 0x9c, 1, 2, 3))),
      png.subarray(iend),
    );
    const texts = await readPngText(bytes);
    expect(texts.map((t) => t.keyword)).toEqual(["parameters", "promptsmith"]);
    expect(texts[0]?.kind).toBe("tEXt");
  });
});
