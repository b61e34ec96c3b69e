import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, type ConnectionMonitor, createConnectionMonitor } from "@/lib/client/connection";
import { retryBody } from "@/lib/client/retry-generation";

let monitor: ConnectionMonitor | undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  monitor?.dispose();
  monitor = undefined;
  vi.useRealTimers();
});

/** A probe whose answer the test decides: `up` (answers), `down` (refused at once) or `hung` (never answers). */
function fakeServer(initial: "up" | "down" | "hung") {
  const server = { state: initial, probes: [] as number[] };
  const probe = (signal: AbortSignal) => {
    server.probes.push(Date.now());
    if (server.state === "up") return Promise.resolve(true);
    if (server.state === "down") return Promise.reject(new TypeError("Failed to fetch"));
    return new Promise<boolean>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted"))));
  };
  return { server, probe };
}

describe("backoffDelay", () => {
  it("starts at 0.5 s and doubles to a 5 s cap", () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, mid))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
  it("jitters by at most a fifth either way", () => {
    expect(backoffDelay(0, () => 0)).toBe(400);
    expect(backoffDelay(0, () => 1)).toBe(600);
    expect(backoffDelay(6, () => 0)).toBe(4000);
    expect(backoffDelay(6, () => 1)).toBe(6000);
  });
});

describe("connection monitor", () => {
  it("a server that refuses is known lost at once; one change however many streams noticed", async () => {
    const { server, probe } = fakeServer("down");
    monitor = createConnectionMonitor({ probe, random: () => 0.5 });
    const changes: string[] = [];
    monitor.subscribe(() => changes.push(monitor?.getSnapshot().status ?? ""));
    monitor.suspect();
    monitor.suspect();
    monitor.suspect();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.getSnapshot().status).toBe("lost");
    expect(server.probes).toHaveLength(1);
    expect(changes).toEqual(["lost"]);
  });

  it("a server that hangs is known lost within 2 s (the probe times out)", async () => {
    const { probe } = fakeServer("hung");
    monitor = createConnectionMonitor({ probe, random: () => 0.5 });
    monitor.suspect();
    await vi.advanceTimersByTimeAsync(1400);
    expect(monitor.getSnapshot().status).toBe("online");
    await vi.advanceTimersByTimeAsync(600);
    expect(monitor.getSnapshot().status).toBe("lost");
  });

  it("probes again with backoff 0.5, 1, 2, 4, 5, 5 s, then comes back and wakes who waits", async () => {
    const { server, probe } = fakeServer("down");
    monitor = createConnectionMonitor({ probe, random: () => 0.5 });
    const start = Date.now();
    monitor.suspect();
    const woken = vi.fn();
    monitor.onceOnline(woken);
    await vi.advanceTimersByTimeAsync(17_600);
    const gaps = server.probes.map((t, i) => t - (server.probes[i - 1] ?? start));
    expect(gaps).toEqual([0, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(woken).not.toHaveBeenCalled();
    expect(monitor.getSnapshot()).toMatchObject({ status: "lost", reconnects: 0 });

    server.state = "up";
    await vi.advanceTimersByTimeAsync(5000);
    expect(monitor.getSnapshot()).toMatchObject({ status: "online", attempts: 0, reconnects: 1 });
    expect(woken).toHaveBeenCalledTimes(1);
    // Once back, no more probes.
    const probes = server.probes.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(server.probes).toHaveLength(probes);
  });

  it("a stream that broke while the server answers says nothing and resumes after one probe", async () => {
    const { server, probe } = fakeServer("up");
    monitor = createConnectionMonitor({ probe });
    const changes = vi.fn();
    monitor.subscribe(changes);
    monitor.suspect();
    const woken = vi.fn();
    monitor.onceOnline(woken);
    await vi.advanceTimersByTimeAsync(0);
    expect(woken).toHaveBeenCalledTimes(1);
    expect(changes).not.toHaveBeenCalled();
    expect(server.probes).toHaveLength(1);
  });
});

describe("retryBody", () => {
  it("carries the prompt version, backend and stored params, and only the keys POST /api/generate takes", () => {
    const body = retryBody({
      promptId: "v1",
      backend: "automatic1111",
      params: { size: "512x512", n: 2, steps: 30, sampler: "Euler a", seed: undefined },
    });
    expect(body).toEqual({
      ok: true,
      value: {
        promptId: "v1",
        backend: "automatic1111",
        params: { size: "512x512", n: 2, steps: 30, sampler: "Euler a" },
      },
    });
  });
  it("refuses a generation without a prompt version or backend", () => {
    expect(retryBody({ promptId: "", backend: "offline", params: {} })).toMatchObject({ ok: false });
    expect(retryBody({ promptId: "v1", backend: "", params: {} }).ok).toBe(false);
  });
});
