/**
 * Shares, feedback and approvals (issue 10), on SQLite and Postgres: what the share routes, the
 * shared page and the owner's lists read and write through the Store.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Feedback } from "@/lib/schemas/shares";
import { MIGRATION_NAMES } from "@/lib/store/migrations";
import type { NewShare, Store } from "@/lib/store/types";
import { at, generation, idea, image, openStoreEach, version } from "./harness/store";
import { describeEachDialect } from "./store-dialects";

let store: Store;

const hash = (c: string) => c.repeat(64);

function share(id: string, over: Partial<NewShare> = {}): NewShare {
  return {
    id,
    tokenHash: hash(id.at(-1) ?? "0"),
    target: { kind: "idea", id: "i1" },
    ideaId: "i1",
    label: "Idea: Title of i1",
    expiresAt: null,
    feedback: true,
    createdAt: at(10),
    revokedAt: null,
    ...over,
  };
}

function note(id: string, over: Partial<Feedback> = {}): Feedback {
  return {
    id,
    shareId: "s1",
    ideaId: "i1",
    imageId: null,
    name: "Ana",
    comment: `comment ${id}`,
    vote: null,
    createdAt: at(20),
    ...over,
  };
}

/** Two ideas, each with a version and one image (img-i1, img-i2). */
async function seedIdeas(s: Store): Promise<void> {
  for (const id of ["i1", "i2"]) {
    await s.createIdeaWithVersion(idea(id), version(`${id}-v`, id));
    const g = generation(`${id}-g`, `${id}-v`, id);
    await s.createGeneration(g);
    await s.completeGeneration(g.id, [image(`img-${id}`, g, at(3))], { status: "succeeded" });
  }
}

