import "server-only";
import sharp from "sharp";

/**
 * True for an image whose every pixel is exactly black: what Stable Diffusion's safety checker
 * (and A1111/ComfyUI filters built on it) put in place of a picture it censors. A diffusion
 * model's own "black" is never exactly zero everywhere (the VAE leaves noise), so this does not
 * refuse a dark picture. Unreadable bytes are not blank: that failure belongs to someone else.
 */
export async function isBlankSafetyImage(bytes: Uint8Array): Promise<boolean> {
  try {
    const { channels } = await sharp(bytes).stats();
    const colour = channels.length >= 3 ? channels.slice(0, 3) : channels.slice(0, 1);
    return colour.length > 0 && colour.every((c) => c.max === 0);
  } catch {
    return false;
  }
}
