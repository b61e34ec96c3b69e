import "server-only";
import { log } from "@/lib/log";
import { a1111Request } from "./http";
import type { A1111Server } from "./server";

const INTERRUPT_TIMEOUT_MS = 3_000;

/**
 * POST /sdapi/v1/interrupt: A1111 stops the running job at its next sampling step. Dropping the
 * txt2img connection alone would not: the job would run to its end with nobody waiting. Best
 * effort; a failure is logged, never thrown, as the person asked to stop either way.
 */
export async function sendInterrupt(server: A1111Server): Promise<void> {
  try {
    const res = await a1111Request(server, {
      method: "POST",
      path: "/sdapi/v1/interrupt",
      signal: AbortSignal.timeout(INTERRUPT_TIMEOUT_MS),
    });
    if (res.status >= 400) log.warn("a1111: interrupt refused", { status: res.status, server: server.label });
  } catch (error) {
    log.warn("a1111: interrupt failed", { server: server.label, error });
  }
}
