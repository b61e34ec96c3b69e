/**
 * A local stand-in for AUTOMATIC1111's stable-diffusion-webui API (--api): the real routes and
 * shapes, real images, A1111's seeds, progress, interrupt and basic auth, and failure modes that
 * tests (or another process, over HTTP) switch on.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { controlRoutes } from "../shared/control-routes";
import { closeServer, createFakeServer, listenLocal } from "../shared/http-server";
import { pause } from "../shared/pause";
import { readJsonBody } from "../shared/read-body";
import { RequestLog } from "../shared/request-log";
import { sendJson, sendRaw } from "../shared/send";
import { defaultOptions, FAKE_CHECKPOINTS, FAKE_SAMPLERS, findCheckpoint } from "./data";
import { a1111Error, checkBasicAuth, recordableHeaders } from "./http";
import { type A1111ModeSetting, type FakeA1111Endpoint, ModeTable, parseModeSetting } from "./modes";
import { QueueLock, WebuiState } from "./state";
import { handleTxt2img } from "./txt2img";
import { validateTxt2img } from "./validate";

export type RecordedA1111Request = {
  method: string;
  /** Path and query, e.g. "/sdapi/v1/progress?skip_current_image=true". */
  path: string;
  endpoint: FakeA1111Endpoint | null;
  /** All headers; authorization is "[redacted]". */
  headers: Record<string, string>;
  /** Basic auth: none sent, the right one, or a wrong one. */
  auth: "none" | "ok" | "bad";
  /** The Basic user name, when one came. */
  user?: string;
  /** The parsed JSON body (undefined without one; the raw text if it was not JSON). */
  body: unknown;
  /** txt2img fields the real server would silently ignore (misspellings, usually). */
  unknownFields: string[];
  at: string;
  /** The client's TCP port: with several clients on one machine, it tells whose request this was. */
  remotePort?: number;
};

/**
 * txt2img requests the fake holds at once: from arrival until the answer is sent or the client
 * goes away, whether the job runs or waits for the queue lock. The fake runs one job at a time
 * whatever comes, so this (not the lock) shows whether clients kept to a concurrency of one.
 */
export type Txt2imgActivity = { inFlight: number; maxInFlight: number };

export type FakeA1111Options = {
  /** 0 or omitted: any free port. */
  port?: number;
  /** Time per sampling step (and for the setup before them); 40 ms by default. */
  stepMs?: number;
  /** "user:password": require it as --api-auth does (401 without). */
  auth?: string;
  /** Images appended after the batch, as scripts like ControlNet do. */
  extraImages?: number;
};

export type FakeA1111 = {
  /** The server root, as A1111_URL takes it: http://127.0.0.1:<port>. */
  url: string;
  port: number;
  requests(): RecordedA1111Request[];
  setMode(setting: A1111ModeSetting): void;
  /** txt2img requests in flight now and the most at once since the start or the last reset. */
  txt2imgActivity(): Txt2imgActivity;
  /** Modes, recorded requests and options back to the start (a running job goes on; the most at once restarts from those in flight). */
  reset(): void;
  close(): Promise<void>;
};

type Route = { endpoint: FakeA1111Endpoint; method: "GET" | "POST" };

const ROUTES: Record<string, Route[]> = {
  "/sdapi/v1/txt2img": [{ endpoint: "txt2img", method: "POST" }],
  "/sdapi/v1/progress": [{ endpoint: "progress", method: "GET" }],
  "/sdapi/v1/interrupt": [{ endpoint: "interrupt", method: "POST" }],
  "/sdapi/v1/sd-models": [{ endpoint: "sd-models", method: "GET" }],
  "/sdapi/v1/samplers": [{ endpoint: "samplers", method: "GET" }],
  "/sdapi/v1/options": [
    { endpoint: "options", method: "GET" },
    { endpoint: "options", method: "POST" },
  ],
};

const BODY_LIMIT = 10_000_000;

const PROXY_503_PAGE = "<html><head><title>503 Service Temporarily Unavailable</title></head><body>503</body></html>";

