import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { parseStyleId } from "@/lib/http/style-id";
import { StyleSampleBodySchema } from "@/lib/schemas/styles";
import { setStyleSample, styleSample } from "@/lib/studio/styles/style-sample";

export const dynamic = "force-dynamic";

/**
 * The sample picture (WebP). Its URL carries ?v= from the style's last change (OwnStyle.sample),
 * so a versioned ask may be kept for good; a bare one is revalidated.
 */
export const GET = handle<{ id: string }>(async (request, { id }) => {
  const bytes = await styleSample(parseStyleId(id));
  const versioned = new URL(request.url).searchParams.has("v");
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": versioned ? "private, max-age=31536000, immutable" : "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

/** A new sample: `{ source: "offline" }` renders one; `{ source: "image", imageId }` takes a gallery image's. */
export const POST = handle<{ id: string }>(async (request, { id }) => {
  const styleId = parseStyleId(id);
  const body = await parseJsonBody(request, StyleSampleBodySchema);
  return json(await setStyleSample(styleId, body));
});
