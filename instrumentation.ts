/**
 * Runs once when a server process starts: the configuration check, then recovery before the first
 * request. Next 16 calls this only once the server listens and has printed "Ready"; an error thrown
 * here is merely logged and the server goes on answering (every request failing). So any failure
 * ends the process with exit code 1. `npm start` runs the same check before anything listens.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { failStart, startFailureMessage } = await import("@/lib/startup/fail-start");
  try {
    await start();
  } catch (e) {
    failStart(startFailureMessage(e));
  }
}

async function start(): Promise<void> {
  const { configurationProblem } = await import("@/lib/startup/check-config");
  const problem = configurationProblem();
  if (problem) throw new Error(problem);
  // First: the socket address for rate limits, early refusal of oversized uploads, shorter server timeouts.
  const { installServerHooks } = await import("@/lib/security/server-hooks");
  installServerHooks();
  // With the gate on and no SESSION_SECRET: make the random cookie key now (an unwritable DATA_DIR stops the start).
  // With DATABASE_URL it is the one every instance shares, read from the database into memory now.
  const { prepareSessionSecret, prepareSharedSessionSecret } = await import("@/lib/auth/session-secret");
  const { getConfig } = await import("@/lib/config");
  prepareSessionSecret(getConfig());
  await prepareSharedSessionSecret(getConfig());
  const { logModerationMode } = await import("@/lib/safety/mode-log");
  // Loud when MODERATION=off (an invalid MODERATION_POLICY_FILE was refused above).
  logModerationMode();
  const { recoverAtStart } = await import("@/lib/jobs/recover");
  await recoverAtStart();
  // After the queue started: a resumed fix loop may wait on a generation queued again above.
  const { recoverFixLoops, watchFixLoops } = await import("@/lib/fix/recover");
  await recoverFixLoops();
  watchFixLoops();
}
