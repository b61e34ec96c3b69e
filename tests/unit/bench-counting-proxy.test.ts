import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type CountingProxy, startCountingProxy } from "@/bench/counting-proxy";

/* The cluster bench's evidence that a limit holds cluster-wide is this proxy's count: it must add up across fronts. */

const DELAY_MS = 150;
let backend: http.Server | undefined;
let proxy: CountingProxy | undefined;

async function slowBackend(): Promise<URL> {
  backend = http.createServer((req, res) => {
    setTimeout(() => res.end(req.url), DELAY_MS);
  });
  await new Promise<void>((r) => backend?.listen(0, "127.0.0.1", r));
  return new URL(`http://127.0.0.1:${(backend.address() as AddressInfo).port}`);
}

afterEach(async () => {
  proxy?.close();
  await new Promise((r) => (backend ? backend.close(r) : r(undefined)));
});

describe("bench counting proxy", () => {
  it("counts image requests in flight across all its fronts, per front, and their slot-time", async () => {
    proxy = await startCountingProxy(await slowBackend(), 2);
    const [a, b] = proxy.urls;
    const answers = await Promise.all([
      fetch(`${a}/images/generations`).then((r) => r.text()),
      fetch(`${a}/images/generations`).then((r) => r.text()),
      fetch(`${b}/images/generations`).then((r) => r.text()),
      fetch(`${b}/moderations`).then((r) => r.text()),
    ]);
    expect(answers).toEqual([
      "/v1/images/generations",
      "/v1/images/generations",
      "/v1/images/generations",
      "/v1/moderations",
    ]);
    expect(proxy.peak()).toBe(3);
    expect(proxy.total()).toBe(3);
    expect(proxy.perFront()).toEqual([2, 1]);
    // Three requests of at least DELAY_MS each were in flight; loopback adds little.
    expect(proxy.busySlotMs()).toBeGreaterThanOrEqual(3 * DELAY_MS - 5);
    expect(proxy.busySlotMs()).toBeLessThan(3 * (DELAY_MS + 200));

    proxy.reset();
    expect([proxy.peak(), proxy.total(), proxy.perFront(), proxy.busySlotMs()]).toEqual([0, 0, [0, 0], 0]);
    await fetch(`${b}/images/generations`).then((r) => r.text());
    expect([proxy.peak(), proxy.perFront()]).toEqual([1, [0, 1]]);
  });
});
