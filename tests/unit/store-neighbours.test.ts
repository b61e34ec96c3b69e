import { expect, it } from "vitest";
import type { Generation } from "@/lib/schemas";
import type { ImageListFilter, NewImage, Store } from "@/lib/store/types";
import { at, generation, image as imageRow, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

async function ideaWithGeneration(id: string, over: { text?: string; backend?: string } = {}): Promise<Generation> {
  const v = version(`${id}-v`, id, { title: id, createdAt: at(0) });
  await store.createIdeaWithVersion({ id, text: over.text ?? id, title: id, createdAt: at(0) }, v);
  const g = generation(`${id}-g`, v.id, id, { createdAt: at(0), backend: over.backend ?? "offline" });
  await store.createGeneration(g);
  return g;
}

const image = (id: string, g: Generation, createdAt: string): NewImage =>
  imageRow(id, g, createdAt, { seed: 1, byteSize: 10 });

describeEachDialect("getImageNeighbours", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("gives the newer image as previous and the older as next, across ideas, in the gallery's order", async () => {
    const a = await ideaWithGeneration("idea-a");
    const b = await ideaWithGeneration("idea-b");
    // Two images share a time: the gallery orders them by id (descending), and so do neighbours.
    await store.completeGeneration(a.id, [image("img-1", a, at(10)), image("img-3", a, at(30))], {
      status: "succeeded",
    });
    await store.completeGeneration(b.id, [image("img-2a", b, at(20)), image("img-2b", b, at(20))], {
      status: "succeeded",
    });

    const gallery = (await store.listImages({ limit: 50 })).items.map((i) => i.id);
    expect(gallery).toEqual(["img-3", "img-2b", "img-2a", "img-1"]);

    for (const [i, id] of gallery.entries()) {
      expect(await store.getImageNeighbours(id)).toEqual({
        previous: gallery[i - 1] ?? null,
        next: gallery[i + 1] ?? null,
      });
    }
  });

  it("is undefined for an image that does not exist, and skips deleted ones", async () => {
    const a = await ideaWithGeneration("idea-a");
    await store.completeGeneration(
      a.id,
      [image("img-1", a, at(1)), image("img-2", a, at(2)), image("img-3", a, at(3))],
      { status: "succeeded" },
    );
    expect(await store.getImageNeighbours("nope")).toBeUndefined();
    await store.deleteImage("img-2");
    expect(await store.getImageNeighbours("img-3")).toEqual({ previous: null, next: "img-1" });
    expect(await store.getImageNeighbours("img-1")).toEqual({ previous: "img-3", next: null });
  });

  it("walks the filtered gallery when given its filter: the same images in the same order as listImages", async () => {
    const a = await ideaWithGeneration("idea-a", { text: "a red fox in snow" });
    const b = await ideaWithGeneration("idea-b", { text: "a lighthouse at dusk", backend: "automatic1111" });
    const c = await ideaWithGeneration("idea-c", { text: "a fox on a cliff", backend: "automatic1111" });
    // Interleaved in time, with a tie (c-2a, c-2b) that the order breaks by id, as the gallery does.
    await store.completeGeneration(a.id, [image("a-1", a, at(10)), image("a-5", a, at(50))], { status: "succeeded" });
    await store.completeGeneration(b.id, [image("b-3", b, at(30)), image("b-6", b, at(60))], { status: "succeeded" });
    await store.completeGeneration(
      c.id,
      [image("c-2a", c, at(20)), image("c-2b", c, at(20)), image("c-4", c, at(40))],
      {
        status: "succeeded",
      },
    );
    for (const id of ["a-1", "c-2b", "b-6"]) await store.setFavorite(id, true);

    const filters: Array<[ImageListFilter, string[]]> = [
      [{}, ["b-6", "a-5", "c-4", "b-3", "c-2b", "c-2a", "a-1"]],
      [{ favorite: true }, ["b-6", "c-2b", "a-1"]],
      [{ backend: "automatic1111" }, ["b-6", "c-4", "b-3", "c-2b", "c-2a"]],
      [{ ideaId: "idea-c" }, ["c-4", "c-2b", "c-2a"]],
      [{ q: "fox" }, ["a-5", "c-4", "c-2b", "c-2a", "a-1"]],
      [{ q: "fox", backend: "automatic1111", favorite: true }, ["c-2b"]],
    ];
    for (const [filter, expected] of filters) {
      // The gallery's own list first: neighbours must agree with it, not with a copy of its rules.
      const gallery = (await store.listImages({ ...filter, limit: 50 })).items.map((i) => i.id);
      expect(gallery, JSON.stringify(filter)).toEqual(expected);
      for (const [i, id] of gallery.entries()) {
        expect(await store.getImageNeighbours(id, filter), `${id} in ${JSON.stringify(filter)}`).toEqual({
          previous: gallery[i - 1] ?? null,
          next: gallery[i + 1] ?? null,
        });
      }
    }
  });

  it("places an image the filter no longer keeps (unstarred on its page) where it was in the filtered list", async () => {
    const a = await ideaWithGeneration("idea-a");
    await store.completeGeneration(
      a.id,
      [image("img-1", a, at(1)), image("img-2", a, at(2)), image("img-3", a, at(3))],
      { status: "succeeded" },
    );
    for (const id of ["img-1", "img-2", "img-3"]) await store.setFavorite(id, true);
    await store.setFavorite("img-2", false);
    expect(await store.getImageNeighbours("img-2", { favorite: true })).toEqual({ previous: "img-3", next: "img-1" });
    expect(await store.getImageNeighbours("img-3", { favorite: true })).toEqual({ previous: null, next: "img-1" });
    // Without a filter, the whole gallery as before.
    expect(await store.getImageNeighbours("img-3")).toEqual({ previous: null, next: "img-2" });
  });
});
