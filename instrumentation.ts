/** Runs once when a server process starts: recovery before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logModerationMode } = await import("@/lib/safety/mode-log");
  // Loud when MODERATION=off; throws on an invalid MODERATION_POLICY_FILE, so a bad policy stops the start.
  logModerationMode();
  const { recoverAtStart } = await import("@/lib/studio/recover");
  await recoverAtStart();
}
