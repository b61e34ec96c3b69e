/** Runs once when a server process starts: recovery before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recoverAtStart } = await import("@/lib/studio/recover");
  await recoverAtStart();
}
