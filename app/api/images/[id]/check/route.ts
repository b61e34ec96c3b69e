import { trustedClientKey } from "@/lib/auth/trusted-client";
import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { checkImage } from "@/lib/studio/check-image";

export const dynamic = "force-dynamic";

/** Checks the image against its version's checklist with the judge in use: 200 ImageCheck. */
export const POST = handle<{ id: string }>(async (request, { id }) => {
  return json(
    await checkImage(parseId(id, "The image"), {
      signal: request.signal,
      clientKey: trustedClientKey(request.headers),
    }),
  );
});
