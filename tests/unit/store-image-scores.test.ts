import { expect, it } from "vitest";
import type { Generation } from "@/lib/schemas";
import type { ImageListFilter, NewImage, Store } from "@/lib/store/types";
import { at, generation, image as imageRow, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

/*
 * The gallery by score (issue 11): sort=score orders by each image's LATEST check, best first, then
 * newest, ties by id, never-checked last; checked/minScore narrow it; the keyset cursor carries the
 * score, and the image page's Previous/Next walk the same order. On SQLite and Postgres alike.
 */

let store: Store;

async function ideaWithGeneration(id: string): Promise<Generation> {
  const v = version(`${id}-v`, id, { title: id, createdAt: at(0) });
  await store.createIdeaWithVersion({ id, text: id, title: id, createdAt: at(0) }, v);
  const g = generation(`${id}-g`, v.id, id, { createdAt: at(0) });
  await store.createGeneration(g);
  return g;
}

const image = (id: string, g: Generation, createdAt: string): NewImage =>
  imageRow(id, g, createdAt, { seed: 1, byteSize: 10 });

let checkNo = 0;
/** A check with `fails` missed items; the text of a passed item quotes the miss marker to prove it is not read as one. */
async function check(imageId: string, score: number, seconds: number, fails = 0) {
  checkNo += 1;
  const item = (verdict: "pass" | "fail", i: number) => ({
    checkId: `c${i}`,
    text: 'the sign reads "verdict":"fail"',
    kind: "text" as const,
    verdict,
    reason: `"verdict":"fail" is not a verdict here`,
  });
  await store.saveImageCheck({
    id: `chk-${String(checkNo).padStart(3, "0")}`,
    imageId,
    judge: { id: "offline", label: "Offline check (no model)", model: "manifest" },
    score,
    items: [item("pass", 0), ...Array.from({ length: fails }, (_, i) => item("fail", i + 1))],
    createdAt: at(seconds),
  });
}

/** Every page of a listing, following nextCursor, with a small page so the cursor is crossed often. */
async function walk(filter: ImageListFilter, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await store.listImages({ ...filter, limit, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describeEachDialect("the gallery by score", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  async function seed() {
    const a = await ideaWithGeneration("idea-a");
    const b = await ideaWithGeneration("idea-b");
    await store.completeGeneration(
      a.id,
      [image("a-1", a, at(10)), image("a-2", a, at(20)), image("a-3", a, at(30)), image("a-4", a, at(40))],
      { status: "succeeded" },
    );
    await store.completeGeneration(
      b.id,
      // b-5a and b-5b share a time: ties go by id, descending, as in the newest order.
      [image("b-5a", b, at(50)), image("b-5b", b, at(50)), image("b-6", b, at(60)), image("b-7", b, at(70))],
      { status: "succeeded" },
    );
    // a-1 was 0.2 with misses, then checked again at 1: its latest check counts, not its first or its best.
    await check("a-1", 0.2, 100, 2);
    await check("a-1", 1, 200);
    // a-2 was 1, then fell to 0.4 on a re-check, with a miss.
    await check("a-2", 1, 101);
    await check("a-2", 0.4, 201, 1);
    // a-3 is 2/3 for an unsure item: no miss.
    await check("a-3", 2 / 3, 102);
    await check("b-5a", 2 / 3, 103, 1);
    await check("b-5b", 2 / 3, 104);
    await check("b-6", 0, 105, 1);
    // a-4 and b-7 are never checked.
  }

  it("orders by the latest check's score, best first, then newest; never checked last; across pages", async () => {
    await seed();
    const expected = ["a-1", "b-5b", "b-5a", "a-3", "a-2", "b-6", "b-7", "a-4"];
    expect((await store.listImages({ sort: "score", limit: 50 })).items.map((i) => i.id)).toEqual(expected);
    for (const limit of [1, 2, 3]) expect(await walk({ sort: "score" }, limit)).toEqual(expected);
    // The default order is untouched by checks.
    expect(await walk({})).toEqual(["b-7", "b-6", "b-5b", "b-5a", "a-4", "a-3", "a-2", "a-1"]);
  });

  it("narrows by checked and by a score floor, in either order", async () => {
    await seed();
    expect(await walk({ checked: true })).toEqual(["b-6", "b-5b", "b-5a", "a-3", "a-2", "a-1"]);
    expect(await walk({ checked: false })).toEqual(["b-7", "a-4"]);
    expect(await walk({ checked: false, sort: "score" })).toEqual(["b-7", "a-4"]);
    expect(await walk({ minScore: 0.5, sort: "score" })).toEqual(["a-1", "b-5b", "b-5a", "a-3"]);
    expect(await walk({ minScore: 1 })).toEqual(["a-1"]);
    // A floor of 0 keeps every checked image (a score of 0 included) and no unchecked one.
    expect(await walk({ minScore: 0, sort: "score" })).toEqual(["a-1", "b-5b", "b-5a", "a-3", "a-2", "b-6"]);
    expect(await walk({ minScore: 0.5, ideaId: "idea-b", sort: "score" })).toEqual(["b-5b", "b-5a"]);
  });

  it("narrows images, and ideas, to those whose latest check has a miss", async () => {
    await seed();
    expect(await walk({ hasMisses: true })).toEqual(["b-6", "b-5a", "a-2"]);
    expect(await walk({ hasMisses: true, sort: "score" })).toEqual(["b-5a", "a-2", "b-6"]);
    expect(await walk({ hasMisses: false })).toEqual(["b-7", "b-5b", "a-4", "a-3", "a-1"]);
    const ideas = async (hasMisses: boolean) =>
      (await store.listIdeas({ hasMisses, limit: 10 })).items.map((i) => i.id).sort();
    expect(await ideas(true)).toEqual(["idea-a", "idea-b"]);
    expect(await ideas(false)).toEqual([]);
    // A re-check without misses clears the idea: only the latest check of each image counts.
    await check("a-2", 1, 300);
    await check("b-5a", 1, 301);
    await check("b-6", 1, 302);
    expect(await ideas(true)).toEqual([]);
    expect(await ideas(false)).toEqual(["idea-a", "idea-b"]);
  });

  it("walks Previous and Next in the same order as the sorted, filtered list", async () => {
    await seed();
    for (const filter of [
      { sort: "score" },
      { sort: "score", minScore: 0.5 },
      { sort: "score", checked: false },
    ] as const) {
      const list = await walk(filter, 50);
      for (const [i, id] of list.entries()) {
        expect(await store.getImageNeighbours(id, filter)).toEqual({
          previous: list[i - 1] ?? null,
          next: list[i + 1] ?? null,
        });
      }
    }
    // An image outside the filter still finds its place in the list around it.
    expect(await store.getImageNeighbours("a-2", { sort: "score", minScore: 0.5 })).toEqual({
      previous: "a-3",
      next: null,
    });
    expect(await store.getImageNeighbours("nope", { sort: "score" })).toBeUndefined();
  });

  it("refuses a cursor from the other order, and a malformed one", async () => {
    await seed();
    const newest = (await store.listImages({ limit: 2 })).nextCursor;
    const best = (await store.listImages({ sort: "score", limit: 2 })).nextCursor;
    expect(newest && best).toBeTruthy();
    await expect(store.listImages({ sort: "score", limit: 2, cursor: newest ?? "" })).rejects.toThrow(/bad cursor/);
    await expect(store.listImages({ limit: 2, cursor: best ?? "" })).rejects.toThrow(/bad cursor/);
    const tooHigh = Buffer.from(JSON.stringify([2, at(1), "x"])).toString("base64url");
    await expect(store.listImages({ sort: "score", limit: 2, cursor: tooHigh })).rejects.toThrow(/bad cursor/);
  });
});
