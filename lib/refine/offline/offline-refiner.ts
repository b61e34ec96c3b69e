import { abortError } from "@/lib/errors";
import { REFINERS } from "@/lib/catalog";
import type { RefineInput, RefineOptions, RefinedPrompt, Refiner } from "../types";
import { applyHouseRules } from "./house-rules";
import { refineOffline } from "./refine-offline";

/**
 * The offline refiner behind the Refiner interface. It computes the whole prompt at once (it
 * takes a millisecond), then streams it a few words at a time so the UI shows the same
 * writing-as-you-watch behaviour as a chat model.
 */

const WORDS_PER_CHUNK = 3;
const DEFAULT_CHUNK_DELAY_MS = 15;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  // An abort that already happened fires no event, so check before listening.
  if (signal.aborted) return Promise.reject(abortError());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The prompt cut after every few words: each piece is a longer prefix of the whole. */
export function streamPrefixes(prompt: string, wordsPerChunk = WORDS_PER_CHUNK): string[] {
  const out: string[] = [];
  const boundary = /\S+\s*/g;
  let count = 0;
  let match: RegExpExecArray | null = boundary.exec(prompt);
  while (match) {
    count++;
    const end = match.index + match[0].length;
    if (count % wordsPerChunk === 0 || end >= prompt.length) out.push(prompt.slice(0, end).trimEnd());
    match = boundary.exec(prompt);
  }
  if (out[out.length - 1] !== prompt) out.push(prompt);
  return out;
}

export function createOfflineRefiner(opts: { chunkDelayMs?: number } = {}): Refiner {
  const delay = opts.chunkDelayMs ?? DEFAULT_CHUNK_DELAY_MS;
  return {
    id: REFINERS.offline.id,
    label: REFINERS.offline.label,
    async refine(input: RefineInput, options: RefineOptions): Promise<RefinedPrompt> {
      if (options.signal.aborted) throw abortError();
      const result = applyHouseRules(refineOffline(input), input);
      if (options.onDelta) {
        for (const prefix of streamPrefixes(result.prompt)) {
          await wait(delay, options.signal);
          options.onDelta(prefix);
        }
      }
      if (options.signal.aborted) throw abortError();
      return result;
    },
  };
}

export const offlineRefiner: Refiner = createOfflineRefiner();
