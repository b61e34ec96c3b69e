/**
 * The jsdom studio harness: Next's router and <Link> stood in (./next-mocks), then <Studio>
 * loaded behind them, and the answers a fake `fetch` gives.
 */
import "./next-mocks";

export { routerPush } from "./next-mocks";

export const { Studio } = await import("@/components/studio/studio");

/** A JSON answer as the route handlers give it. */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A finished text/event-stream answer carrying `events` (already in SSE framing). */
export function sseResponse(events: string): Response {
  const bytes = new TextEncoder().encode(events);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

/** One SSE event in wire framing. */
export const sseEvent = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
