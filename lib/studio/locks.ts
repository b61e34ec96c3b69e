import "server-only";
import { AppError } from "@/lib/errors";
import { PART_NAMES, type PartName, type PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

/** PATCH /api/prompts/:id: which parts later refinements must keep word for word. */
export async function setLocks(versionId: string, locks: readonly PartName[]): Promise<PromptVersion> {
  const { store } = deps();
  const version = await store.getVersion(versionId);
  if (!version) throw new AppError("not_found", "The version was not found.");
  const missing = PART_NAMES.filter((name) => locks.includes(name) && !version.parts?.[name]?.trim());
  if (missing.length > 0) {
    throw new AppError("invalid_request", `This version has no ${missing.join(", ")} part to lock.`, {
      details: missing.map((name) => ({ path: "locks", message: `no ${name} part`, part: name })),
    });
  }
  const updated = await store.setVersionLocks(versionId, locks);
  if (!updated) throw new AppError("not_found", "The version was not found.");
  return updated;
}
