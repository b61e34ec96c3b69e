import type { ErrorBody, ErrorCode } from "@/lib/schemas/api";

/** An error answer in the house shape, for proxy.ts, which runs before any route's own handling. */
export function rejectJson(
  status: number,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
): Response {
  const body: ErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