describeEachDialect("store: sharing", (dialect) => {
  openStoreEach(dialect, {
    get: () => store,
    set: (s) => {
      store = s;
    },
  });

  it("migrates to 0006_sharing with its tables", async () => {
    await store.ping();
    const schema = await dialect.schema();
    expect(MIGRATION_NAMES).toContain("0006_sharing");
    expect(schema.migrations).toEqual(MIGRATION_NAMES);
    expect(schema.tables).toEqual(expect.arrayContaining(["shares", "feedback"]));
    expect(schema.indexes).toEqual(
      expect.arrayContaining([
        "shares_target_created",
        "shares_idea",
        "shares_created",
        "feedback_idea_created",
        "feedback_share",
      ]),
    );
  });

  describe("shares", () => {
    it("creates, gets by id and finds by token hash; the owner's view never holds the hash", async () => {
      await seedIdeas(store);
      const s1 = share("s1", { expiresAt: "2025-04-01T00:00:00Z" });
      await store.createShare(s1);
      const stored = { ...s1, expiresAt: "2025-04-01T00:00:00.000Z" };
      expect(await store.getShare("s1")).toEqual(stored);
      expect(await store.findShareByTokenHash(hash("1"))).toEqual(stored);
      expect(await store.findShareByTokenHash(hash("9"))).toBeUndefined();
      expect(await store.getShare("nope")).toBeUndefined();
      const [listed] = await store.listShares();
      expect(listed).not.toHaveProperty("tokenHash");
      const { tokenHash: _, ...owners } = stored;
      expect(listed).toEqual(owners);
    });

    it("refuses a reused token hash, and a share of an idea that does not exist", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1"));
      await expect(store.createShare(share("s2", { tokenHash: hash("1") }))).rejects.toThrow();
      await expect(
        store.createShare(share("s3", { ideaId: "ghost", target: { kind: "idea", id: "ghost" } })),
      ).rejects.toThrow();
      expect((await store.listShares()).map((s) => s.id)).toEqual(["s1"]);
    });

    it("lists every share newest first (revoked ones included), or one target's", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1", { createdAt: at(10) }));
      await store.createShare(
        share("s2", {
          createdAt: at(12),
          target: { kind: "image", id: "img-i1" },
          label: "Image of i1",
          feedback: false,
        }),
      );
      await store.createShare(share("s3", { createdAt: at(11), ideaId: "i2", target: { kind: "idea", id: "i2" } }));
      // Same time as s1: the id breaks the tie, the same way on both dialects.
      await store.createShare(share("s4", { createdAt: at(10) }));
      await store.revokeShare("s4", at(30));

      expect((await store.listShares()).map((s) => s.id)).toEqual(["s2", "s3", "s4", "s1"]);
      expect((await store.listShares({ kind: "idea", id: "i1" })).map((s) => s.id)).toEqual(["s4", "s1"]);
      expect(await store.listShares({ kind: "image", id: "img-i1" })).toEqual([
        {
          id: "s2",
          target: { kind: "image", id: "img-i1" },
          ideaId: "i1",
          label: "Image of i1",
          expiresAt: null,
          feedback: false,
          createdAt: at(12),
          revokedAt: null,
        },
      ]);
      // The kind matters: an id alone is not a target.
      expect(await store.listShares({ kind: "comparison", id: "i1" })).toEqual([]);
    });

    it("revokes once: a second revoke keeps the first time; a missing share is undefined", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1"));
      expect(await store.revokeShare("s1", at(40))).toMatchObject({ id: "s1", revokedAt: at(40) });
      expect(await store.revokeShare("s1", at(50))).toMatchObject({ id: "s1", revokedAt: at(40) });
      expect((await store.findShareByTokenHash(hash("1")))?.revokedAt).toBe(at(40));
      expect(await store.revokeShare("nope", at(50))).toBeUndefined();
    });

    it("go with their idea, feedback too; a deleted image leaves its share and its votes", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1"));
      await store.createShare(share("s2", { target: { kind: "image", id: "img-i1" } }));
      await store.createShare(share("s3", { ideaId: "i2", target: { kind: "idea", id: "i2" } }));
      await store.addFeedback(note("f1", { imageId: "img-i1", vote: true, comment: null }));
      await store.addFeedback(note("f2", { shareId: "s3", ideaId: "i2" }));

      // The image goes: its share stays (the reader answers 404), and so does what was said of it.
      expect(await store.deleteImage("img-i1")).toBe(true);
      expect(await store.getShare("s2")).toBeDefined();
      expect((await store.listFeedbackForIdea("i1")).map((f) => [f.id, f.imageId])).toEqual([["f1", "img-i1"]]);

      expect((await store.deleteIdea("i1")).deleted).toBe(true);
      expect(await store.getShare("s1")).toBeUndefined();
      expect(await store.findShareByTokenHash(hash("2"))).toBeUndefined();
      expect((await store.listShares()).map((s) => s.id)).toEqual(["s3"]);
      expect(await store.listFeedbackForIdea("i1")).toEqual([]);
      expect((await store.listFeedbackForIdea("i2")).map((f) => f.id)).toEqual(["f2"]);
      const left = await dialect.query<{ id: string }>(sql`SELECT id FROM feedback ORDER BY id`);
      expect(left.map((r) => r.id)).toEqual(["f2"]);
    });
  });

  describe("feedback", () => {
    it("adds and lists an idea's notes oldest first, votes as booleans", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1"));
      await store.createShare(share("s2", { target: { kind: "image", id: "img-i1" } }));
      await store.createShare(share("s3", { ideaId: "i2", target: { kind: "idea", id: "i2" } }));
      await store.addFeedback(note("f3", { createdAt: at(22), comment: "<script>alert(1)</script>" }));
      await store.addFeedback(
        note("f1", { createdAt: at(21), shareId: "s2", imageId: "img-i1", vote: true, comment: null, name: "Bo" }),
      );
      await store.addFeedback(note("f2", { createdAt: at(21), imageId: "img-i1", vote: false }));
      await store.addFeedback(note("f4", { createdAt: at(20), shareId: "s3", ideaId: "i2" }));

      const items = await store.listFeedbackForIdea("i1");
      expect(items.map((f) => f.id)).toEqual(["f1", "f2", "f3"]);
      expect(items[0]).toEqual({
        id: "f1",
        shareId: "s2",
        ideaId: "i1",
        imageId: "img-i1",
        name: "Bo",
        comment: null,
        vote: true,
        createdAt: at(21),
      });
      expect(items[1]?.vote).toBe(false);
      expect(items[2]).toMatchObject({ vote: null, imageId: null, comment: "<script>alert(1)</script>" });
      expect(await store.listFeedbackForIdea("nope")).toEqual([]);
    });

    it("refuses a note through a missing share, or one that names another idea", async () => {
      await seedIdeas(store);
      await store.createShare(share("s1"));
      await expect(store.addFeedback(note("f1", { shareId: "ghost" }))).rejects.toThrow();
      await expect(store.addFeedback(note("f2", { ideaId: "i2" }))).rejects.toThrow();
      expect(await store.listFeedbackForIdea("i1")).toEqual([]);
      expect(await store.listFeedbackForIdea("i2")).toEqual([]);
    });
  });

  describe("approval", () => {
    it("sets, clears and round-trips approvedAt; a missing version is undefined", async () => {
      await store.createIdeaWithVersion(idea("i1"), version("v1", "i1"));
      await store.createVersion(version("v2", "i1", { parentId: "v1", createdAt: at(2) }));
      expect((await store.getVersion("v1"))?.approvedAt).toBeNull();

      const approved = await store.setApproval("v1", "2025-03-01T13:00:00Z");
      expect(approved).toEqual({ ...version("v1", "i1"), approvedAt: "2025-03-01T13:00:00.000Z" });
      expect((await store.getVersion("v1"))?.approvedAt).toBe("2025-03-01T13:00:00.000Z");
      expect((await store.listVersions("i1")).map((v) => [v.id, v.approvedAt])).toEqual([
        ["v1", "2025-03-01T13:00:00.000Z"],
        ["v2", null],
      ]);

      expect(await store.setApproval("v1", null)).toEqual(version("v1", "i1"));
      expect((await store.getVersion("v1"))?.approvedAt).toBeNull();
      expect(await store.setApproval("nope", at(5))).toBeUndefined();
    });

    it("keeps an approvedAt given at creation (an import of an approved version)", async () => {
      await store.createIdeaWithVersion(idea("i1"), version("v1", "i1", { approvedAt: at(4) }));
      expect((await store.listVersions("i1"))[0]?.approvedAt).toBe(at(4));
    });
  });
});
