import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { EditBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

/** A manual edit: a child of the version it was edited from. */
export async function saveEdit(body: EditBody): Promise<PromptVersion> {
  const { store } = deps();
  const parent = await store.getVersion(body.parentId);
  if (!parent) throw new AppError("not_found", "The version to edit was not found.");
  const version: PromptVersion = {
    ...parent,
    id: newId(),
    parentId: parent.id,
    source: "edit",
    instruction: null,
    prompt: body.prompt,
    negativePrompt: body.negativePrompt === undefined ? parent.negativePrompt : body.negativePrompt || null,
    refiner: "manual",
    model: "manual",
    notes: ["Edited by hand."],
    createdAt: new Date().toISOString(),
  };
  await store.createVersion(version);
  return version;
}
