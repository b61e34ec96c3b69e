import "server-only";
import type { ImageGenCompletedEvent, ImageGenerateParamsNonStreaming } from "openai/resources/images";
import { sharp } from "@/lib/images/sharp";
import { BACKENDS } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getOpenAIClient, mapOpenAIError } from "@/lib/openai-client";
import { readImageStream } from "./openai-image-stream";
import type { GeneratedImage, GenerateOptions, GenerateRequest, ImageBackend } from "./types";

const facts = BACKENDS.openai;

type Quality = NonNullable<ImageGenerateParamsNonStreaming["quality"]>;

/** Bytes that sharp can read as an image, with their real size; anything else is the server's fault. */
async function inspect(bytes: Uint8Array): Promise<{ mime: string; width: number; height: number }> {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height || !meta.format) throw new Error("no dimensions");
    const mime = meta.format === "jpeg" ? "image/jpeg" : `image/${meta.format}`;
    return { mime, width: meta.width, height: meta.height };
  } catch (e) {
    throw new AppError("backend_error", "The OpenAI server returned something that is not an image.", { cause: e });
  }
}

/** How many partial images a streamed generation asks for (0-3; each costs ~100 more output tokens). */
export const OPENAI_PARTIAL_IMAGES = 2;

type Answer = { items: Array<{ b64_json?: string; revised_prompt?: string }>; quality?: string };

/**
 * stream: true with partial_images, for live previews: image_generation.partial_image events
 * (each a preview), then image_generation.completed with the image. Only the GPT image models
 * stream, and only n = 1 is streamed: OpenAI does not say how n > 1 streams.
 */
async function streamed(
  params: ImageGenerateParamsNonStreaming,
  opts: GenerateOptions,
  timeout: number,
): Promise<Answer> {
  // The SDK still builds, sends and checks the request (errors before the answer, its timeout);
  // the answer's events are read here (lib/backends/openai-image-stream.ts says why).
  const response = await getOpenAIClient()
    .images.generate(
      { ...params, stream: true, partial_images: OPENAI_PARTIAL_IMAGES },
      { signal: opts.signal, timeout },
    )
    .asResponse();
  let completed: ImageGenCompletedEvent | undefined;
  await readImageStream(response, (event) => {
    if (event.type === "image_generation.partial_image") {
      // Once the image is here a late partial is worth nothing; nor is decoding one nobody shows.
      if (event.b64_json && !completed && opts.onPreview) {
        const bytes = new Uint8Array(Buffer.from(event.b64_json, "base64"));
        opts.onPreview({ mime: `image/${event.output_format}`, bytes });
      }
    } else if (event.type === "image_generation.completed") completed = event;
  });
  if (!completed) throw new AppError("backend_error", "The OpenAI stream ended without the image.");
  return { items: [{ b64_json: completed.b64_json }], quality: completed.quality };
}

async function generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]> {
  const { openai, timeouts } = getConfig();
  const params: ImageGenerateParamsNonStreaming = {
    model: openai.imageModel,
    prompt: req.prompt,
    n: req.n,
    size: req.size as ImageGenerateParamsNonStreaming["size"],
    ...(req.quality ? { quality: req.quality as Quality } : {}),
    output_format: "png",
  };
  const stream = opts.onPreview !== undefined && req.n === 1 && openai.imageModel.startsWith("gpt-image");
  let answer: Answer;
  try {
    if (stream) answer = await streamed(params, opts, timeouts.generateMs);
    else {
      const response = await getOpenAIClient().images.generate(params, {
        signal: opts.signal,
        timeout: timeouts.generateMs,
      });
      answer = { items: response.data ?? [], quality: response.quality };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw mapOpenAIError(e);
  }

  const items = answer.items;
  if (items.length === 0) throw new AppError("backend_error", "The OpenAI server returned no images.");
  const images: GeneratedImage[] = [];
  for (const item of items) {
    if (!item.b64_json) {
      // gpt-image models always answer in base64; a URL means a model this adapter does not speak.
      throw new AppError("backend_error", "The OpenAI server returned an image without its data (b64_json).");
    }
    const bytes = new Uint8Array(Buffer.from(item.b64_json, "base64"));
    const { mime, width, height } = await inspect(bytes);
    images.push({
      bytes,
      mime,
      width,
      height,
      meta: {
        model: openai.imageModel,
        ...(item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {}),
        ...(answer.quality ? { quality: answer.quality } : {}),
      },
    });
  }
  opts.onProgress?.(1);
  return images;
}

/** OpenAI's image API (gpt-image models), or a compatible server at OPENAI_BASE_URL. */
export const openaiBackend: ImageBackend = {
  id: facts.id,
  label: facts.label,
  get model(): string {
    return getConfig().openai.imageModel;
  },
  capabilities: facts.capabilities,
  isConfigured: () => getConfig().openai.enabled,
  generate,
};
