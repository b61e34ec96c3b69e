import { EventSourceParserStream } from "eventsource-parser/stream";
import type { RefineBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import { ApiError, errorFromBody } from "./api-error";

export type RefineDelta = { text: string; reset?: boolean };

/**
 * POST /api/refine and read its event stream: `delta` events grow the prompt, `version`
 * ends it with the saved PromptVersion, `error` ends it with an ApiError.
 * EventSource cannot POST, hence fetch + a stream reader. Abort with `signal`.
 */
export async function streamRefine(
  body: RefineBody,
  opts: { signal: AbortSignal; onDelta: (delta: RefineDelta) => void },
): Promise<PromptVersion> {
  let res: Response;
  try {
    res = await fetch("/api/refine", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal.aborted) throw e;
    throw new ApiError("network", "The server could not be reached.");
  }

  const type = res.headers.get("content-type") ?? "";
  if (!res.ok || !type.includes("text/event-stream")) {
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw errorFromBody(json, res.status);
    // A server may answer a finished refinement as plain JSON.
    return json as PromptVersion;
  }
  if (!res.body) throw new ApiError("internal", "The server sent an empty answer.");

  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const data = parse(value.data);
      if (value.event === "delta") {
        const d = data as Partial<RefineDelta> | undefined;
        if (d && typeof d.text === "string") opts.onDelta({ text: d.text, reset: d.reset === true });
      } else if (value.event === "version") {
        return data as PromptVersion;
      } else if (value.event === "error") {
        throw errorFromBody(data, 500);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  throw new ApiError("internal", "The refiner stopped before a prompt was saved.");
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
