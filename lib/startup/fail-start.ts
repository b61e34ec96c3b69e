import "server-only";
import { scrubSecrets } from "@/lib/log";

/**
 * Ends a server that could not start: the message once on stderr, then exit code 1, so a process
 * manager or a container sees the failure instead of a live server that fails every request.
 */
export function failStart(message: string): never {
  console.error(scrubSecrets(message));
  process.exit(1);
}

/** What went wrong at start, for a person: the error's own words (ours as they are), never a stack. */
export function startFailureMessage(e: unknown): string {
  const reason = e instanceof Error ? e.message : String(e);
  return reason.startsWith("Promptsmith:") ? reason : `Promptsmith: the server could not start: ${reason}`;
}
