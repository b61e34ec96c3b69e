/**
 * Runs the fake ComfyUI until killed, for e2e tests and benchmarks in another process.
 *   PORT=8188 STEP_MS=20 npx tsx tests/fakes/comfyui/cli.ts
 */
import { startFakeComfyUI } from "./server";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8188);
  const stepMs = process.env.STEP_MS ? Number(process.env.STEP_MS) : undefined;
  const fake = await startFakeComfyUI({ port, stepMs });
  console.log(`fake-comfyui listening on ${fake.url}`);
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
