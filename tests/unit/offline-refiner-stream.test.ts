import { describe, expect, it } from "vitest";
import { REFINERS } from "@/lib/catalog";
import { isAbortError } from "@/lib/errors";
import { createOfflineRefiner, offlineRefiner, refineOffline } from "@/lib/refine/offline";
import type { RefineInput } from "@/lib/refine/types";

const INPUT: RefineInput = { idea: "a lonely lighthouse during a storm, eerie", dialect: "prose" };

describe("offline refiner: the Refiner interface", () => {
  it("is registered under the catalog's id and label", () => {
    expect(offlineRefiner.id).toBe("offline");
    expect(offlineRefiner.label).toBe(REFINERS.offline.label);
  });

  it("resolves to the same result as refineOffline", async () => {
    const refiner = createOfflineRefiner({ chunkDelayMs: 0 });
    const result = await refiner.refine(INPUT, { signal: new AbortController().signal });
    expect(result).toEqual(refineOffline(INPUT));
  });

  it("streams growing prefixes a few words at a time, ending with the final prompt", async () => {
    const refiner = createOfflineRefiner({ chunkDelayMs: 0 });
    const deltas: string[] = [];
    const result = await refiner.refine(INPUT, {
      signal: new AbortController().signal,
      onDelta: (t) => deltas.push(t),
    });
    expect(deltas.length).toBeGreaterThan(5);
    for (let i = 1; i < deltas.length; i++) {
      const prev = deltas[i - 1] as string;
      const cur = deltas[i] as string;
      expect(cur.startsWith(prev)).toBe(true);
      expect(cur.length).toBeGreaterThan(prev.length);
      const added = cur.slice(prev.length).trim().split(/\s+/).length;
      expect(added).toBeLessThanOrEqual(3);
    }
    expect(deltas[deltas.length - 1]).toBe(result.prompt);
  });

  it("waits between chunks so the UI visibly streams", async () => {
    const refiner = createOfflineRefiner({ chunkDelayMs: 5 });
    const times: number[] = [];
    const started = Date.now();
    await refiner.refine(INPUT, { signal: new AbortController().signal, onDelta: () => times.push(Date.now()) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(times.length * 4);
  });

  it("stops when aborted mid-stream, with an AbortError", async () => {
    const refiner = createOfflineRefiner({ chunkDelayMs: 5 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const run = refiner.refine(INPUT, {
      signal: controller.signal,
      onDelta: (t) => {
        deltas.push(t);
        if (deltas.length === 3) controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => isAbortError(e) && (e as DOMException).name === "AbortError");
    expect(deltas.length).toBe(3);
    expect(deltas[2]).not.toBe(refineOffline(INPUT).prompt);
  });

  it("does nothing when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const deltas: string[] = [];
    await expect(
      createOfflineRefiner({ chunkDelayMs: 0 }).refine(INPUT, {
        signal: controller.signal,
        onDelta: (t) => deltas.push(t),
      }),
    ).rejects.toThrow(/Aborted/);
    expect(deltas).toEqual([]);
  });

  it("rejects an empty idea before streaming anything", async () => {
    await expect(
      createOfflineRefiner({ chunkDelayMs: 0 }).refine(
        { idea: " ", dialect: "prose" },
        { signal: new AbortController().signal },
      ),
    ).rejects.toMatchObject({ code: "invalid_request" });
  });
});
