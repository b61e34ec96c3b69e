/**
 * The offline judge (issue 11): the offline sketch's scene manifest says what was drawn, and the
 * judge checks a checklist against it; what the manifest cannot speak to is unsure, never a guess.
 */
import { describe, expect, it } from "vitest";
import { analyzeScene } from "@/lib/backends/offline/analyze-scene";
import { offlineBackend } from "@/lib/backends/offline/backend";
import { sceneManifest } from "@/lib/backends/offline/manifest";
import { renderOfflineSketch, renderOfflineSketchWithManifest } from "@/lib/backends/offline/render";
import { OFFLINE_JUDGE_LABEL, offlineJudge } from "@/lib/judge/offline-judge";
import type { CheckItem } from "@/lib/schemas/checks";

const SIZE = { width: 512, height: 512 };
const item = (id: string, kind: CheckItem["kind"], text: string, words: string[] = []): CheckItem => ({
  id,
  kind,
  text,
  words,
});

async function judge(prompt: string, seed: number, items: CheckItem[], backend = "offline") {
  return offlineJudge.check(
    { image: { bytes: new Uint8Array(), mime: "image/png", ...SIZE, seed, backend }, prompt, items },
    { signal: new AbortController().signal },
  );
}

describe("the scene manifest", () => {
  it("reads counts and phases from the prompt", () => {
    expect(analyzeScene("two red foxes under a full moon").subject).toMatchObject({
      kind: "fox",
      count: 2,
      color: "red",
    });
    expect(analyzeScene("a pair of owls").subject?.count).toBe(2);
    expect(analyzeScene("3 cats on a sofa").subject?.count).toBe(3);
    expect(analyzeScene("a fox at 5 pm").subject?.count).toBeUndefined();
    expect(analyzeScene("a red fox").subject?.count).toBeUndefined();
    expect(analyzeScene("a fox under a full moon").moon).toBe("full");
  });

  it("says what the renderer drew: two red foxes, a full moon, night, forest", () => {
    const m = sceneManifest("two red foxes under a full moon", 7, SIZE);
    expect(m.subjects).toEqual([{ kind: "fox", count: 2, color: "red", asked: true }]);
    expect(m.sky.moon).toBe("full");
    expect(m.time).toBe("night");
    expect(m.place).toContain("forest");
    expect(m.medium).toBe("flat");
  });

  it("is the same manifest the renderer returns, and deterministic", async () => {
    for (const [prompt, seed] of [
      ["two red foxes under a full moon", 3],
      ["a lighthouse on a cliff above a stormy sea at sunset, watercolor", 11],
      ["three cats in a cozy room, pixel art", 5],
    ] as const) {
      const { png, manifest } = await renderOfflineSketchWithManifest({ prompt, seed, ...SIZE });
      expect(manifest).toEqual(sceneManifest(prompt, seed, SIZE));
      expect(Buffer.compare(png, await renderOfflineSketch({ prompt, seed, ...SIZE }))).toBe(0);
    }
  });

  it("draws a counted subject that many times, and records a focal point it added", () => {
    expect(sceneManifest("four wolves in the mountains", 2, SIZE).subjects[0]).toMatchObject({
      kind: "wolf",
      count: 4,
    });
    expect(sceneManifest("9 wolves", 2, SIZE).subjects[0]?.count).toBe(5);
    const focal = sceneManifest("an empty field at noon", 4, SIZE).subjects;
    expect(focal.length).toBeGreaterThan(0);
    for (const s of focal) expect(s).toMatchObject({ asked: false, count: 1 });
  });

  it("puts the manifest in the offline backend's result meta", async () => {
    const [image] = await offlineBackend.generate(
      { prompt: "two red foxes under a full moon", size: "512x512", n: 1, seed: 9 },
      { signal: new AbortController().signal },
    );
    expect(image?.meta?.manifest).toEqual(sceneManifest("two red foxes under a full moon", 9, SIZE));
  });
});

describe("the offline judge", () => {
  it("is labelled as no model", () => {
    expect(offlineJudge).toMatchObject({ id: "offline", label: OFFLINE_JUDGE_LABEL });
    expect(OFFLINE_JUDGE_LABEL).toBe("Offline check (no model)");
  });

  it('passes "two red foxes under a full moon" drawn offline, item by item', async () => {
    const items = [
      item("c1", "count", "There are two foxes", ["two", "foxes"]),
      item("c2", "attribute", "The foxes are red", ["red"]),
      item("c3", "entity", "A fox", ["foxes"]),
      item("c4", "setting", "A full moon is in the sky", ["full", "moon"]),
      item("c5", "relation", "The foxes are under the full moon", ["under"]),
    ];
    const results = await judge("two red foxes under a full moon, night forest", 7, items);
    expect(results.map((r) => [r.checkId, r.verdict])).toEqual([
      ["c1", "pass"],
      ["c2", "pass"],
      ["c3", "pass"],
      ["c4", "pass"],
      ["c5", "pass"],
    ]);
    for (const r of results) expect(r.reason.length).toBeGreaterThan(5);
    expect(results[0]).toMatchObject({ text: "There are two foxes", kind: "count" });
  });

  it("fails what the sketch got wrong, and says what it drew", async () => {
    const results = await judge("a red fox in the snow at noon, watercolor", 3, [
      item("n", "count", "There are two foxes"),
      item("c", "attribute", "The fox is blue"),
      item("t", "setting", "It is night"),
      item("w", "setting", "It is raining"),
      item("s", "style", "Painted as pixel art"),
      item("e", "entity", "A horse"),
    ]);
    const byId = Object.fromEntries(results.map((r) => [r.checkId, r]));
    expect(byId.n).toMatchObject({ verdict: "fail", reason: expect.stringContaining("1 fox") });
    expect(byId.c).toMatchObject({ verdict: "fail", reason: expect.stringContaining("red") });
    expect(byId.t).toMatchObject({ verdict: "fail", reason: expect.stringContaining("noon") });
    expect(byId.w?.verdict).toBe("fail");
    expect(byId.s).toMatchObject({ verdict: "fail", reason: expect.stringContaining("watercolor") });
    expect(byId.e?.verdict).toBe("fail");
  });

  it("is unsure of text, unmodelled relations, unknown words and styles it has no medium for", async () => {
    const results = await judge("a fox beside a cabin with a sign, photograph", 1, [
      item("x", "text", 'The sign reads "OPEN"'),
      item("r", "relation", "The fox is to the left of the cabin"),
      item("u", "entity", "A wooden mailbox"),
      item("p", "style", "A DSLR photograph"),
      item("a", "attribute", "The fox looks sleepy"),
    ]);
    for (const r of results) expect(r.verdict, r.checkId).toBe("unsure");
    expect(results[0]?.reason).toMatch(/text/i);
    expect(results[1]?.reason).toMatch(/relative/i);
  });

  it("is unsure of every item on an image the offline sketch did not make", async () => {
    const results = await judge("two red foxes", 1, [item("c1", "count", "There are two foxes")], "openai");
    expect(results[0]).toMatchObject({ verdict: "unsure", reason: expect.stringContaining("openai") });
  });
});
