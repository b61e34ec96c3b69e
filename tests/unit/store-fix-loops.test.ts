/**
 * Fix loops in the store (issue 11, migration 0010): round-trip, guarded updates (status, owner,
 * lease), lists by status and by image, and the loop goes with its image. Both dialects.
 */
import { expect, it } from "vitest";
import type { FixLoopRecord, Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

function loop(id: string, imageId: string, over: Partial<FixLoopRecord> = {}): FixLoopRecord {
  return {
    id,
    imageId,
    ideaId: "i",
    status: "running",
    maxRounds: 3,
    reason: null,
    rounds: [],
    bestImageId: imageId,
    error: null,
    createdAt: at(10),
    finishedAt: null,
    owner: "me",
    leaseUntil: 1_000,
    ...over,
  };
}

describeEachDialect("store: fix loops", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  async function seed() {
    await store.createIdeaWithVersion(idea("i", "two red foxes"), version("v1", "i"));
    const g = generation("g1", "v1", "i", { status: "succeeded" });
    await store.createGeneration(g);
    await store.completeGeneration("g1", [image("img1", g, at(2)), image("img2", g, at(3))], {});
  }

  it("round-trips a loop with its rounds, and updates it only while the guard holds", async () => {
    await seed();
    await store.createFixLoop(loop("L1", "img1"));
    expect(await store.getFixLoop("L1")).toEqual(loop("L1", "img1"));

    const rounds = [{ versionId: "v1", generationId: "g1", imageId: "img2", score: 0.5 }];
    const saved = await store.updateFixLoop(
      "L1",
      { rounds, bestImageId: "img2" },
      { ifStatus: ["running"], ifOwner: "me" },
    );
    expect(saved).toMatchObject({ rounds, bestImageId: "img2", status: "running" });
    // Someone else's, or no longer running: refused, nothing written.
    expect(await store.updateFixLoop("L1", { rounds: [] }, { ifOwner: "other" })).toBeUndefined();
    const canceled = await store.updateFixLoop(
      "L1",
      { status: "canceled", reason: "canceled", finishedAt: at(20), owner: null, leaseUntil: null },
      { ifStatus: ["running"] },
    );
    expect(canceled).toMatchObject({ status: "canceled", reason: "canceled", rounds, owner: null });
    expect(await store.updateFixLoop("L1", { status: "done" }, { ifStatus: ["running"] })).toBeUndefined();
    expect((await store.getFixLoop("L1"))?.status).toBe("canceled");
    expect(await store.updateFixLoop("nope", { status: "done" })).toBeUndefined();
  });

  it("claims a loop only when its lease ran out; keeps error JSON", async () => {
    await seed();
    await store.createFixLoop(loop("L1", "img1", { leaseUntil: 5_000 }));
    expect(
      await store.updateFixLoop("L1", { owner: "b" }, { ifStatus: ["running"], ifLeaseBefore: 4_000 }),
    ).toBeUndefined();
    expect(
      await store.updateFixLoop("L1", { owner: "b" }, { ifStatus: ["running"], ifLeaseBefore: 6_000 }),
    ).toMatchObject({
      owner: "b",
    });
    const error = { code: "interrupted", message: "The server restarted during this loop" };
    expect(await store.updateFixLoop("L1", { status: "failed", reason: "error", error })).toMatchObject({ error });
  });

  it("lists by status (oldest first) and by image (newest first); a loop goes with its image", async () => {
    await seed();
    await store.createFixLoop(loop("L1", "img1", { createdAt: at(10) }));
    await store.createFixLoop(loop("L2", "img1", { createdAt: at(11), status: "done", reason: "all_passed" }));
    await store.createFixLoop(loop("L3", "img2", { createdAt: at(12) }));
    expect((await store.listFixLoopsByStatus(["running"])).map((l) => l.id)).toEqual(["L1", "L3"]);
    expect((await store.listFixLoopsForImage("img1")).map((l) => l.id)).toEqual(["L2", "L1"]);
    expect(await store.listFixLoopsByStatus([])).toEqual([]);
    await store.deleteImage("img1");
    expect(await store.getFixLoop("L1")).toBeUndefined();
    expect((await store.getFixLoop("L3"))?.imageId).toBe("img2");
  });
});
