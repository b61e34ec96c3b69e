import "server-only";
import { abortError } from "@/lib/errors";
import WebSocket from "ws";
import { type ComfyEndpoint, socketUrl } from "./endpoint";
import { unreachable } from "./http";

/** A JSON frame from /ws: `{ type, data }`. */
export type ComfyMessage = { type: string; data: Record<string, unknown> };

export type NextMessage = ComfyMessage | "closed" | "quiet";

const REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

function toMessage(text: string): ComfyMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { type, data } = value as { type?: unknown; data?: unknown };
    if (typeof type !== "string") return null;
    const record = typeof data === "object" && data !== null && !Array.isArray(data) ? data : {};
    return { type, data: record as Record<string, unknown> };
  } catch {
    return null;
  }
}

function toBuffer(raw: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}

/**
 * ComfyUI's event stream for one client id, as a buffered queue: messages that arrive before
 * anyone asks (even before POST /prompt has answered with the prompt id) wait their turn.
 * Binary frames (live previews: a 4-byte event type, then the image) go to `onBinary` when
 * someone listens, and are dropped otherwise: they are not part of the queue.
 */
export class ComfySocket {
  private readonly buffer: ComfyMessage[] = [];
  onBinary: ((data: Buffer) => void) | undefined;
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(private readonly ws: WebSocket) {
    ws.on("message", (raw, isBinary) => {
      if (isBinary) {
        this.onBinary?.(toBuffer(raw));
        return;
      }
      const message = toMessage(raw.toString());
      if (!message) return;
      this.buffer.push(message);
      this.wake?.();
    });
    ws.on("close", () => {
      this.ended = true;
      this.wake?.();
    });
    // A failing socket also closes; this only keeps the error from being unhandled.
    ws.on("error", () => undefined);
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** The next message; "closed" once the socket is gone and drained; "quiet" after quietMs of silence. */
  async next(quietMs: number): Promise<NextMessage> {
    for (;;) {
      const message = this.buffer.shift();
      if (message) return message;
      if (this.ended) return "closed";
      const woke = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), quietMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
      this.wake = undefined;
      if (!woke) return "quiet";
    }
  }

  close(): void {
    this.ended = true;
    this.wake?.();
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else this.ws.close();
  }
}

/**
 * Opens /ws?clientId=… before the prompt is queued, so no event of ours can be missed.
 * A refused connection means ComfyUI is down (backend_unavailable); any other failure (a
 * proxy that does not pass websockets) gives null, and the caller polls /history instead.
 */
export function openSocket(
  endpoint: ComfyEndpoint,
  clientId: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<ComfySocket | null> {
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl(endpoint, clientId), {
      headers: endpoint.headers,
      handshakeTimeout: timeoutMs,
    });
    // Listening from the start, so the greeting `status` frame is kept too.
    const socket = new ComfySocket(ws);
    const settle = (result: ComfySocket | null | Error) => {
      ws.off("open", onOpen);
      ws.off("error", onError);
      ws.off("unexpected-response", onUnexpected);
      signal.removeEventListener("abort", onAbort);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onOpen = () => settle(socket);
    const onError = (e: Error & { code?: string }) => {
      socket.close();
      settle(e.code && REFUSED.has(e.code) ? unreachable(endpoint, e) : null);
    };
    const onUnexpected = () => {
      socket.close();
      settle(null);
    };
    const onAbort = () => {
      socket.close();
      settle(abortError());
    };
    ws.once("open", onOpen);
    ws.once("error", onError);
    ws.once("unexpected-response", onUnexpected);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
