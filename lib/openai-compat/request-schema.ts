import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { badParam } from "./errors";

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * POST /v1/images/generations: the official CreateImageRequest (the contract in
 * tests/fixtures/openai-contract), every field it names, none other. Fields the backends have no
 * use for are taken and said so in the README (`style`, `moderation`: ours always applies);
 * `stream` is refused, since the answer is whole images.
 */
export const CreateImageRequestSchema = z
  .object({
    prompt: z.string(),
    model: nullable(z.string()),
    n: nullable(z.number().int()),
    quality: nullable(z.enum(["standard", "hd", "low", "medium", "high", "auto"])),
    response_format: nullable(z.enum(["url", "b64_json"])),
    output_format: nullable(z.enum(["png", "jpeg", "webp"])),
    output_compression: nullable(z.number().int().min(0).max(100)),
    stream: nullable(z.boolean()),
    partial_images: nullable(z.number().int().min(0).max(3)),
    size: nullable(z.string()),
    moderation: nullable(z.enum(["low", "auto"])),
    background: nullable(z.enum(["transparent", "opaque", "auto"])),
    style: nullable(z.enum(["vivid", "natural"])),
    user: z.string().max(256).optional(),
  })
  .strict();
export type CreateImageRequest = z.infer<typeof CreateImageRequestSchema>;

/** Checks a parsed JSON body; the first problem answers, naming its field as OpenAI does. */
export function parseCreateImageRequest(data: unknown): CreateImageRequest {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new AppError("invalid_request", "The request body must be a JSON object.");
  }
  const result = CreateImageRequestSchema.safeParse(data);
  if (result.success) return result.data;
  throw issueError(result.error.issues[0]);
}

function issueError(issue: z.core.$ZodIssue | undefined): AppError {
  if (issue?.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return badParam(key, `Unrecognized request argument supplied: ${key}`, "unknown_parameter");
  }
  const param = String(issue?.path[0] ?? "");
  if (issue?.code === "invalid_type" && issue.input === undefined) {
    return badParam(param, `Missing required parameter: '${param}'.`, "missing_required_parameter");
  }
  if (issue?.code === "invalid_value") {
    const allowed = issue.values.map((v) => `'${String(v)}'`).join(", ");
    return badParam(param, `Invalid value for '${param}': supported values are ${allowed}.`);
  }
  return badParam(param, `Invalid value for '${param}': ${issue?.message ?? "not valid"}.`);
}
