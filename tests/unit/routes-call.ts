import { expect } from "vitest";
import { ErrorBodySchema } from "@/lib/schemas";

/* Calling route handlers directly, as Next would: shared by the route tests of #4. */

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteModules = Record<string, Record<string, Handler>>;

export type CallInit = {
  method?: string;
  path?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export function call(handler: Handler, init: CallInit = {}, params: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost${init.path ?? "/"}`, {
    method: init.method ?? "GET",
    headers,
    body,
    signal: init.signal,
  });
  return handler(request, { params: Promise.resolve(params) });
}

export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  return body;
}

export type SseEvent = { event: string; data: unknown };

export function parseSse(text: string): SseEvent[] {
  return [...text.matchAll(/event: ([\w-]+)\ndata: (.*)\n\n/g)].map((m) => ({
    event: m[1] ?? "",
    data: JSON.parse(m[2] ?? "null"),
  }));
}

/** One method of one imported route module. */
export function pick(routes: RouteModules, route: string, method: string): Handler {
  const fn = routes[route]?.[method];
  if (!fn) throw new Error(`no ${method} on ${route}`);
  return fn;
}
