/**
 * Runs the fake A1111 server until killed, for e2e tests in another process.
 *   PORT=7861 STEP_MS=40 FAKE_A1111_AUTH=user:pass npx tsx tests/fakes/a1111/cli.ts
 */
import { envNumber, runFakeCli } from "../shared/cli";
import { startFakeA1111 } from "./server";

runFakeCli("fake-a1111", 7861, (port) =>
  startFakeA1111({ port, stepMs: envNumber("STEP_MS"), auth: process.env.FAKE_A1111_AUTH || undefined }),
);
