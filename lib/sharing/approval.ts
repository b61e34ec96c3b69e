import "server-only";
import { AppError } from "@/lib/errors";
import type { PromptVersion } from "@/lib/schemas/entities";
import { deps } from "@/lib/studio/deps";

/*
 * The owner marks a version Approved, or takes it back. The mark lives on the version; every
 * recipe of its images (the sidecar, the `promptsmith` chunk of a PNG download) is built from the
 * version when asked, so they follow at once (lib/studio/current-file.ts).
 */

export async function approveVersion(id: string): Promise<PromptVersion> {
  const { store } = deps();
  const current = await store.getVersion(id);
  if (!current) throw missing();
  // Approving again keeps the first time: when it was approved is part of the record.
  if (current.approvedAt) return current;
  return (await store.setApproval(id, new Date().toISOString())) ?? throwMissing();
}

export async function unapproveVersion(id: string): Promise<PromptVersion> {
  return (await deps().store.setApproval(id, null)) ?? throwMissing();
}

function missing(): AppError {
  return new AppError("not_found", "The prompt version was not found.");
}

function throwMissing(): never {
  throw missing();
}
