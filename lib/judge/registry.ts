import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { offlineJudge } from "./offline-judge";
import { openaiJudge } from "./openai-judge";
import type { Judge } from "./types";

export type JudgeId = "openai" | "offline";

/** The judge JUDGE names (auto resolved in lib/config.ts); undefined when JUDGE=off. */
export function configuredJudge(): Judge | undefined {
  const { id } = getConfig().judge;
  if (id === "off") return undefined;
  return id === "openai" ? openaiJudge() : offlineJudge;
}

/** The judge in use, or 503 backend_unavailable when checks are turned off (JUDGE=off). */
export function getJudge(): Judge {
  const judge = configuredJudge();
  if (!judge) {
    throw new AppError("backend_unavailable", "Image checks are turned off on this server (JUDGE=off).");
  }
  return judge;
}

/** Whether each new image is checked as soon as it is made (AUTO_CHECK, resolved in lib/config.ts). */
export function autoCheckEnabled(): boolean {
  return getConfig().judge.autoCheck;
}
