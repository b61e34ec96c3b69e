/** The ComfyUI endpoints the fake serves, with the real paths, status codes and shapes. */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendBytes, sendJson, sendServerError, sendText } from "./http";
import type { ModeTable } from "./modes";
import type { NodeDef } from "./node-defs";
import type { PromptQueue } from "./prompt-queue";
import type { Job, QueueItem } from "./types";
import { validatePrompt } from "./validate-prompt";

export type ApiContext = {
  queue: PromptQueue;
  modes: ModeTable;
  defs: Record<string, NodeDef>;
  nextNumber: () => number;
};

export type ApiRequest = { method: string; path: string; query: URLSearchParams; body: unknown; res: ServerResponse };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function postPrompt(ctx: ApiContext, body: unknown, res: ServerResponse) {
  if (!isRecord(body)) return sendServerError(res); // aiohttp: request.json() raised
  let number: number;
  if (typeof body.number === "number") number = body.number;
  else {
    number = ctx.nextNumber();
    if (body.front === true) number = -number;
  }
  if (!("prompt" in body)) {
    const error = { type: "no_prompt", message: "No prompt provided", details: "No prompt provided", extra_info: {} };
    return sendJson(res, 400, { error, node_errors: {} });
  }
  const promptId = typeof body.prompt_id === "string" ? body.prompt_id : randomUUID();
  const valid = validatePrompt(body.prompt, ctx.defs);
  if (!valid.ok) return sendJson(res, 400, { error: valid.error, node_errors: valid.nodeErrors });

  const extra: Record<string, unknown> = isRecord(body.extra_data) ? { ...body.extra_data } : {};
  const clientId = typeof body.client_id === "string" ? body.client_id : undefined;
  if (clientId) extra.client_id = clientId;
  extra.create_time = Date.now();
  const item: QueueItem = [number, promptId, valid.graph, extra, valid.outputs];
  const job: Job = {
    item,
    promptId,
    graph: valid.graph,
    clientId,
    mode: ctx.modes.forPrompt(),
    interrupted: false,
    discarded: false,
    currentNode: null,
  };
  ctx.queue.put(job);
  sendJson(res, 200, { prompt_id: promptId, number, node_errors: valid.nodeErrors });
}

function view(ctx: ApiContext, query: URLSearchParams, res: ServerResponse) {
  const filename = query.get("filename");
  if (!filename) return sendText(res, 404, "404: Not Found");
  if (filename.startsWith("/") || filename.includes("..")) return sendText(res, 400, "400: Bad Request");
  const type = query.get("type") ?? "output";
  const subfolder = query.get("subfolder") ?? "";
  if (subfolder.includes("..")) return sendText(res, 403, "403: Forbidden");
  const image = ctx.queue.image(type, subfolder, filename);
  if (!image) return sendText(res, 404, "404: Not Found");
  const bytes = image.junk ? Buffer.from("<html><body>not an image</body></html>") : image.bytes;
  sendBytes(res, "image/png", bytes, filename);
}

function systemStats() {
  const gib = 1024 ** 3;
  return {
    system: {
      os: "posix",
      ram_total: 64 * gib,
      ram_free: 48 * gib,
      comfyui_version: "0.3.60",
      required_frontend_version: "1.27.10",
      python_version: "3.12.3 (main, fake) [GCC 13.2.0]",
      pytorch_version: "2.8.0+cu128",
      embedded_python: false,
      argv: ["main.py", "--listen", "127.0.0.1"],
    },
    devices: [
      {
        name: "cuda:0 Fake GPU 24GB : cudaMallocAsync",
        type: "cuda",
        index: 0,
        vram_total: 24 * gib,
        vram_free: 20 * gib,
        torch_vram_total: 2 * gib,
        torch_vram_free: gib,
      },
    ],
  };
}

/** Answers one API request; false when no route matched (the caller sends 404). */
export function handleApi(ctx: ApiContext, r: ApiRequest): boolean {
  const { method, path, query, body, res } = r;
  const key = `${method} ${path}`;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  switch (key) {
    case "GET /prompt":
      sendJson(res, 200, ctx.queue.statusData());
      return true;
    case "POST /prompt":
      postPrompt(ctx, body, res);
      return true;
    case "GET /queue":
      sendJson(res, 200, ctx.queue.queueInfo());
      return true;
    case "POST /queue":
      if (!isRecord(body)) {
        sendServerError(res);
        return true;
      }
      if (body.clear === true) ctx.queue.clearPending();
      if ("delete" in body) ctx.queue.delete(list(body.delete));
      sendText(res, 200, "");
      return true;
    case "POST /interrupt": {
      const promptId = isRecord(body) && typeof body.prompt_id === "string" ? body.prompt_id : undefined;
      ctx.queue.interrupt(promptId);
      sendText(res, 200, "");
      return true;
    }
    case "GET /history": {
      const max = query.get("max_items");
      sendJson(res, 200, ctx.queue.allHistory(max === null ? undefined : Number(max)));
      return true;
    }
    case "POST /history":
      if (!isRecord(body)) {
        sendServerError(res);
        return true;
      }
      if (body.clear === true) ctx.queue.clearHistory();
      if ("delete" in body) ctx.queue.deleteHistory(list(body.delete));
      sendText(res, 200, "");
      return true;
    case "GET /view":
      view(ctx, query, res);
      return true;
    case "GET /object_info":
      sendJson(res, 200, ctx.defs);
      return true;
    case "GET /system_stats":
      sendJson(res, 200, systemStats());
      return true;
  }
  if (method === "GET" && path.startsWith("/history/")) {
    sendJson(res, 200, ctx.queue.historyOf(decodeURIComponent(path.slice("/history/".length))));
    return true;
  }
  if (method === "GET" && path.startsWith("/object_info/")) {
    const name = decodeURIComponent(path.slice("/object_info/".length));
    const def = Object.hasOwn(ctx.defs, name) ? ctx.defs[name] : undefined;
    sendJson(res, 200, def ? { [name]: def } : {});
    return true;
  }
  return false;
}
