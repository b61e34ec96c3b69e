import { handle } from "@/lib/http/handle";
import { imageFileResponse } from "@/lib/http/image-file-response";
import { parseId } from "@/lib/http/parse";
import { readImageFile } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (request, { id }) => {
  const { image, file, title } = await readImageFile(parseId(id, "The image"), "full");
  return imageFileResponse(request, image, file, "full", title);
});
