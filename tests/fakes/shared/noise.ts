import { randomBytes } from "node:crypto";
import sharp from "sharp";

/**
 * A PNG of random pixels, stored without compression: about width × height × 3 bytes that no
 * codec can shrink, for tests that need an image whose storing takes a while (crash tests).
 */
export function renderNoise(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}
