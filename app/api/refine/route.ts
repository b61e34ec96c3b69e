import { trustedClientKey } from "@/lib/auth/trusted-client";
import { toAppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { errorBody, errorResponse, json } from "@/lib/http/responses";
import { type SseSender, sseResponse } from "@/lib/http/sse";
import { bufferedSender } from "@/lib/http/sse-buffer";
import { RefineBodySchema } from "@/lib/schemas/api";
import { type PreparedRefine, prepareRefine } from "@/lib/studio/refine";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, RefineBodySchema);
  const prepared = await prepareRefine(body, { clientKey: trustedClientKey(request.headers) });
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  if (wantsJson) {
    const signal = request.signal;
    return prepared.count >= 2
      ? json(await prepared.runCandidates({ signal }), 201)
      : json(await prepared.run({ signal }), 201);
  }

  // The refiner starts now, while the moderation service looks at the idea (issue 12); the run
  // holds its text back until that passes. A refusal (or a moderation failure) still answers with
  // its status before any stream, as it always has, and the refiner is stopped.
  const stop = new AbortController();
  request.signal.addEventListener("abort", () => stop.abort(), { once: true });
  const events = bufferedSender();
  const work = stream(prepared, events, stop.signal);
  try {
    await prepared.allowed;
  } catch (e) {
    stop.abort();
    throw e;
  }
  return sseResponse(request, async (sse, signal) => {
    signal.addEventListener("abort", () => stop.abort(), { once: true });
    events.attach(sse);
    await work;
  });
});

/** Never rejects: once streaming starts, an error travels as an event (the status line is gone). */
async function stream(prepared: PreparedRefine, sse: SseSender, signal: AbortSignal): Promise<void> {
  try {
    if (prepared.count >= 2) await streamCandidates(prepared, sse, signal);
    else await streamOne(prepared, sse, signal);
  } catch (e) {
    // Stopped: the client left, or the idea was refused (that answers with its own status).
    if (signal.aborted) return;
    const error = toAppError(e);
    errorResponse(error);
    sse.send("error", errorBody(error));
  }
}

/** Turns "the prompt so far" into appended text, or a reset when the refiner rewrote it. */
function deltaWriter(send: (data: { text: string; reset?: true }) => void) {
  let sent = "";
  return (soFar: string) => {
    if (soFar.startsWith(sent)) send({ text: soFar.slice(sent.length) });
    else send({ text: soFar, reset: true });
    sent = soFar;
  };
}

async function streamOne(prepared: PreparedRefine, sse: SseSender, signal: AbortSignal) {
  const onDelta = deltaWriter((d) => sse.send("delta", d));
  sse.send("version", await prepared.run({ signal, onDelta }));
}

async function streamCandidates(prepared: PreparedRefine, sse: SseSender, signal: AbortSignal) {
  const writers = new Map<number, (soFar: string) => void>();
  const result = await prepared.runCandidates({
    signal,
    onDelta(index, soFar) {
      let write = writers.get(index);
      if (!write) {
        write = deltaWriter((d) => sse.send("delta", { candidate: index, ...d }));
        writers.set(index, write);
      }
      write(soFar);
    },
    onSaved: (index, version) => sse.send("candidate", { index, version }),
    onFailed: (index, error) =>
      sse.send("candidate-error", { index, error: { code: error.code, message: error.message } }),
  });
  sse.send("versions", result);
}
