import type { IncomingMessage, ServerResponse } from "node:http";
import { errorMessage } from "./error-message";
import { readBody } from "./read-body";
import { type JsonSender, sendJson } from "./send";

export type ControlOptions = {
  /** What GET /__fake/requests answers. */
  requests: () => unknown;
  /** POST /__fake/reset. */
  reset: () => void;
  /**
   * POST /__fake/mode: parse the body (throw to answer 400 with the message), set it, and say
   * what to add to `{ ok: true }`, such as the rules now in force.
   */
  setMode: (body: unknown) => Record<string, unknown>;
  /** The fake's own control routes, tried before the 404; true when one answered. */
  more?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  /** The largest /__fake/mode body read. */
  bodyLimit: number;
  /** How the fake writes JSON (its content type); plain application/json by default. */
  sendJson?: JsonSender;
};

/**
 * The /__fake/* endpoints every fake answers, for tests in another process:
 *   GET /__fake/health → { ok: true }, GET /__fake/requests → what was recorded,
 *   POST /__fake/reset → { ok: true }, POST /__fake/mode → { ok: true, … } or 400 { ok: false, error }.
 * Anything else is 404 { ok: false, error }.
 */
export function controlRoutes(opts: ControlOptions) {
  const send = opts.sendJson ?? sendJson;
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === "/__fake/health" && req.method === "GET") return send(res, 200, { ok: true });
    if (path === "/__fake/requests" && req.method === "GET") return send(res, 200, opts.requests());
    if (path === "/__fake/reset" && req.method === "POST") {
      opts.reset();
      return send(res, 200, { ok: true });
    }
    if (path === "/__fake/mode" && req.method === "POST") {
      try {
        const more = opts.setMode(JSON.parse((await readBody(req, opts.bodyLimit)) || "{}"));
        return send(res, 200, { ok: true, ...more });
      } catch (e) {
        return send(res, 400, { ok: false, error: errorMessage(e) });
      }
    }
    if (opts.more?.(req, res, path)) return;
    return send(res, 404, { ok: false, error: `no control endpoint ${req.method} ${path}` });
  };
}
