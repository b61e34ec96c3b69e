/** What a thrown value says, for a log line or an error body. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
