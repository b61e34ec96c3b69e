import { EventSourceParserStream } from "eventsource-parser/stream";
import type { RefineBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import { ApiError, errorFromBody, isAbort, networkError, type ShownError } from "./api-error";
import { connection } from "./connection";

/** A piece of the prompt as it is written: appended, or replacing it all (`reset`); `candidate` is set with 2–4. */
export type RefineDelta = { text: string; reset?: boolean; candidate?: number };

/** What a refinement ends with: one version, or (with 2–4 candidates) those saved and those that failed. */
export type RefineOutcome =
  | { kind: "one"; version: PromptVersion }
  | { kind: "many"; items: PromptVersion[]; failed: { index: number; error: ShownError }[] };

export type RefineStreamHandlers = {
  signal: AbortSignal;
  onDelta: (delta: RefineDelta) => void;
  /** A candidate was saved (the others may still be streaming). */
  onCandidate?: (index: number, version: PromptVersion) => void;
  /** A candidate failed (the others go on). */
  onCandidateError?: (index: number, error: ShownError) => void;
};

/**
 * POST /api/refine and read its event stream. One refinement: `delta` events grow the prompt
 * and `version` ends it. Several candidates: `delta` carries a `candidate` index, `candidate`
 * and `candidate-error` report each one, and `versions` ends it. `error` ends either with an
 * ApiError. EventSource cannot POST, hence fetch + a stream reader. Abort with `signal`.
 */
export async function streamRefine(body: RefineBody, opts: RefineStreamHandlers): Promise<RefineOutcome> {
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
    connection().suspect();
    throw networkError();
  }

  const type = res.headers.get("content-type") ?? "";
  if (!res.ok || !type.includes("text/event-stream")) {
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) throw errorFromBody(json, res.status);
    // A server may answer a finished refinement as plain JSON.
    return fromJson(json);
  }
  if (!res.body) throw new ApiError("internal", "The server sent an empty answer.");

  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await readOrLost(reader, opts.signal);
      if (done) break;
      const data = parse(value.data);
      switch (value.event) {
        case "delta": {
          const d = data as Partial<RefineDelta> | undefined;
          if (d && typeof d.text === "string") {
            opts.onDelta({
              text: d.text,
              reset: d.reset === true,
              ...(typeof d.candidate === "number" ? { candidate: d.candidate } : {}),
            });
          }
          break;
        }
        case "candidate": {
          const c = data as { index?: unknown; version?: PromptVersion } | undefined;
          if (c && typeof c.index === "number" && c.version) opts.onCandidate?.(c.index, c.version);
          break;
        }
        case "candidate-error": {
          const c = data as { index?: unknown; error?: unknown } | undefined;
          if (c && typeof c.index === "number") opts.onCandidateError?.(c.index, shown(c.error));
          break;
        }
        case "version":
          return { kind: "one", version: data as PromptVersion };
        case "versions":
          return fromJson(data);
        case "error":
          throw errorFromBody(data, 500);
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  // A stream that simply ends may be a server that went away: let the monitor check.
  connection().suspect();
  throw new ApiError("internal", "The refiner stopped before a prompt was saved.");
}

/**
 * One read of the stream. A server that dies mid-stream makes the read throw a bare TypeError:
 * that is a lost connection (said once, by the monitor and as a network error), not a page bug.
 */
async function readOrLost<T>(reader: ReadableStreamDefaultReader<T>, signal: AbortSignal) {
  try {
    return await reader.read();
  } catch (e) {
    if (signal.aborted || isAbort(e)) throw e;
    connection().suspect();
    throw networkError();
  }
}

function fromJson(json: unknown): RefineOutcome {
  if (json && typeof json === "object" && "items" in json && Array.isArray((json as { items: unknown }).items)) {
    const j = json as { items: PromptVersion[]; failed?: { index: number; error: unknown }[] };
    return {
      kind: "many",
      items: j.items,
      failed: (j.failed ?? []).map((f) => ({ index: f.index, error: shown(f.error) })),
    };
  }
  return { kind: "one", version: json as PromptVersion };
}

/** A failure as sent (`{code, message}` or the whole error body) in the shape the UI shows. */
function shown(error: unknown): ShownError {
  const body = error && typeof error === "object" && "error" in error ? error : { error };
  const e = errorFromBody(body, 500);
  return { code: e.code, message: e.message };
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
