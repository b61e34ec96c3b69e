import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isBlankSafetyImage } from "@/lib/safety/blank-image";

const png = (channels: 1 | 3 | 4, fill: (i: number) => number, size = 64) => {
  const raw = Buffer.alloc(size * size * channels);
  for (let i = 0; i < raw.length; i++) raw[i] = fill(i);
  return sharp(raw, { raw: { width: size, height: size, channels } })
    .png()
    .toBuffer();
};

describe("isBlankSafetyImage", () => {
  it("is true for an image that is exactly black everywhere (RGB, grey, with alpha)", async () => {
    expect(await isBlankSafetyImage(await png(3, () => 0))).toBe(true);
    expect(await isBlankSafetyImage(await png(1, () => 0))).toBe(true);
    expect(await isBlankSafetyImage(await png(4, (i) => (i % 4 === 3 ? 255 : 0)))).toBe(true);
  });

  it("is false for a dark picture, even one a single pixel away from black", async () => {
    expect(await isBlankSafetyImage(await png(3, (i) => (i === 5000 ? 1 : 0)))).toBe(false);
    expect(await isBlankSafetyImage(await png(3, (i) => (i * 7919) % 6))).toBe(false);
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#050505" } })
      .jpeg()
      .toBuffer();
    expect(await isBlankSafetyImage(jpeg)).toBe(false);
  });

  it("is false for bytes that are not an image", async () => {
    expect(await isBlankSafetyImage(new TextEncoder().encode("not an image"))).toBe(false);
  });
});
