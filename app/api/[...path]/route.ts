import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Unknown API paths answer in the API's error shape, not with an HTML page. */
function unknown(request: Request): Response {
  return errorResponse(new AppError("not_found", `No API endpoint at ${new URL(request.url).pathname}.`));
}

export { unknown as DELETE, unknown as GET, unknown as PATCH, unknown as POST, unknown as PUT };
