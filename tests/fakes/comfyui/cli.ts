/**
 * Runs the fake ComfyUI until killed, for e2e tests and benchmarks in another process.
 *   PORT=8188 STEP_MS=20 npx tsx tests/fakes/comfyui/cli.ts
 */
import { envNumber, runFakeCli } from "../shared/cli";
import { startFakeComfyUI } from "./server";

runFakeCli("fake-comfyui", 8188, (port) => startFakeComfyUI({ port, stepMs: envNumber("STEP_MS") }));
