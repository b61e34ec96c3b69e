import { expect, it } from "vitest";
import type { StyleInput, StyleSnapshot } from "@/lib/schemas/styles";
import type { Store } from "@/lib/store/types";
import { at, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

const INPUT: StyleInput = {
  label: "Brand poster",
  description: "Our campaign look.",
  medium: "flat screen-printed poster",
  lighting: "even flat light",
  palette: "navy and coral",
  camera: "centered frontal composition",
  detail: "crisp edges, visible paper texture",
  negative: "photograph, gradients",
};

describeEachDialect("own styles (migration 0013)", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("creates, lists oldest first, updates and refuses a taken id", async () => {
    const a = await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(0) });
    expect(a).toMatchObject({ id: "own-a", label: "Brand poster", palette: "navy and coral", sampleSource: "offline" });
    await store.createOwnStyle({ id: "own-b", input: { ...INPUT, label: "Second" }, createdAt: at(1) });
    expect(await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(2) })).toBeUndefined();
    expect((await store.listOwnStyles()).map((s) => s.id)).toEqual(["own-a", "own-b"]);

    const edited = await store.updateOwnStyle("own-a", { ...INPUT, palette: "teal and gold" }, at(3));
    expect(edited?.palette).toBe("teal and gold");
    expect(edited?.updatedAt).toBe(at(3));
    expect(edited?.sample).not.toBe(a?.sample);
    expect(await store.updateOwnStyle("own-missing", INPUT, at(3))).toBeUndefined();
  });

  it("deletes with undo: gone from the list, restorable, and purged a day later", async () => {
    await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(0) });
    await store.createOwnStyle({ id: "own-b", input: INPUT, createdAt: at(1) });
    expect(await store.deleteOwnStyle("own-a", at(2))).toBe(true);
    expect(await store.deleteOwnStyle("own-a", at(2))).toBe(false);
    expect(await store.getOwnStyle("own-a")).toBeUndefined();
    expect((await store.listOwnStyles()).map((s) => s.id)).toEqual(["own-b"]);
    // A deleted style's id stays taken while Undo can bring it back.
    expect(await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(3) })).toBeUndefined();
    expect((await store.restoreOwnStyle("own-a"))?.label).toBe("Brand poster");
    expect((await store.listOwnStyles()).map((s) => s.id)).toEqual(["own-a", "own-b"]);

    await store.deleteOwnStyle("own-a", "2026-01-01T00:00:00.000Z");
    // Another delete two days later purges the first for good.
    await store.deleteOwnStyle("own-b", "2026-01-03T00:00:00.000Z");
    expect(await store.restoreOwnStyle("own-a")).toBeUndefined();
    expect((await store.restoreOwnStyle("own-b"))?.id).toBe("own-b");
  });

  it("keeps the sample's bytes, guarded by updatedAt, and drops an offline one on edit", async () => {
    await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(0) });
    const empty = await store.getOwnStyleSample("own-a");
    expect(empty?.bytes).toBeNull();
    const bytes = new Uint8Array([82, 73, 70, 70, 0, 1, 2, 255]);
    // A render for an older state of the style is not kept.
    expect(
      await store.setOwnStyleSample("own-a", {
        bytes,
        source: "offline",
        imageId: null,
        ifUpdatedAt: "1999-01-01T00:00:00.000Z",
      }),
    ).toBeUndefined();
    expect(
      await store.setOwnStyleSample("own-a", {
        bytes,
        source: "offline",
        imageId: null,
        ifUpdatedAt: empty?.updatedAt,
      }),
    ).toBeDefined();
    expect(Array.from((await store.getOwnStyleSample("own-a"))?.bytes ?? [])).toEqual(Array.from(bytes));
    await store.updateOwnStyle("own-a", { ...INPUT, camera: "low angle" }, at(5));
    expect((await store.getOwnStyleSample("own-a"))?.bytes).toBeNull();

    // A picked gallery image stays through an edit: the person chose it.
    const picked = await store.setOwnStyleSample("own-a", {
      bytes,
      source: "image",
      imageId: "img-1",
      touchedAt: at(6),
    });
    expect(picked).toMatchObject({ sampleSource: "image", sampleImageId: "img-1", updatedAt: at(6) });
    await store.updateOwnStyle("own-a", { ...INPUT, camera: "high angle" }, at(7));
    expect((await store.getOwnStyleSample("own-a"))?.bytes).not.toBeNull();
  });

  it("imports in one go: existing ids are updated and brought back, new ones created", async () => {
    await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(0) });
    await store.deleteOwnStyle("own-a", at(1));
    const result = await store.importOwnStyles([
      { id: "own-a", input: { ...INPUT, label: "Imported A" }, createdAt: at(2) },
      { id: "own-new", input: { ...INPUT, label: "New" }, createdAt: at(2) },
    ]);
    expect(result).toMatchObject({ created: 1, updated: 1 });
    expect((await store.listOwnStyles()).map((s) => [s.id, s.label])).toEqual([
      ["own-a", "Imported A"],
      ["own-new", "New"],
    ]);
  });

  it("a version keeps the snapshot of the style it was refined in", async () => {
    const { description: _description, ...parts } = INPUT;
    const snapshot: StyleSnapshot = { ...parts, id: "own-a" };
    const v = version("v1", "i1", { style: "own-a", styleUsed: snapshot });
    await store.createIdeaWithVersion({ id: "i1", text: "a fox", title: "Fox", createdAt: at(0) }, v);
    await store.createOwnStyle({ id: "own-a", input: INPUT, createdAt: at(0) });
    await store.deleteOwnStyle("own-a", at(2));
    const read = await store.getVersion("v1");
    expect(read?.style).toBe("own-a");
    expect(read?.styleUsed).toEqual(snapshot);
    // A version without a style reads as it always did: no styleUsed key at all.
    await store.createVersion(version("v2", "i1", { parentId: "v1" }));
    const plain = await store.getVersion("v2");
    expect(plain && "styleUsed" in plain).toBe(false);
  });
});
