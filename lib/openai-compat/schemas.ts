import { z } from "zod";

/*
 * The OpenAI Images API's shapes as zod schemas: the request is parsed with them, and the OpenAPI
 * document (lib/openapi/operations/openai-compat.ts) describes /v1 with them. They follow the
 * official contract (tests/fixtures/openai-contract); tests check real answers against that.
 */

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/**
 * POST /v1/images/generations: the official CreateImageRequest, every field it names, none
 * other. `style` and `moderation` are taken and ignored (ours always applies); `stream: true` is
 * refused, since the answer is whole images.
 */
export const CreateImageRequestSchema = z
  .object({
    prompt: z.string().describe("What to draw: refined first, unless the model ends in `:raw`."),
    model: nullable(z.string()).describe("`promptsmith`, `promptsmith-<backend id>`, either with `:raw`."),
    n: nullable(z.number().int()),
    quality: nullable(z.enum(["standard", "hd", "low", "medium", "high", "auto"])),
    response_format: nullable(z.enum(["url", "b64_json"])).describe("Default `b64_json`."),
    output_format: nullable(z.enum(["png", "jpeg", "webp"])),
    output_compression: nullable(z.number().int().min(0).max(100)),
    stream: nullable(z.boolean()),
    partial_images: nullable(z.number().int().min(0).max(3)),
    size: nullable(z.string()).describe("One of the backend's sizes, or `auto` for its default."),
    moderation: nullable(z.enum(["low", "auto"])),
    background: nullable(z.enum(["transparent", "opaque", "auto"])),
    style: nullable(z.enum(["vivid", "natural"])),
    user: z.string().max(256).optional(),
  })
  .strict();
export type CreateImageRequest = z.infer<typeof CreateImageRequestSchema>;

export const ImagesResponseSchema = z.object({
  created: z.number().int(),
  data: z.array(
    z.object({
      b64_json: z.string().optional(),
      url: z.string().optional(),
      revised_prompt: z.string().describe("The prompt the image was made from: the refined one, or as written."),
    }),
  ),
  output_format: z.enum(["png", "webp", "jpeg"]).optional(),
  size: z.enum(["1024x1024", "1024x1536", "1536x1024"]).optional(),
  quality: z.enum(["low", "medium", "high"]).optional(),
});
export type ImagesResponse = z.infer<typeof ImagesResponseSchema>;

export const ModelListSchema = z.object({
  object: z.literal("list"),
  data: z.array(
    z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() }),
  ),
});

export const OpenAiErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});
