import { expect, it } from "vitest";
import type { Generation } from "@/lib/schemas";
import type { NewImage, Store } from "@/lib/store/types";
import { at, generation, image as imageRow, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

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
});
