import { describe, expect, it } from "vitest";
import { LaneQueue } from "@/lib/jobs/memory-queue";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("LaneQueue", () => {
  it("runs jobs in order, at most `concurrency` at once, and reports how many wait ahead", async () => {
    const q = new LaneQueue();
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    for (const id of ["a", "b", "c", "d"]) {
      const gate = deferred();
      gates.set(id, gate);
      q.enqueue(
        "lane",
        2,
        id,
        async () => {
          started.push(id);
          await gate.promise;
        },
        () => undefined,
      );
    }
    await tick();
    expect(started).toEqual(["a", "b"]);
    expect(q.ahead("a")).toBeUndefined();
    expect(q.ahead("c")).toBe(0);
    expect(q.ahead("d")).toBe(1);
    gates.get("a")?.resolve();
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    expect(q.ahead("d")).toBe(0);
    for (const g of gates.values()) g.resolve();
    await tick();
    expect(started).toEqual(["a", "b", "c", "d"]);
    expect(q.has("d")).toBe(false);
  });

  it("drops a waiting job that is canceled, and aborts a running one", async () => {
    const q = new LaneQueue();
    const gate = deferred();
    let runningSignal: AbortSignal | undefined;
    let droppedB = false;
    let ranB = false;
    q.enqueue(
      "lane",
      1,
      "a",
      async (signal) => {
        runningSignal = signal;
        await gate.promise;
      },
      () => undefined,
    );
    q.enqueue(
      "lane",
      1,
      "b",
      async () => {
        ranB = true;
      },
      () => {
        droppedB = true;
      },
    );
    await tick();
    expect(q.cancel("b")).toBe(true);
    await tick();
    expect(droppedB).toBe(true);
    expect(q.cancel("a")).toBe(true);
    expect(runningSignal?.aborted).toBe(true);
    gate.resolve();
    await tick();
    expect(ranB).toBe(false);
    expect(q.cancel("zzz")).toBe(false);
  });

  it("lanes are independent", async () => {
    const q = new LaneQueue();
    const gate = deferred();
    const started: string[] = [];
    q.enqueue(
      "slow",
      1,
      "s1",
      async () => {
        started.push("s1");
        await gate.promise;
      },
      () => undefined,
    );
    q.enqueue(
      "fast",
      1,
      "f1",
      async () => {
        started.push("f1");
      },
      () => undefined,
    );
    await tick();
    expect(started).toEqual(["s1", "f1"]);
    gate.resolve();
  });
});
