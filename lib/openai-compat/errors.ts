import "server-only";
import { AppError, toAppError } from "@/lib/errors";
import { scrubbedForPeople } from "@/lib/http/handle";
import { log, scrubSecrets } from "@/lib/log";
import { openAiError } from "./error-shape";

/** What an OpenAI error names besides its message: the request field at fault, and a code. */
type ParamDetails = { param: string; code?: string };

/** A 400 naming the request field at fault, as OpenAI's own 400s do. */
export function badParam(param: string, message: string, code = "invalid_value"): AppError {
  return new AppError("invalid_request", message, { details: { param, code } satisfies ParamDetails });
}

/**
 * The field an error is about: ours name it (badParam); a body that failed the house parser names
 * its path (lib/http/parse.ts); a refusal is about the prompt, which is all a client sent.
 */
function paramOf(error: AppError): { param: string | null; code?: string } {
  const d = error.details as unknown;
  if (d && typeof d === "object" && !Array.isArray(d) && typeof (d as ParamDetails).param === "string") {
    const { param, code } = d as ParamDetails;
    return { param, code };
  }
  if (Array.isArray(d) && typeof d[0]?.path === "string" && d[0].path) {
    return { param: String(d[0].path).split(".")[0] ?? null };
  }
  if (error.code === "moderation_blocked" || error.code === "refused") return { param: "prompt" };
  return { param: null };
}

/** Anything thrown, as OpenAI's error answer: logged like the house's (lib/http/responses.ts), secrets scrubbed. */
export function openAiErrorResponse(e: unknown, context?: Record<string, unknown>): Response {
  const error = toAppError(scrubbedForPeople(e));
  if (error.status >= 500) log.error(error.message, { code: error.code, error: error.cause ?? error, ...context });
  else log.debug(error.message, { code: error.code, ...context });
  const { param, code } = paramOf(error);
  const { status, body } = openAiError(error.code, error.status, scrubSecrets(error.message), { param, code });
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (error.retryAfter !== undefined) headers["Retry-After"] = String(Math.ceil(error.retryAfter));
  return Response.json(body, { status, headers });
}

/** Wraps a /v1 route handler: every thrown error answers in OpenAI's shape. */
export function handleOpenAi(fn: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await fn(request);
    } catch (e) {
      return openAiErrorResponse(e, { method: request.method, path: new URL(request.url).pathname });
    }
  };
}
