// @vitest-environment jsdom
/**
 * The fix loop's view (issue 11): **Fix misses** starts it and puts ?fix=<id> in the URL, the
 * rounds follow the SSE events, the state is said in words, the best is marked, Cancel posts.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fixLoopStatus } from "@/lib/client/fix-loop-status";
import type { FixLoop } from "@/lib/schemas/checks";
import { FakeEventSource } from "./harness/event-source";

const { FixMissesButton } = await import("@/components/fix/fix-misses-button");
// The button loads the loop's view on demand (next/dynamic): have the module ready, as a
// browser that already fetched the chunk would.
await import("@/components/fix/fix-loop-view");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const base: FixLoop = {
  id: "L1",
  imageId: "img0",
  status: "running",
  maxRounds: 3,
  reason: null,
  rounds: [],
  bestImageId: "img0",
  error: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  finishedAt: null,
};

const detail = (id: string, prompt: string) => ({
  id,
  version: { prompt },
  check: { items: [1, 2, 3, 4, 5].map((n) => ({ checkId: `c${n}` })) },
});

type Call = { url: string; method: string };
function mockFetch(answer: (url: string, call: Call) => [number, unknown]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url, method: init.method ?? "GET" };
      calls.push(call);
      const [status, body] = answer(url, call);
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  window.history.replaceState(null, "", "/images/img0");
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const button = (name: string) => [...host.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);

describe("fixLoopStatus", () => {
  it("says where the loop is in words", () => {
    const round = { versionId: "v1", generationId: "g1", imageId: null, score: null };
    expect(fixLoopStatus(base)).toBe("Round 1 of 3: refining…");
    expect(fixLoopStatus({ ...base, rounds: [round, { ...round, versionId: "v2" }] })).toBe(
      "Round 2 of 3: generating…",
    );
    expect(fixLoopStatus({ ...base, rounds: [{ ...round, imageId: "i" }] })).toBe("Round 1 of 3: checking…");
    expect(fixLoopStatus({ ...base, status: "done", reason: "all_passed", rounds: [round] })).toBe(
      "Done: every item passes",
    );
    const three = [round, round, round];
    expect(fixLoopStatus({ ...base, status: "done", reason: "no_better", rounds: three })).toBe(
      "Stopped: round 3 was no better",
    );
    expect(
      fixLoopStatus({
        ...base,
        status: "failed",
        reason: "error",
        error: { code: "x", message: "The judge refused." },
      }),
    ).toBe("Failed: The judge refused.");
  });
});

describe("FixMissesButton", () => {
  it("starts the loop, follows its rounds, marks the best and cancels", async () => {
    const calls = mockFetch((url, call) => {
      if (url === "/api/images/img0/fix") return [202, base];
      if (url === "/api/fix-loops/L1/cancel") return [200, { ...base, status: "canceled", reason: "canceled" }];
      if (url === "/api/images/img0") return [200, detail("img0", "two foxes")];
      if (url === "/api/images/img1") return [200, detail("img1", "two red foxes")];
      throw new Error(`unexpected ${call.method} ${url}`);
    });
    act(() => root.render(<FixMissesButton imageId="img0" hasMisses />));
    await act(async () => button("Fix misses")?.click());
    await flush();
    expect(window.location.search).toBe("?fix=L1");
    expect(host.querySelector('[role="status"]')?.textContent).toBe("Round 1 of 3: refining…");

    const source = FakeEventSource.all.find((s) => s.url === "/api/fix-loops/L1/events");
    expect(source).toBeDefined();
    const round = { versionId: "v1", generationId: "g1", imageId: "img1", score: 1 };
    await act(async () => source?.send("round", { ...base, rounds: [{ ...round, imageId: null, score: null }] }));
    expect(host.textContent).toContain("Round 1 of 3: generating…");
    expect(button("Cancel")).toBeDefined();
    await act(async () => button("Cancel")?.click());
    expect(calls.some((c) => c.url === "/api/fix-loops/L1/cancel" && c.method === "POST")).toBe(true);

    const done = { ...base, status: "done", reason: "all_passed", rounds: [round], bestImageId: "img1" };
    await act(async () => source?.send("done", done));
    await flush();
    expect(host.querySelector('[role="status"]')?.textContent).toBe("Done: every item passes");
    expect(button("Cancel")).toBeUndefined();
    const cards = [...host.querySelectorAll("li")];
    expect(cards).toHaveLength(2);
    expect(cards[1]?.textContent).toContain("Best");
    expect(cards[0]?.textContent).not.toContain("Best");
    expect(cards[1]?.textContent).toContain("Score: 5 of 5");
    expect(cards[1]?.querySelector("img")?.getAttribute("alt")).toBe("two red foxes");
    expect(cards[1]?.querySelector("ins")?.textContent).toContain("red");
  });

  it("finds a running loop again after a reload through ?fix=<id>", async () => {
    window.history.replaceState(null, "", "/images/img0?fix=L1");
    mockFetch((url) => {
      if (url === "/api/fix-loops/L1") return [200, base];
      if (url === "/api/images/img0") return [200, detail("img0", "two foxes")];
      throw new Error(`unexpected ${url}`);
    });
    act(() => root.render(<FixMissesButton imageId="img0" hasMisses />));
    await flush();
    await flush();
    expect(button("Fix misses")).toBeUndefined();
    expect(host.querySelector('[role="status"]')?.textContent).toBe("Round 1 of 3: refining…");
  });

  it("shows nothing without misses and no loop", () => {
    mockFetch(() => [404, {}]);
    act(() => root.render(<FixMissesButton imageId="img0" hasMisses={false} />));
    expect(host.textContent).toBe("");
  });
});
