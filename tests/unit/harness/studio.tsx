/**
 * The jsdom studio harness: Next's router and <Link> stood in (./next-mocks), then <Studio>
 * loaded behind them, and the answers a fake `fetch` gives.
 */
import "./next-mocks";

export { routerPush } from "./next-mocks";

export const { Studio } = await import("@/components/studio/studio");

// The Studio loads these on demand (issue 12: next/dynamic and import()): have them ready, as a
// browser that already fetched their chunks would (the Studio preloads them as they come near).
await Promise.all([
  import("@/lib/client/refine-stream"),
  import("@/components/anatomy/part-chips"),
  import("@/components/studio/editing/checklist-panel"),
  import("@/components/library/star-button"),
  import("@/components/studio/candidates/candidate-cards"),
  import("@/components/studio/generations/generation-card"),
  import("@/components/history/history-tree"),
  import("@/lib/prompt-formats/copy-formats"),
]);

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
