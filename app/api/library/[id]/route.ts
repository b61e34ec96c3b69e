import { handle } from "@/lib/http/handle";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { LibraryRenameBodySchema } from "@/lib/schemas/api";
import { deleteLibraryEntry, renameLibraryEntry } from "@/lib/studio/library";

export const dynamic = "force-dynamic";

export const PATCH = handle<{ id: string }>(async (request, { id }) => {
  const entryId = parseId(id, "The library entry");
  const { name } = await parseJsonBody(request, LibraryRenameBodySchema);
  return json(await renameLibraryEntry(entryId, name));
});

export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await deleteLibraryEntry(parseId(id, "The library entry"));
  return new Response(null, { status: 204 });
});
