import "server-only";
import { isAppError } from "@/lib/errors";
import { imageFileResponse } from "@/lib/http/image-file-response";
import { parseId } from "@/lib/http/parse";
import type { Image } from "@/lib/schemas/entities";
import type { Share } from "@/lib/schemas/shares";
import { deps } from "@/lib/studio/deps";
import { readImageFile } from "@/lib/studio/queries";
import { shareNotFound, visitShare } from "./open-share";

/**
 * A minute in this visitor's browser only: a revoked link's images stop answering soon after,
 * while a presenter moving back and forth through slides does not fetch (and count) them anew.
 */
export const SHARED_IMAGE_CACHE = "private, max-age=60";

/** GET /api/s/:token/images/:imageId/file|thumb as a response: the bytes (imageFileResponse), cached briefly. */
export async function sharedImageResponse(
  request: Request,
  token: string,
  imageId: string,
  kind: "full" | "thumb",
): Promise<Response> {
  const { image, file, title } = await readSharedImage(token, imageId, kind);
  const response = imageFileResponse(request, image, file, kind, title);
  response.headers.set("Cache-Control", SHARED_IMAGE_CACHE);
  return response;
}

/**
 * GET /api/s/:token/images/:imageId/file|thumb: the bytes of an image the link shows, and of no
 * other. Any image id outside the share (another idea's, a comparison's other generations,
 * nothing at all, a path) answers the same 404 as a link that opens nothing.
 */
export async function readSharedImage(
  token: string,
  rawImageId: string,
  kind: "full" | "thumb",
): ReturnType<typeof readImageFile> {
  const share = await visitShare(token);
  let imageId: string;
  try {
    imageId = parseId(rawImageId, "The image");
  } catch {
    throw shareNotFound();
  }
  const image = await deps().store.getImage(imageId);
  if (!image || !(await isImageInShare(share, image))) throw shareNotFound();
  try {
    // As the owner's routes serve it: a full PNG with its recipe as it stands now (approval included).
    return await readImageFile(image.id, kind);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw shareNotFound();
    throw e;
  }
}

/**
 * Whether the shared view (shared-view.ts) shows this image: the same rule, asked of one image.
 * Idea: an image of one of its generations that succeeded. Comparison: an image of one of its
 * cells' generations that succeeded. Image: that image alone.
 */
export async function isImageInShare(share: Pick<Share, "target">, image: Image): Promise<boolean> {
  const { kind, id } = share.target;
  if (kind === "image") return image.id === id;
  if (kind === "idea" && image.ideaId !== id) return false;
  if (kind === "comparison") {
    const comparison = await deps().store.getComparison(id);
    if (!comparison?.cells.some((c) => c.generationId === image.generationId)) return false;
  }
  const generation = await deps().store.getGeneration(image.generationId);
  return generation?.status === "succeeded" && generation.ideaId === image.ideaId;
}
