import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { recipeOfImage } from "@/lib/studio/provenance";

export const dynamic = "force-dynamic";

/** The image's recipe as JSON: inside every PNG already, and the sidecar for other formats. */
export const GET = handle<{ id: string }>(async (request, { id }) => {
  const imageId = parseId(id, "The image");
  const recipe = await recipeOfImage(imageId);
  const download = new URL(request.url).searchParams.get("download") === "1";
  return json(
    recipe,
    200,
    download ? { "Content-Disposition": `attachment; filename="promptsmith-${imageId}.json"` } : undefined,
  );
});
