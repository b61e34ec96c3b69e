import "server-only";
import { sharp } from "@/lib/images/sharp";
import type { Image, PromptVersion } from "@/lib/schemas/entities";
import { readImageFile } from "@/lib/studio/queries";
import type { ImagesResponse } from "./schemas";

export type { ImagesResponse };

type OutputFormat = "png" | "jpeg" | "webp";

/** The only values the contract lets ImagesResponse.size and .quality say; others are left out. */
const CONTRACT_SIZES = new Set(["1024x1024", "1024x1536", "1536x1024"]);
const CONTRACT_QUALITIES = new Set(["low", "medium", "high"]);

export type ResponseOptions = {
  responseFormat: "url" | "b64_json";
  /** b64_json only: the format to send (converted when the stored image is another). */
  outputFormat?: OutputFormat;
  compression?: number;
  size: string;
  quality?: string;
  origin: string;
  created: string;
};

/**
 * The images in OpenAI's shape, each with the prompt they were made from as `revised_prompt`.
 * `b64_json` carries the stored file (a PNG with its recipe chunks, as the download has it);
 * `url` points at the image route here, which answers with the same gate (a Bearer token works).
 */
export async function imagesResponse(
  images: Image[],
  version: PromptVersion,
  opts: ResponseOptions,
): Promise<ImagesResponse> {
  const data: ImagesResponse["data"] = [];
  let format: OutputFormat | undefined;
  for (const image of images) {
    if (opts.responseFormat === "url") {
      data.push({ url: `${opts.origin}/api/images/${image.id}/file`, revised_prompt: version.prompt });
      format = formatOf(image.mime);
      continue;
    }
    const { file } = await readImageFile(image.id, "full");
    const stored = formatOf(file.mime);
    const wanted = opts.outputFormat ?? stored;
    const bytes = wanted === stored ? file.bytes : await convert(file.bytes, wanted, opts.compression);
    data.push({ b64_json: Buffer.from(bytes).toString("base64"), revised_prompt: version.prompt });
    format = wanted;
  }
  return {
    created: Math.floor(Date.parse(opts.created) / 1000),
    data,
    ...(format ? { output_format: format } : {}),
    ...(CONTRACT_SIZES.has(opts.size) ? { size: opts.size as ImagesResponse["size"] } : {}),
    ...(opts.quality && CONTRACT_QUALITIES.has(opts.quality)
      ? { quality: opts.quality as ImagesResponse["quality"] }
      : {}),
  };
}

function formatOf(mime: string): OutputFormat {
  const sub = mime.split("/")[1]?.split(";")[0]?.trim();
  return sub === "jpeg" || sub === "jpg" ? "jpeg" : sub === "webp" ? "webp" : "png";
}

/** output_compression (0–100) is the JPEG/WebP quality, as OpenAI uses it; PNG is lossless. */
async function convert(bytes: Uint8Array, format: OutputFormat, compression = 100): Promise<Buffer> {
  const image = sharp(bytes);
  if (format === "jpeg") return image.jpeg({ quality: Math.max(1, compression) }).toBuffer();
  if (format === "webp") return image.webp({ quality: Math.max(1, compression) }).toBuffer();
  return image.png().toBuffer();
}