export async function startFakeA1111(opts: FakeA1111Options = {}): Promise<FakeA1111> {
  const modes = new ModeTable();
  const state = new WebuiState();
  const lock = new QueueLock();
  const stepMs = opts.stepMs ?? 40;
  let options = defaultOptions();
  const recorded = new RequestLog<RecordedA1111Request>();
  let closed = false;
  const activity: Txt2imgActivity = { inFlight: 0, maxInFlight: 0 };

  const reset = () => {
    modes.reset();
    options = defaultOptions();
    recorded.clear();
    activity.maxInFlight = activity.inFlight;
  };

  /** Counts a txt2img request until its answer is sent or its connection closes. */
  function trackTxt2img(res: ServerResponse): void {
    activity.inFlight += 1;
    activity.maxInFlight = Math.max(activity.maxInFlight, activity.inFlight);
    res.once("close", () => {
      activity.inFlight -= 1;
    });
  }

  const control = controlRoutes({
    requests: () => recorded.all(),
    reset,
    setMode: (body) => {
      modes.set(parseModeSetting(body));
      return { rules: modes.snapshot() };
    },
    more: (req, res, path) => {
      if (path !== "/__fake/txt2img-activity" || req.method !== "GET") return false;
      sendJson(res, 200, { ...activity });
      return true;
    },
    bodyLimit: BODY_LIMIT,
  });

  async function api(req: IncomingMessage, res: ServerResponse, path: string, fullPath: string): Promise<void> {
    const route = ROUTES[path]?.find((r) => r.method === req.method);
    if (route?.endpoint === "txt2img") trackTxt2img(res);
    const auth = checkBasicAuth(req, opts.auth);
    const entry = recorded.add({
      method: req.method ?? "GET",
      path: fullPath,
      endpoint: route?.endpoint ?? null,
      headers: recordableHeaders(req),
      auth: auth.state,
      ...(auth.user !== undefined ? { user: auth.user } : {}),
      body: undefined,
      unknownFields: [],
      at: new Date().toISOString(),
      ...(req.socket.remotePort !== undefined ? { remotePort: req.socket.remotePort } : {}),
    });
    const { body, error: bodyError } = await readJsonBody(req, BODY_LIMIT);
    entry.body = body;

    if (!route) {
      const known = Object.hasOwn(ROUTES, path);
      return sendJson(res, known ? 405 : 404, { detail: known ? "Method Not Allowed" : "Not Found" });
    }

    const { mode, delayMs } = modes.take(route.endpoint);
    await pause(delayMs, res);
    switch (mode) {
      case "hang":
        return; // close() ends the socket; the client must give up first
      case "apiOff":
        return sendJson(res, 404, { detail: "Not Found" });
      case "unavailable503":
        return sendRaw(res, 503, "text/html", PROXY_503_PAGE, { "retry-after": "3" });
      case "rate429":
        return sendJson(res, 429, { detail: "Too Many Requests" }, { "retry-after": "2" });
    }

    // --api-auth: FastAPI's HTTPBasic dependency runs before the body is validated.
    if (opts.auth !== undefined && auth.state !== "ok") {
      const detail = auth.state === "none" ? "Not authenticated" : "Incorrect username or password";
      return sendJson(res, 401, a1111Error("HTTPException", detail, `401: ${detail}`));
    }

    if (mode === "error500" && route.endpoint !== "txt2img") {
      return sendJson(res, 500, a1111Error("RuntimeError", "", "the fake was told to fail"));
    }

    switch (route.endpoint) {
      case "progress": {
        // FastAPI reads the query's bool leniently: true/1/yes/on.
        const skip = /^(true|1|yes|on)$/i.test(
          new URL(fullPath, "http://fake").searchParams.get("skip_current_image") ?? "",
        );
        return sendJson(res, 200, await state.progress(skip, options));
      }
      case "interrupt":
        state.interrupt();
        return sendJson(res, 200, {});
      case "sd-models":
        return sendJson(res, 200, FAKE_CHECKPOINTS);
      case "samplers":
        return sendJson(res, 200, FAKE_SAMPLERS);
      case "options":
        if (req.method === "GET") return sendJson(res, 200, options);
        return setOptions(res, entry.body);
      case "txt2img": {
        if (bodyError !== undefined) {
          return sendJson(res, 422, {
            detail: [{ loc: ["body", 0], msg: `Expecting value: ${bodyError}`, type: "value_error.jsondecode" }],
          });
        }
        const checked = validateTxt2img(entry.body);
        if (!checked.ok) return sendJson(res, 422, { detail: checked.detail });
        entry.unknownFields = checked.value.unknownFields;
        return handleTxt2img({
          res,
          values: checked.value.values,
          mode,
          state,
          lock,
          options,
          stepMs,
          extraImages: opts.extraImages ?? 0,
          isClosed: () => closed,
        });
      }
    }
  }

  /** POST /sdapi/v1/options: set_config; an unknown checkpoint is a RuntimeError (500). */
  function setOptions(res: ServerResponse, body: unknown): void {
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      sendJson(res, 422, {
        detail: [{ loc: ["body"], msg: "value is not a valid dict", type: "type_error.dict" }],
      });
      return;
    }
    const changes = body as Record<string, unknown>;
    const checkpoint = changes.sd_model_checkpoint;
    if (checkpoint !== undefined && !findCheckpoint(String(checkpoint))) {
      sendJson(res, 500, a1111Error("RuntimeError", "", `model '${String(checkpoint)}' not found`));
      return;
    }
    options = { ...options, ...changes };
    sendJson(res, 200, null);
  }

  const server = createFakeServer(
    "fake-a1111",
    (req, res, url) => {
      const path = url.pathname.replace(/\/+$/, "") || "/";
      return path.startsWith("/__fake/") ? control(req, res, path) : api(req, res, path, url.pathname + url.search);
    },
    (res, message) => sendJson(res, 500, a1111Error("Exception", "", message)),
  );

  const port = await listenLocal(server, opts.port);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => recorded.copies(),
    setMode: (setting) => modes.set(parseModeSetting(setting)),
    txt2imgActivity: () => ({ ...activity }),
    reset,
    close: () => {
      closed = true;
      return closeServer(server);
    },
  };
}
