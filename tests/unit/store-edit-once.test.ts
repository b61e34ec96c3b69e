import { expect, it } from "vitest";
import type { Store } from "@/lib/store/types";
import { at, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

describeEachDialect("saveEdit (a hand edit, kept once)", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("returns the parent's existing edit child with the same text instead of a second one, also when two race", async () => {
    const parent = version("v1", "i1", { createdAt: at(0) });
    await store.createIdeaWithVersion({ id: "i1", text: "a fox", title: "Fox", createdAt: at(0) }, parent);
    const edit = (id: string, prompt: string, negativePrompt: string | null = null) =>
      version(id, "i1", { parentId: "v1", source: "edit", prompt, negativePrompt, createdAt: at(1) });

    const [a, b] = await Promise.all([
      store.saveEdit(edit("e1", "a fox, at night")),
      store.saveEdit(edit("e2", "a fox, at night")),
    ]);
    expect(a.id).toBe(b.id);
    expect((await store.saveEdit(edit("e3", "a fox, at night"))).id).toBe(a.id);
    // Another negative prompt, or other text, is another edit; so is the same text from another parent.
    expect((await store.saveEdit(edit("e4", "a fox, at night", "blurry"))).id).toBe("e4");
    expect((await store.saveEdit(edit("e5", "a fox, at dawn"))).id).toBe("e5");
    const children = (await store.listVersions("i1")).filter((v) => v.parentId === "v1");
    expect(children.map((v) => v.prompt).sort()).toEqual(["a fox, at dawn", "a fox, at night", "a fox, at night"]);
  });
});
