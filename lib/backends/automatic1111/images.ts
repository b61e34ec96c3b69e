import "server-only";
import { sharp } from "@/lib/images/sharp";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { GeneratedImage } from "../types";
import type { A1111Info } from "./info";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MIME: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

/**
 * Buffer.from(…, "base64") skips characters it does not know, so garbage would decode to
 * garbage bytes; check the alphabet first. Some forks prefix a data: URL.
 */
export function decodeBase64Image(data: string): Uint8Array {
  const body = data.replace(/^data:image\/[a-z+]+;base64,/i, "").replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 !== 0 || !BASE64.test(body)) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent image data that is not valid base64.");
  }
  return new Uint8Array(Buffer.from(body, "base64"));
}

type Inspected = { mime: string; width: number; height: number; black: boolean };

/** The real format and size, from the bytes. A1111 sends JPEG or WebP when its samples_format says so. */
async function inspect(bytes: Uint8Array): Promise<Inspected> {
  try {
    const image = sharp(bytes);
    const meta = await image.metadata();
    const mime = meta.format ? MIME[meta.format] : undefined;
    if (!mime || !meta.width || !meta.height) throw new Error(`unexpected format ${meta.format ?? "none"}`);
    const { channels } = await image.stats();
    // All colour channels at zero: what an interrupted-at-once job, a NaN VAE or a safety filter gives.
    const black = channels.slice(0, 3).every((c) => c.max === 0);
    return { mime, width: meta.width, height: meta.height, black };
  } catch (e) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent something that is not an image.", { cause: e });
  }
}

/**
 * A1111 puts a grid in front of the images when its return_grid option applies (we ask it not
 * to save, which turns that off, but a fork may not) and scripts such as ControlNet append their
 * own images at the end. So: skip `index_of_first_image`, take `n`.
 */
export function pickImages(images: string[], info: A1111Info, n: number): { data: string; index: number }[] {
  const first = Math.min(info.indexOfFirstImage, images.length);
  return images.slice(first, first + n).map((data, i) => ({ data, index: i }));
}

/**
 * The images of a txt2img answer with their seeds and infotexts. All-black images are dropped
 * (they carry nothing); if nothing else is left the generation failed.
 */
export async function decodeImages(
  images: string[],
  info: A1111Info,
  n: number,
  model: string,
): Promise<GeneratedImage[]> {
  const picked = pickImages(images, info, n);
  if (picked.length === 0) throw new AppError("backend_error", "AUTOMATIC1111 returned no images.");
  const out: GeneratedImage[] = [];
  let blacks = 0;
  for (const { data, index } of picked) {
    const bytes = decodeBase64Image(data);
    const { mime, width, height, black } = await inspect(bytes);
    if (black) {
      blacks++;
      continue;
    }
    const firstSeed = info.allSeeds[0];
    const seed = info.allSeeds[index] ?? (firstSeed !== undefined ? firstSeed + index : undefined);
    const infotext = info.infotexts[info.indexOfFirstImage + index];
    out.push({
      bytes,
      mime,
      width,
      height,
      ...(seed !== undefined ? { seed } : {}),
      meta: {
        ...(infotext ? { infotext } : {}),
        ...(info.samplerName ? { sampler: info.samplerName } : {}),
        model,
        ...(info.modelHash ? { modelHash: info.modelHash } : {}),
      },
    });
  }
  if (blacks > 0) log.warn("a1111: dropped all-black images", { dropped: blacks, kept: out.length });
  if (out.length === 0) {
    throw new AppError(
      "backend_error",
      "AUTOMATIC1111 returned only black images (NaNs in the VAE, try --no-half-vae; or its safety filter).",
    );
  }
  return out;
}
