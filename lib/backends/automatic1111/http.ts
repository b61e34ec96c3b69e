import "server-only";
import http from "node:http";
import https from "node:https";
import { AppError, abortError } from "@/lib/errors";
import { connectionError } from "./map-error";
import type { A1111Server } from "./server";

export type A1111Response = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
};

export type A1111RequestOptions = {
  method: "GET" | "POST";
  /** From the API root, e.g. "/sdapi/v1/txt2img". */
  path: string;
  body?: unknown;
  signal: AbortSignal;
  /** Four SDXL PNGs in base64 are tens of MB; anything near this is not an answer we want. */
  maxBytes?: number;
};

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * One call to the A1111 API. node:http rather than fetch: undici's fetch gives up waiting for
 * response headers after 300 s, which a slow GPU can exceed on txt2img (A1111 sends nothing until
 * the images are done), and Next.js patches the global fetch. Aborting `signal` drops the socket
 * and rejects with an AbortError; socket failures become `backend_unavailable`. Any HTTP status
 * resolves: mapping statuses is the caller's job, as it knows which endpoint it asked.
 */
export function a1111Request(server: A1111Server, opts: A1111RequestOptions): Promise<A1111Response> {
  return new Promise((resolve, reject) => {
    if (opts.signal.aborted) return reject(abortError());
    const url = new URL(server.base + opts.path);
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body), "utf8");
    const headers: http.OutgoingHttpHeaders = { accept: "application/json" };
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = payload.length;
    }
    if (server.authorization) headers.authorization = server.authorization;
    const limit = opts.maxBytes ?? DEFAULT_MAX_BYTES;

    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      opts.signal.removeEventListener("abort", onAbort);
      fn();
    };
    let tooLarge = false;
    const fail = (e: unknown) =>
      finish(() => {
        if (opts.signal.aborted) reject(abortError());
        else if (tooLarge)
          reject(new AppError("backend_error", `AUTOMATIC1111 sent an answer larger than ${limit} bytes.`));
        else reject(connectionError(e, server.label));
      });
    const onAbort = () => {
      request.destroy();
      finish(() => reject(abortError()));
    };

    const request = (url.protocol === "https:" ? https : http).request(
      url,
      { method: opts.method, headers },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            tooLarge = true;
            request.destroy(new Error("answer too large"));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          ),
        );
        response.on("error", fail);
        // A connection cut mid-body ends the stream without "end"; the answer is incomplete.
        response.on("close", () => {
          if (!response.complete)
            fail(Object.assign(new Error("connection closed mid-answer"), { code: "ECONNRESET" }));
        });
      },
    );
    request.on("error", fail);
    opts.signal.addEventListener("abort", onAbort, { once: true });
    request.end(payload);
  });
}
