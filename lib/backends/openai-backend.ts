import "server-only";
import type { ImageGenerateParamsNonStreaming } from "openai/resources/images";
import sharp from "sharp";
import { BACKENDS } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getOpenAIClient, mapOpenAIError } from "@/lib/openai-client";
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

async function generate(req: GenerateRequest, opts: GenerateOptions): Promise<GeneratedImage[]> {
  const { openai, timeouts } = getConfig();
  let response: Awaited<ReturnType<ReturnType<typeof getOpenAIClient>["images"]["generate"]>>;
  try {
    response = await getOpenAIClient().images.generate(
      {
        model: openai.imageModel,
        prompt: req.prompt,
        n: req.n,
        size: req.size,
        ...(req.quality ? { quality: req.quality as Quality } : {}),
        output_format: "png",
      },
      { signal: opts.signal, timeout: timeouts.generateMs },
    );
  } catch (e) {
    throw mapOpenAIError(e);
  }

  const items = response.data ?? [];
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
        ...(response.quality ? { quality: response.quality } : {}),
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
