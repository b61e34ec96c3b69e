import "server-only";
import { errorResponse } from "./responses";

type Ctx<P> = { params: Promise<P> };

/** Wraps a route handler so every thrown error becomes the error shape (and is logged). */
export function handle<P = Record<string, never>>(
  fn: (request: Request, params: P) => Promise<Response>,
): (request: Request, ctx: Ctx<P>) => Promise<Response> {
  return async (request, ctx) => {
    try {
      return await fn(request, await ctx.params);
    } catch (e) {
      return errorResponse(e, { method: request.method, path: new URL(request.url).pathname });
    }
  };
}
