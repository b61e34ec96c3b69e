import "server-only";
import type { ShareRecord } from "@/lib/store/types";
import { deps } from "@/lib/studio/deps";
import { isImageInShare } from "./shared-image";

/**
 * Whether the link shows this image, so a visitor may comment on it or vote for it: the image a
 * link to an image names, an image of a shared idea's succeeded generations, an image of a shared
 * comparison's grid. The very rule that serves its bytes (shared-image.ts isImageInShare), so a
 * visitor can leave feedback on exactly the images the page shows. Anything else (another idea's
 * image, a made-up id) is not there, as far as the link goes.
 */
export async function shareShowsImage(share: ShareRecord, imageId: string): Promise<boolean> {
  const image = await deps().store.getImage(imageId);
  return image !== undefined && (await isImageInShare(share, image));
}
