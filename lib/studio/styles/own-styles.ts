import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import {
  type BuiltInStyleId,
  type CreateStyleBody,
  isBuiltInStyleId,
  type OwnStyle,
  type OwnStyleId,
  STYLE_FIELD_CAPS,
  type StyleInput,
} from "@/lib/schemas/styles";
import { getStyle } from "@/lib/styles";
import { deps } from "../deps";

/** Own styles (issue 13): made, edited, duplicated and deleted by people; built-ins stay read-only. */

export function newOwnStyleId(): OwnStyleId {
  return `own-${newId()}`;
}

function readOnly(id: BuiltInStyleId): AppError {
  return new AppError(
    "forbidden",
    `"${getStyle(id)?.label ?? id}" is a built-in style: it is read-only. Duplicate it to make your own.`,
  );
}

function notFound(): AppError {
  return new AppError("not_found", "The style was not found.");
}

export async function listOwnStyles(): Promise<{ items: OwnStyle[] }> {
  return { items: await deps().store.listOwnStyles() };
}

/** A new style; with `id`, one just deleted put back (Undo) when there is nothing to restore. */
export async function createOwnStyle(body: CreateStyleBody): Promise<OwnStyle> {
  const { id, ...input } = body;
  const created = await deps().store.createOwnStyle({
    id: id ?? newOwnStyleId(),
    input,
    createdAt: new Date().toISOString(),
  });
  if (!created) throw new AppError("invalid_request", "id: a style with this id exists.");
  return created;
}

export async function updateOwnStyle(id: string, input: StyleInput): Promise<OwnStyle> {
  if (isBuiltInStyleId(id)) throw readOnly(id);
  const updated = await deps().store.updateOwnStyle(id, input, new Date().toISOString());
  if (!updated) throw notFound();
  return updated;
}

/** A copy of a built-in or an own style, named "… copy" (cut to the name's cap), as a new own style. */
export async function duplicateStyle(id: string): Promise<OwnStyle> {
  const source = isBuiltInStyleId(id) ? getStyle(id) : await deps().store.getOwnStyle(id);
  if (!source) throw notFound();
  const label = `${source.label.slice(0, STYLE_FIELD_CAPS.label - 5)} copy`;
  const { medium, lighting, palette, camera, detail, negative, description } = source;
  return createOwnStyle({ label, description, medium, lighting, palette, camera, detail, negative });
}

export async function deleteOwnStyle(id: string): Promise<void> {
  if (isBuiltInStyleId(id)) throw readOnly(id);
  if (!(await deps().store.deleteOwnStyle(id, new Date().toISOString()))) throw notFound();
}

/** Undo of a delete: the style as it was, sample and all. */
export async function restoreOwnStyle(id: string): Promise<OwnStyle> {
  const restored = await deps().store.restoreOwnStyle(id);
  if (!restored) throw new AppError("not_found", "There is no deleted style with this id to bring back.");
  return restored;
}
