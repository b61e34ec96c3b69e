/**
 * Runs the fake A1111 server until killed, for e2e tests in another process.
 *   PORT=7861 STEP_MS=40 FAKE_A1111_AUTH=user:pass npx tsx tests/fakes/a1111/cli.ts
 */
import { startFakeA1111 } from "./server";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 7861);
  const stepMs = process.env.STEP_MS ? Number(process.env.STEP_MS) : undefined;
  const auth = process.env.FAKE_A1111_AUTH || undefined;
  const fake = await startFakeA1111({ port, stepMs, auth });
  console.log(`fake-a1111 listening on ${fake.url}`);
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
