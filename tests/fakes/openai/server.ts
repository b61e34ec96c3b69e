/**
 * A local stand-in for the OpenAI REST API under /v1, checked against the official contract
 * in both directions, with failure modes that tests (or another process, over HTTP) switch on.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleChat } from "./chat";
import { type ContractSchemaName, validateAgainstContract } from "./contract";
import type { HandlerContext } from "./context";
import { ImageStore } from "./image-store";
import { handleImages } from "./images";
import { handleModels } from "./models";
import { handleModerations } from "./moderations";
import { type FakeEndpoint, isFakeEndpoint, isFakeMode, type ModeSetting, ModeTable } from "./modes";
import { openaiError, pause, readBody, recordableHeaders, sendJson, sendRaw } from "./http";

export type RecordedRequest = {
  method: string;
  /** Path and query, e.g. "/v1/chat/completions". */
  path: string;
  endpoint: FakeEndpoint | null;
  /** All headers; authorization is redacted to "Bearer [redacted]". */
  headers: Record<string, string>;
  /** Whether an `Authorization: Bearer <something>` header came. */
  bearer: boolean;
  /** The parsed JSON body (undefined for GET, the raw text if it was not JSON). */
  body: unknown;
  /** Null when the body conforms to the contract (or there is none to check). */
  contractErrors: string | null;
  at: string;
};

export type FakeOpenAIOptions = {
  /** 0 or omitted: any free port. */
  port?: number;
  /** Wait before the first byte (chat: before the first chunk). */
  delayMs?: number;
  /** Between stream chunks; 2 ms by default. */
  chunkGapMs?: number;
};

export type FakeOpenAI = {
  /** Base URL for an OpenAI client, ending in /v1. */
  url: string;
  port: number;
  requests(): RecordedRequest[];
  setMode(setting: ModeSetting): void;
  reset(): void;
  close(): Promise<void>;
};

type Route = {
  endpoint: FakeEndpoint;
  method: "GET" | "POST";
  schema?: ContractSchemaName;
  handle: (ctx: HandlerContext) => Promise<void>;
};

const ROUTES: Record<string, Route> = {
  "/v1/chat/completions": {
    endpoint: "chat",
    method: "POST",
    schema: "CreateChatCompletionRequest",
    handle: handleChat,
  },
  "/v1/images/generations": { endpoint: "images", method: "POST", schema: "CreateImageRequest", handle: handleImages },
  "/v1/moderations": {
    endpoint: "moderations",
    method: "POST",
    schema: "CreateModerationRequest",
    handle: handleModerations,
  },
  "/v1/models": { endpoint: "models", method: "GET", handle: handleModels },
};

export function parseModeSetting(value: unknown): ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  if (!isFakeMode(v.mode)) throw new Error(`unknown mode ${JSON.stringify(v.mode)}`);
  const endpoint = v.endpoint;
  if (endpoint !== undefined && endpoint !== "all" && !isFakeEndpoint(endpoint)) {
    throw new Error(`unknown endpoint ${JSON.stringify(endpoint)}`);
  }
  const times = v.times;
  if (times !== undefined && (typeof times !== "number" || !Number.isInteger(times) || times < 1)) {
    throw new Error("times must be a positive integer");
  }
  const delayMs = v.delayMs;
  if (delayMs !== undefined && (typeof delayMs !== "number" || delayMs < 0)) throw new Error("delayMs must be >= 0");
  return { mode: v.mode, endpoint, times, delayMs };
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const modes = new ModeTable();
  const images = new ImageStore();
  let recorded: RecordedRequest[] = [];
  let origin = "";

  const reset = () => {
    modes.reset();
    images.clear();
    recorded = [];
  };

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === "/__fake/health" && req.method === "GET") return sendJson(res, 200, { ok: true });
    if (path === "/__fake/requests" && req.method === "GET") return sendJson(res, 200, recorded);
    if (path === "/__fake/reset" && req.method === "POST") {
      reset();
      return sendJson(res, 200, { ok: true });
    }
    if (path === "/__fake/mode" && req.method === "POST") {
      try {
        modes.set(parseModeSetting(JSON.parse((await readBody(req)) || "{}")));
        return sendJson(res, 200, { ok: true, rules: modes.snapshot() });
      } catch (e) {
        return sendJson(res, 400, { ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    const image = /^\/__fake\/images\/(img\d+)\.\w+$/.exec(path);
    const stored = image?.[1] ? images.get(image[1]) : undefined;
    if (stored && req.method === "GET") return sendRaw(res, 200, stored.mime, stored.bytes);
    return sendJson(res, 404, { ok: false, error: `no control endpoint ${req.method} ${path}` });
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, fullPath: string): Promise<void> {
    const route = ROUTES[path];
    const { headers, bearer } = recordableHeaders(req);
    const entry: RecordedRequest = {
      method: req.method ?? "GET",
      path: fullPath,
      endpoint: route?.endpoint ?? null,
      headers,
      bearer,
      body: undefined,
      contractErrors: null,
      at: new Date().toISOString(),
    };
    recorded.push(entry);

    const text = await readBody(req);
    if (text) {
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
        entry.contractErrors = "the body is not JSON";
        return sendJson(
          res,
          400,
          openaiError(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
          ),
        );
      }
    }

    if (!route || route.method !== req.method) {
      return sendJson(res, 404, openaiError(`Invalid URL (${req.method} ${path})`));
    }

    if (route.schema) {
      const result = validateAgainstContract(route.schema, entry.body);
      if (!result.valid) {
        entry.contractErrors = result.errors;
        return sendJson(res, 400, openaiError(`Invalid request (does not match ${route.schema}): ${result.errors}`));
      }
    }

    const decision = modes.decide(route.endpoint);
    const delayMs = decision.delayMs ?? opts.delayMs ?? 0;
    switch (decision.mode) {
      case "hang":
        // Say nothing until the client gives up; close() ends the socket otherwise.
        decision.consume();
        return;
      case "error500":
        decision.consume();
        await pause(delayMs, res);
        return sendJson(
          res,
          500,
          openaiError("The server had an error while processing your request. Sorry about that!", {
            type: "server_error",
          }),
        );
      case "rate429":
        decision.consume();
        await pause(delayMs, res);
        return sendJson(
          res,
          429,
          openaiError("Rate limit reached for requests. Please try again in 1s.", {
            type: "requests",
            code: "rate_limit_exceeded",
          }),
          { "retry-after": "1", "x-ratelimit-remaining-requests": "0" },
        );
    }
    if (route.endpoint !== "chat") await pause(delayMs, res);
    await route.handle({
      req,
      res,
      body: entry.body,
      decision,
      delayMs,
      chunkGapMs: opts.chunkGapMs ?? 2,
      origin,
      images,
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const work = path.startsWith("/__fake/") ? control(req, res, path) : api(req, res, path, url.pathname + url.search);
    work.catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error(`fake-openai: ${message}`);
      if (!res.headersSent) sendJson(res, 500, openaiError(message, { type: "server_error" }));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    port,
    requests: () => recorded.map((r) => structuredClone(r)),
    setMode: (setting) => modes.set(parseModeSetting(setting)),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging answers and keep-alive sockets would hold close() open for ever.
        server.closeAllConnections();
      }),
  };
}
