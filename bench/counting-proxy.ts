/**
 * A proxy in front of a fake backend that counts its image requests: in flight now, the most at
 * once, the total, and slot-time (requests in flight × ms, so the backend's busy share can be
 * worked out). Several fronts share one count: give each app instance its own front and the
 * proxy also tells which instance sent how many, while the peak stays the cluster's.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type CountingProxy = {
  /** The first front's base URL (…/v1), for a single instance. */
  url: string;
  /** One base URL (…/v1) per front. */
  urls: string[];
  peak(): number;
  total(): number;
  /** Image requests per front, in the order of `urls`. */
  perFront(): number[];
  /** The integral of requests in flight over time, in request·ms, since the start or the last reset. */
  busySlotMs(): number;
  /** Forgets the counts (the peak restarts from what is in flight now). */
  reset(): void;
  close(): void;
};

export async function startCountingProxy(
  target: URL,
  fronts = 1,
  countedPrefix = "/v1/images/",
): Promise<CountingProxy> {
  let inFlight = 0;
  let peak = 0;
  let total = 0;
  let busy = 0;
  let since = performance.now();
  let counts = Array.from({ length: fronts }, () => 0);
  // Accumulate slot-time up to now before inFlight changes.
  const tick = () => {
    const now = performance.now();
    busy += inFlight * (now - since);
    since = now;
  };

  const servers = Array.from({ length: fronts }, (_, front) =>
    http.createServer((req, res) => {
      const counted = req.url?.startsWith(countedPrefix) ?? false;
      if (counted) {
        tick();
        inFlight++;
        total++;
        counts[front] = (counts[front] ?? 0) + 1;
        peak = Math.max(peak, inFlight);
      }
      let done = false;
      const finish = () => {
        if (counted && !done) {
          tick();
          inFlight--;
        }
        done = true;
      };
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          up.on("end", finish);
        },
      );
      upstream.on("error", () => {
        finish();
        res.destroy();
      });
      res.on("close", finish);
      req.pipe(upstream);
    }),
  );
  const urls: string[] = [];
  for (const server of servers) {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  }
  return {
    url: urls[0] ?? "",
    urls,
    peak: () => peak,
    total: () => total,
    perFront: () => [...counts],
    busySlotMs: () => {
      tick();
      return busy;
    },
    reset: () => {
      tick();
      busy = 0;
      total = 0;
      peak = inFlight;
      counts = counts.map(() => 0);
    },
    close: () => {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
}
