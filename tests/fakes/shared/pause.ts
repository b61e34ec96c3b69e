import type { ServerResponse } from "node:http";

/** Resolves after `ms`, or early when the client has gone (no point answering then). */
export function pause(ms: number, res?: ServerResponse): Promise<void> {
  if (ms <= 0 || res?.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res?.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res?.on("close", done);
  });
}
