import { handle } from "@/lib/http/handle";
import { sharedImageResponse } from "@/lib/sharing/shared-image";

export const dynamic = "force-dynamic";

/** Open past the password gate: only an image the link shows (lib/sharing/shared-image.ts). */
export const GET = handle<{ token: string; imageId: string }>(async (request, { token, imageId }) =>
  sharedImageResponse(request, token, imageId, "full"),
);
