/**
 * A local stand-in for the OpenAI REST API under /v1, checked against the official contract
 * in both directions, with failure modes that tests (or another process, over HTTP) switch on.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { controlRoutes } from "../shared/control-routes";
import { closeServer, createFakeServer, listenLocal } from "../shared/http-server";
import { parseDelayMs, parseEndpoint, parseTimes } from "../shared/mode-setting";
import { pause } from "../shared/pause";
import { readJsonBody } from "../shared/read-body";
import { RequestLog } from "../shared/request-log";
import { sendJson, sendRaw } from "../shared/send";
import { handleChat } from "./chat";
import type { HandlerContext } from "./context";
import { type ContractSchemaName, validateAgainstContract } from "./contract";
import { openaiError, recordableHeaders } from "./http";
import { ImageStore } from "./image-store";
import { handleImages } from "./images";
import { resetJudge } from "./judge";
import { handleModels } from "./models";
import { handleModerations } from "./moderations";
import { FAKE_ENDPOINTS, type FakeEndpoint, isFakeMode, type ModeSetting, ModeTable } from "./modes";

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

const BODY_LIMIT = 10_000_000;

export function parseModeSetting(value: unknown): ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  if (!isFakeMode(v.mode)) throw new Error(`unknown mode ${JSON.stringify(v.mode)}`);
  return {
    mode: v.mode,
    endpoint: parseEndpoint(v.endpoint, FAKE_ENDPOINTS),
    times: parseTimes(v.times),
    delayMs: parseDelayMs(v.delayMs),
  };
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const modes = new ModeTable();
  const images = new ImageStore();
  const recorded = new RequestLog<RecordedRequest>();
  let origin = "";

  const reset = () => {
    modes.reset();
    resetJudge();
    images.clear();
    recorded.clear();
  };

  const control = controlRoutes({
    requests: () => recorded.all(),
    reset,
    setMode: (body) => {
      modes.set(parseModeSetting(body));
      return { rules: modes.snapshot() };
    },
    // GET /__fake/images/<id>.<ext>: the images a dall-e model hands out as URLs.
    more: (req, res, path) => {
      const image = /^\/__fake\/images\/(img\d+)\.\w+$/.exec(path);
      const stored = image?.[1] ? images.get(image[1]) : undefined;
      if (!stored || req.method !== "GET") return false;
      sendRaw(res, 200, stored.mime, stored.bytes);
      return true;
    },
    bodyLimit: BODY_LIMIT,
  });

  async function api(req: IncomingMessage, res: ServerResponse, path: string, fullPath: string): Promise<void> {
    const route = ROUTES[path];
    const { headers, bearer } = recordableHeaders(req);
    const entry = recorded.add({
      method: req.method ?? "GET",
      path: fullPath,
      endpoint: route?.endpoint ?? null,
      headers,
      bearer,
      body: undefined,
      contractErrors: null,
      at: new Date().toISOString(),
    });

    const read = await readJsonBody(req, BODY_LIMIT);
    entry.body = read.body;
    if (read.error !== undefined) {
      entry.contractErrors = "the body is not JSON";
      return sendJson(
        res,
        400,
        openaiError(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        ),
      );
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
    // A stream spends its delay as it goes (chat: before the first chunk; images: partial images
    // come during it, as a model draws them); any other answer waits it out first.
    const streamed = (entry.body as { stream?: unknown } | null)?.stream === true;
    if (route.endpoint !== "chat" && !(route.endpoint === "images" && streamed)) await pause(delayMs, res);
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

  const server = createFakeServer(
    "fake-openai",
    (req, res, url) => {
      const path = url.pathname.replace(/\/+$/, "") || "/";
      return path.startsWith("/__fake/") ? control(req, res, path) : api(req, res, path, url.pathname + url.search);
    },
    (res, message) => sendJson(res, 500, openaiError(message, { type: "server_error" })),
  );

  const port = await listenLocal(server, opts.port);
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    port,
    requests: () => recorded.copies(),
    setMode: (setting) => modes.set(parseModeSetting(setting)),
    reset,
    close: () => closeServer(server),
  };
}
