import { handle } from "@/lib/http/handle";
import { imageFileResponse } from "@/lib/http/image-file-response";
import { parseId } from "@/lib/http/parse";
import { readImageFile } from "@/lib/studio/queries";
import { thumbResponse } from "@/lib/studio/thumb-response";

export const dynamic = "force-dynamic";

/**
 * The thumbnail, cached for good at its content-addressed URL (lib/studio/thumb-response.ts); with
 * ?download, a file named after the idea and seed, as the full image's download is.
 */
export const GET = handle<{ id: string }>(async (request, { id }) => {
  const imageId = parseId(id, "The image");
  if (!new URL(request.url).searchParams.has("download")) return thumbResponse(request, imageId);
  const { image, file, title } = await readImageFile(imageId, "thumb");
  return imageFileResponse(request, image, file, "thumb", title);
});
