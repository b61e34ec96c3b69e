import type { IncomingMessage, ServerResponse } from "node:http";
import { type ContractSchemaName, validateAgainstContract } from "./contract";
import type { ImageStore } from "./image-store";
import type { ModeDecision } from "./modes";

/** Everything an endpoint handler needs; the body has already passed the contract. */
export type HandlerContext = {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  decision: ModeDecision;
  /** Before the first byte of the answer. */
  delayMs: number;
  /** Between stream chunks, so streaming is observable. */
  chunkGapMs: number;
  /** http://127.0.0.1:<port>, for URLs the fake hands out. */
  origin: string;
  images: ImageStore;
};

/**
 * The fake checks its own answers too: a fake that drifts from the contract would let the
 * adapters drift with it.
 */
export function assertConforms(schema: ContractSchemaName, value: unknown): void {
  const result = validateAgainstContract(schema, value);
  if (!result.valid) throw new Error(`fake-openai produced a ${schema} that breaks the contract: ${result.errors}`);
}
