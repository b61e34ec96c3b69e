import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** A1111's TextToImageResponse. `images` is null in the model's default; `parameters` echoes the request. */
const Txt2imgResponseSchema = z.object({
  images: z.array(z.string()).nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  info: z.string(),
});

export type Txt2imgResponse = { images: string[]; parameters: Record<string, unknown>; info: string };

/** A 200 answer whose body is not the documented shape is the server's (or a proxy's) fault. */
export function parseTxt2imgResponse(text: string): Txt2imgResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent an answer that is not JSON.", { cause: e });
  }
  const parsed = Txt2imgResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent an answer we could not read (no images or info).", {
      cause: parsed.error,
    });
  }
  return { images: parsed.data.images ?? [], parameters: parsed.data.parameters ?? {}, info: parsed.data.info };
}
