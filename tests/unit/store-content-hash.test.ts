import { expect, it } from "vitest";
import type { Generation } from "@/lib/schemas";
import type { Store } from "@/lib/store/types";
import { at, generation, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

async function ideaWithGeneration(id: string): Promise<Generation> {
  const v = version(`${id}-v`, id, { title: id, createdAt: at(0) });
  await store.createIdeaWithVersion({ id, text: id, title: id, createdAt: at(0) }, v);
  const g = generation(`${id}-g`, v.id, id, { createdAt: at(0), backend: "offline" });
  await store.createGeneration(g);
  return g;
}

const HASH = "ab".repeat(32);

describeEachDialect("images.content_hash (migration 0012)", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("keeps the full image's hash with its row, and leaves it out where there is none", async () => {
    const g = await ideaWithGeneration("idea-a");
    await store.completeGeneration(
      g.id,
      [image("img-hashed", g, at(2), { contentHash: HASH }), image("img-old", g, at(1))],
      { status: "succeeded" },
    );
    expect((await store.getImage("img-hashed"))?.contentHash).toBe(HASH);
    const old = await store.getImage("img-old");
    expect(old).toBeDefined();
    expect(old && "contentHash" in old).toBe(false);
    // The gallery's list carries it too: the tiles build their thumbnails' URLs from it.
    const listed = (await store.listImages({ limit: 10 })).items.map((i) => [i.id, i.contentHash]);
    expect(listed).toEqual([
      ["img-hashed", HASH],
      ["img-old", undefined],
    ]);
    // And the Ideas page's strips of thumbnails.
    const thumbs = (await store.listIdeas({ limit: 10 })).items[0]?.thumbs.map((t) => [t.id, t.contentHash]);
    expect(thumbs).toEqual([
      ["img-hashed", HASH],
      ["img-old", undefined],
    ]);
  });
});
