import { toAppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { errorBody, errorResponse, json } from "@/lib/http/responses";
import { sseResponse } from "@/lib/http/sse";
import { RefineBodySchema } from "@/lib/schemas/api";
import { prepareRefine } from "@/lib/studio/refine";

export const dynamic = "force-dynamic";

export const POST = handle(async (request) => {
  const body = await parseJsonBody(request, RefineBodySchema);
  const run = await prepareRefine(body);
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  if (wantsJson) return json(await run({ signal: request.signal }), 201);

  return sseResponse(request, async (sse, signal) => {
    let sent = "";
    try {
      const version = await run({
        signal,
        onDelta(soFar) {
          if (soFar.startsWith(sent)) sse.send("delta", { text: soFar.slice(sent.length) });
          else sse.send("delta", { text: soFar, reset: true });
          sent = soFar;
        },
      });
      sse.send("version", version);
    } catch (e) {
      // The status line is gone once streaming starts, so the error travels as an event.
      const error = toAppError(e);
      errorResponse(error);
      sse.send("error", errorBody(error));
    }
  });
});
