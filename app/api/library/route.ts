import { handle } from "@/lib/http/handle";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { LibraryCreateBodySchema, LibraryQuerySchema } from "@/lib/schemas/api";
import { listLibrary, starVersion } from "@/lib/studio/library";

export const dynamic = "force-dynamic";

export const GET = handle(async (request) => json(await listLibrary(parseQuery(request.url, LibraryQuerySchema))));

/** 201 for a new entry; 200 when the version was already starred and only its name changed. */
export const POST = handle(async (request) => {
  const { versionId, name } = await parseJsonBody(request, LibraryCreateBodySchema);
  const { entry, created } = await starVersion(versionId, name);
  return json(entry, created ? 201 : 200);
});
