import "server-only";

export type SseSender = {
  send(event: string, data: unknown): void;
  close(): void;
  readonly closed: boolean;
};

const HEARTBEAT_MS = 15_000;

/**
 * A text/event-stream response and a sender for it. `run` gets the sender and a signal
 * that aborts when the client goes away, so the work behind the stream can stop.
 */
export function sseResponse(request: Request, run: (sse: SseSender, signal: AbortSignal) => Promise<void>): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const sender: SseSender = {
        send(event, data) {
          if (closed) return;
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        },
        close() {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          controller.close();
        },
        get closed() {
          return closed;
        },
      };
      // Comments keep proxies from closing an idle stream.
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
      }, HEARTBEAT_MS);
      request.signal.addEventListener("abort", () => abort.abort(), { once: true });
      void run(sender, abort.signal).finally(() => sender.close());
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      abort.abort();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
