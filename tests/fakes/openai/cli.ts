/**
 * Runs the fake OpenAI server until killed, for e2e tests and benchmarks in another process.
 *   PORT=4010 DELAY_MS=0 CHUNK_GAP_MS=15 npx tsx tests/fakes/openai/cli.ts
 */
import { startFakeOpenAI } from "./server";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  const delayMs = process.env.DELAY_MS ? Number(process.env.DELAY_MS) : undefined;
  const chunkGapMs = process.env.CHUNK_GAP_MS ? Number(process.env.CHUNK_GAP_MS) : undefined;
  const fake = await startFakeOpenAI({ port, delayMs, chunkGapMs });
  console.log(`fake-openai listening on ${fake.url}`);
  const stop = () => {
    void fake.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
