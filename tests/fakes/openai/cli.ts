/**
 * Runs the fake OpenAI server until killed, for e2e tests and benchmarks in another process.
 *   PORT=4010 DELAY_MS=0 CHUNK_GAP_MS=15 npx tsx tests/fakes/openai/cli.ts
 */
import { envNumber, runFakeCli } from "../shared/cli";
import { startFakeOpenAI } from "./server";

runFakeCli("fake-openai", 4010, (port) =>
  startFakeOpenAI({ port, delayMs: envNumber("DELAY_MS"), chunkGapMs: envNumber("CHUNK_GAP_MS") }),
);
