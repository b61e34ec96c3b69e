import { describe, expect, it } from "vitest";
import { sharp } from "@/lib/images/sharp";

describe("sharp as the server uses it (lib/images/sharp.ts)", () => {
  it("keeps no libvips operation cache and uses one thread per operation", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#c33" } })
      .png()
      .toBuffer();
    // An operation repeated on the same input, which the default cache would keep.
    for (let i = 0; i < 3; i++) await sharp(png).resize(16).png().toBuffer();
    const stats = sharp.cache();
    expect(stats.items).toEqual({ current: 0, max: 0 });
    expect(stats.memory.max).toBe(0);
    expect(stats.files.max).toBe(0);
    expect(sharp.concurrency()).toBe(1);
    expect((await sharp(png).metadata()).width).toBe(64);
  });
});
