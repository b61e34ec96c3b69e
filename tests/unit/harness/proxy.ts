/**
 * Setup for the tests that call proxy.ts directly: the environment each test starts from (with
 * config and rate limits re-read), and requests as the proxy receives them.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeEach, expect } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { resetRateLimitsForTests } from "@/lib/limits/rate-limits";
import { ErrorBodySchema } from "@/lib/schemas/api";

/** Sets (or, for undefined, removes) environment variables, then makes config and rate limits start over. */
export function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  resetRateLimitsForTests();
}

/**
 * `env` before every test of the file, and the variables as they were found after the file;
 * `reset` runs after each of those (for state outside the environment).
 */
export function envEach(env: Record<string, string>, reset?: () => void): void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  beforeEach(() => {
    setEnv(env);
    reset?.();
  });
  afterAll(() => {
    setEnv(saved);
    reset?.();
  });
}

export type ProxyRequestInit = { method?: string; headers?: Record<string, string>; body?: string };

/** A request for `path` on this site (http://127.0.0.1:3000), as the proxy gets it. */
export function req(path: string, init: ProxyRequestInit = {}) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method: init.method ?? "GET",
    headers: init.headers,
    body: init.body,
  });
}

/** The answer is `status` with the error body the API documents, with this code. */
export async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(ErrorBodySchema.parse(await res.json()).error.code).toBe(code);
}
