import { handle } from "@/lib/http/handle";
import { parseId, parseJsonBody } from "@/lib/http/parse";
import { json, notFound } from "@/lib/http/responses";
import { FavoriteBodySchema } from "@/lib/schemas/api";
import { deleteImage, getImageDetail, setFavorite } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";

export const GET = handle<{ id: string }>(async (_request, { id }) => {
  const detail = await getImageDetail(parseId(id, "The image"));
  if (!detail) throw notFound("The image");
  return json(detail);
});

export const PATCH = handle<{ id: string }>(async (request, { id }) => {
  const imageId = parseId(id, "The image");
  const body = await parseJsonBody(request, FavoriteBodySchema);
  return json(await setFavorite(imageId, body.favorite));
});

export const DELETE = handle<{ id: string }>(async (_request, { id }) => {
  await deleteImage(parseId(id, "The image"));
  return new Response(null, { status: 204 });
});
