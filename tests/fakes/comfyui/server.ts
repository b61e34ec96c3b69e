/**
 * A local stand-in for ComfyUI's HTTP API and /ws websocket on one port, with real PNGs,
 * a one-worker FIFO queue, and failure modes that tests (or another process) switch on.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { controlRoutes } from "../shared/control-routes";
import { cutAnswer } from "../shared/cut";
import { closeServer, createFakeServer, listenLocal } from "../shared/http-server";
import { readJsonBody } from "../shared/read-body";
import { RequestLog } from "../shared/request-log";
import { sendRaw } from "../shared/send";
import { handleApi } from "./api-routes";
import { sendJson, sendServerError, sendText } from "./http";
import { type ModeSetting, ModeTable, parseModeSetting } from "./modes";
import { DEFAULT_CHECKPOINTS, type ModelFiles, nodeDefs } from "./node-defs";
import { PromptQueue } from "./prompt-queue";
import { SocketHub } from "./socket-hub";

export type RecordedRequest = {
  method: string;
  /** Without the optional /api prefix, e.g. "/history/abc". */
  path: string;
  /** The query string's pairs, e.g. { clientId } for /ws or { filename, subfolder, type } for /view. */
  query: Record<string, string>;
  /** Parsed JSON (the raw text if it was not JSON; undefined when there was none). */
  body: unknown;
  /** True for the /ws upgrade. */
  websocket: boolean;
  /** As received (a local test server: an Authorization header is kept, so tests can check it). */
  headers: Record<string, string>;
  at: string;
};

export type FakeComfyUIOptions = {
  /** 0 or omitted: any free port. */
  port?: number;
  /** Time per sampling step (default 20 ms), so progress and cancel are observable. */
  stepMs?: number;
  /** What models/checkpoints holds (default: an SD 1.5 and an SDXL file name). */
  checkpoints?: string[];
  /** What models/diffusion_models, text_encoders and vae hold (default: FLUX.1 dev and schnell, clip_l, t5xxl, ae). */
  modelFiles?: ModelFiles;
};

export type FakeComfyUI = {
  /** http://127.0.0.1:<port>, what COMFYUI_URL takes. */
  url: string;
  port: number;
  requests(): RecordedRequest[];
  setMode(setting: ModeSetting): void;
  /** Modes, recorded requests, queue, history and images. */
  reset(): void;
  /** Client ids with an open /ws, for tests that check the socket closed. */
  connectedClients(): string[];
  close(): Promise<void>;
};

const BODY_LIMIT = 20_000_000;

function stripApi(pathname: string): string {
  const path = pathname.replace(/\/+$/, "") || "/";
  return path === "/api" ? "/" : path.startsWith("/api/") ? path.slice(4) : path;
}

export async function startFakeComfyUI(opts: FakeComfyUIOptions = {}): Promise<FakeComfyUI> {
  const defs = nodeDefs(opts.checkpoints ?? DEFAULT_CHECKPOINTS, opts.modelFiles);
  const hub = new SocketHub();
  const modes = new ModeTable();
  const queue = new PromptQueue(hub, defs, opts.stepMs ?? 20);
  let number = 0;
  const recorded = new RequestLog<RecordedRequest>();
  const ctx = { queue, modes, defs, nextNumber: () => number++ };

  const record = (req: IncomingMessage, url: URL, websocket: boolean): RecordedRequest =>
    recorded.add({
      method: req.method ?? "GET",
      path: stripApi(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      websocket,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
      ),
      at: new Date().toISOString(),
    });

  const reset = () => {
    modes.reset();
    queue.reset();
    recorded.clear();
    number = 0;
  };

  const control = controlRoutes({
    requests: () => recorded.all(),
    reset,
    setMode: (body) => {
      modes.set(parseModeSetting(body));
      return { mode: modes.snapshot() };
    },
    bodyLimit: BODY_LIMIT,
    sendJson,
  });

  /** True when the request-level mode in force answered it. */
  function fault(res: ServerResponse, url: URL, method: string, path: string): boolean {
    const historyId = method === "GET" && path.startsWith("/history/") ? path.slice("/history/".length) : undefined;
    const history = historyId === undefined ? undefined : queue.historyOf(decodeURIComponent(historyId));
    const mode = modes.requestFault({
      method,
      path,
      finishedHistory: history !== undefined && Object.keys(history).length > 0,
    });
    switch (mode) {
      case undefined:
        return false;
      case "unavailable500":
        sendServerError(res);
        return true;
      case "rate429":
        sendRaw(res, 429, "text/plain; charset=utf-8", "429: Too Many Requests", { "retry-after": "1" });
        return true;
      case "badHistory": {
        const text = JSON.stringify(history);
        sendRaw(res, 200, "application/json; charset=utf-8", text.slice(0, Math.floor(text.length / 2)));
        return true;
      }
      case "resetView":
      case "truncatedView": {
        const q = url.searchParams;
        const image = queue.image(q.get("type") ?? "output", q.get("subfolder") ?? "", q.get("filename") ?? "");
        if (!image) return false;
        cutAnswer(res, mode === "resetView" ? "reset" : "truncated", 200, "image/png", image.bytes);
        return true;
      }
    }
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const entry = record(req, url, false);
    entry.body = (await readJsonBody(req, BODY_LIMIT)).body;
    if (fault(res, url, entry.method, entry.path)) return;
    const handled = handleApi(ctx, {
      method: entry.method,
      path: entry.path,
      query: url.searchParams,
      body: typeof entry.body === "string" ? undefined : entry.body,
      res,
    });
    if (!handled) sendText(res, 404, "404: Not Found");
  }

  const server = createFakeServer(
    "fake-comfyui",
    (req, res, url) => (url.pathname.startsWith("/__fake/") ? control(req, res, url.pathname) : api(req, res, url)),
    sendServerError,
  );

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://fake");
    record(req, url, true);
    if (stripApi(url.pathname) !== "/ws") {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    if (modes.failRequest()) {
      socket.end("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const sid = url.searchParams.get("clientId") || randomUUID().replace(/-/g, "");
      hub.add(sid, ws);
      hub.send(sid, "status", { status: queue.statusData(), sid });
      const running = queue.running;
      if (running?.clientId === sid && running.currentNode) {
        hub.send(sid, "executing", { node: running.currentNode });
      }
      let first = true;
      ws.on("message", (data, isBinary) => {
        // Only a first `feature_flags` message means anything to ComfyUI; it answers with its own.
        if (first && !isBinary) {
          try {
            const msg = JSON.parse(data.toString()) as { type?: unknown };
            if (msg.type === "feature_flags") {
              hub.send(sid, "feature_flags", { supports_preview_metadata: true, max_upload_size: 104857600 });
            }
          } catch {
            // ignored, as ComfyUI ignores it
          }
        }
        first = false;
      });
    });
  });

  const port = await listenLocal(server, opts.port);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => recorded.copies(),
    setMode: (setting) => modes.set(parseModeSetting(setting)),
    reset,
    connectedClients: () => hub.connected(),
    close: async () => {
      hub.closeAll();
      await queue.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await closeServer(server);
    },
  };
}
