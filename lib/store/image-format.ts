import "server-only";
import { sharp } from "@/lib/images/sharp";
import { AppError } from "@/lib/errors";

export const THUMB_MAX_SIDE = 512;
export const THUMB_MIME = "image/webp";

const FORMATS = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/webp": "webp",
} as const;

export type ImageFormat = (typeof FORMATS)[keyof typeof FORMATS];
export const IMAGE_FORMATS = Object.values(FORMATS);

/** The file extension is the format name, which is also what sharp reports for the bytes. */
export function formatForMime(mime: string): ImageFormat {
  const normalized = mime.toLowerCase().split(";")[0]?.trim() ?? "";
  const format = normalized === "image/jpg" ? "jpeg" : FORMATS[normalized as keyof typeof FORMATS];
  if (!format) throw new AppError("invalid_request", `unsupported image type: ${mime}`);
  return format;
}

export function mimeForFormat(format: ImageFormat): string {
  return `image/${format}`;
}

/**
 * Checks that the bytes are the image they claim to be (a mislabelled file would be served with
 * the wrong Content-Type). Reads the header only: a fraction of a millisecond, so it stays on the
 * path to a stored image while the thumbnail does not (issue 12).
 */
export async function checkImageFormat(bytes: Uint8Array, format: ImageFormat): Promise<void> {
  let actual: string | undefined;
  try {
    actual = (await sharp(bytes).metadata()).format;
  } catch (e) {
    throw new AppError("invalid_request", "the image could not be read", { cause: e });
  }
  if (actual !== format) {
    throw new AppError("invalid_request", `the bytes are ${actual ?? "not an image"}, not ${mimeForFormat(format)}`);
  }
}

/**
 * Checks the bytes (checkImageFormat) and makes the thumbnail: WebP, longest side at most 512 px,
 * never enlarged, turned upright by its EXIF orientation.
 */
export async function makeThumbnail(bytes: Uint8Array, format: ImageFormat): Promise<Buffer> {
  await checkImageFormat(bytes, format);
  return sharp(bytes)
    .rotate()
    .resize({ width: THUMB_MAX_SIDE, height: THUMB_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}
