import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { a1111Request } from "./http";
import { httpError } from "./map-error";
import type { A1111Server } from "./server";

/** GET /sdapi/v1/sd-models: `[{ title, model_name, hash, sha256, filename, config }]`. */
const SdModelsSchema = z.array(
  z.object({
    title: z.string(),
    model_name: z.string().optional(),
    hash: z.string().nullable().optional(),
    sha256: z.string().nullable().optional(),
    filename: z.string().optional(),
    config: z.string().nullable().optional(),
  }),
);

/**
 * The titles ("v1-5-pruned-emaonly.safetensors [6ce0161689]"): the form A1111's own UI shows
 * and puts in sd_model_checkpoint, and which it matches exactly.
 */
export async function fetchCheckpoints(server: A1111Server, signal: AbortSignal): Promise<string[]> {
  const res = await a1111Request(server, { method: "GET", path: "/sdapi/v1/sd-models", signal });
  if (res.status !== 200) throw httpError(res.status, res.headers, res.text);
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch (e) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent a checkpoint list that is not JSON.", { cause: e });
  }
  const parsed = SdModelsSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent a checkpoint list we could not read.", {
      cause: parsed.error,
    });
  }
  return parsed.data.map((m) => m.title);
}
