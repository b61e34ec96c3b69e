/**
 * The store's status guard (issue 9): a runner's last writes apply only while its generation is
 * still running, so one whose lease ran out cannot overwrite what another instance settled.
 * On both dialects; migration 0004's queue columns stay out of the entity.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import type { Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

describeEachDialect("generation status guard", (dialect) => {
  let store: Store;
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  async function seed(status: "queued" | "running" | "failed") {
    await store.createIdeaWithVersion(idea("i"), version("v", "i"));
    const g = generation("g", "v", "i", { status });
    await store.createGeneration(g);
    return g;
  }

  it("applies an update while the status is one of ifStatus", async () => {
    await seed("running");
    const done = await store.updateGeneration(
      "g",
      { status: "canceled", finishedAt: at(9) },
      { ifStatus: ["running"] },
    );
    expect(done).toMatchObject({ status: "canceled", finishedAt: at(9) });
    expect(await store.getGeneration("g")).toEqual(done);
  });

  it("refuses an update once the generation was settled elsewhere, and writes nothing", async () => {
    const g = await seed("failed");
    const refused = await store.updateGeneration(
      "g",
      { status: "succeeded", progress: 1, finishedAt: at(9) },
      { ifStatus: ["running"] },
    );
    expect(refused).toBeUndefined();
    expect(await store.getGeneration("g")).toEqual(g);
    // Without a guard, as before: the write applies.
    expect(await store.updateGeneration("g", { progress: 0.5 })).toMatchObject({ status: "failed", progress: 0.5 });
    // A guarded patch with nothing to write answers by the current status.
    expect(await store.updateGeneration("g", {}, { ifStatus: ["running"] })).toBeUndefined();
    expect(await store.updateGeneration("g", {}, { ifStatus: ["failed"] })).toMatchObject({ status: "failed" });
    expect(await store.updateGeneration("missing", { progress: 1 }, { ifStatus: ["running"] })).toBeUndefined();
  });

  it("refuses a completion of a settled generation: no image rows, the status stands", async () => {
    const g = await seed("running");
    await store.updateGeneration("g", {
      status: "failed",
      error: { code: "interrupted", message: "Interrupted." },
      finishedAt: at(5),
    });
    const late = await store.completeGeneration(
      "g",
      [image("im", g, at(6))],
      { finishedAt: at(7) },
      {
        ifStatus: ["running"],
      },
    );
    expect(late).toBeUndefined();
    expect(await store.listImagesForGeneration("g")).toEqual([]);
    expect(await store.getImage("im")).toBeUndefined();
    expect(await store.getGeneration("g")).toMatchObject({ status: "failed", error: { code: "interrupted" } });
  });

  it("completes a generation that is still running", async () => {
    const g = await seed("running");
    const done = await store.completeGeneration(
      "g",
      [image("im", g, at(6))],
      { finishedAt: at(7) },
      {
        ifStatus: ["running"],
      },
    );
    expect(done).toMatchObject({ status: "succeeded", progress: 1, finishedAt: at(7) });
    expect((await store.listImagesForGeneration("g")).map((im) => im.id)).toEqual(["im"]);
  });

  it("has the queue's columns (migration 0004) with their defaults, outside the entity", async () => {
    const g = await seed("queued");
    const [row] = await dialect.query<Record<string, unknown>>(
      sql`SELECT claimed_by, lease_until, cancel_requested, queue_seq FROM generations WHERE id = 'g'`,
    );
    expect(row).toEqual({ claimed_by: null, lease_until: null, cancel_requested: expect.anything(), queue_seq: null });
    expect(Number(row?.cancel_requested)).toBe(0);
    expect(await store.getGeneration("g")).toEqual(g);
    const schema = await dialect.schema();
    expect(schema.indexes).toContain("generations_claim");
  });
});
