import "server-only";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { getActivePolicy } from "./moderate";
import { remoteConfigured } from "./remote";

/**
 * Call once at start (instrumentation.ts). Says how ideas and prompts are checked, loudly when
 * they are not, and throws a clear Error for an invalid MODERATION_POLICY_FILE so a bad policy
 * stops the server instead of surfacing as failed requests.
 */
export function logModerationMode(): void {
  const { moderation, openai } = getConfig();
  if (!moderation.enabled) {
    log.warn(
      "MODERATION IS OFF (MODERATION=off): ideas and prompts reach the image backends unchecked. Remove MODERATION=off to check them.",
    );
    return;
  }
  const policy = getActivePolicy();
  const base = moderation.url ?? openai.baseURL ?? "https://api.openai.com/v1";
  log.info("moderation on", {
    policy: policy.file ?? "built-in",
    categories: [...policy.enabled],
    remote: remoteConfigured()
      ? `${moderation.model} at ${new URL(base).origin}`
      : "none (no OPENAI_API_KEY or MODERATION_URL)",
  });
}
