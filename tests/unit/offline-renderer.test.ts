import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyzeScene, OFFLINE_MODEL, offlineBackend, renderOfflineSketch, sketchSvg } from "@/lib/backends/offline";
import { BACKENDS, OFFLINE_BACKEND_LABEL } from "@/lib/catalog";
import { AppError } from "@/lib/errors";

type Stats = { meanLum: number; redShare: number; blueShare: number; meanSat: number };

/** Downscaled raw pixels, so comparisons look at composition rather than noise. */
async function thumb(png: Uint8Array, size = 32): Promise<Buffer> {
  return sharp(png).resize(size, size, { fit: "fill" }).removeAlpha().raw().toBuffer();
}

async function stats(png: Uint8Array): Promise<Stats> {
  const raw = await thumb(png, 64);
  let lum = 0;
  let red = 0;
  let blue = 0;
  let sat = 0;
  const n = raw.length / 3;
  for (let i = 0; i < raw.length; i += 3) {
    const r = raw[i] ?? 0;
    const g = raw[i + 1] ?? 0;
    const b = raw[i + 2] ?? 0;
    lum += 0.299 * r + 0.587 * g + 0.114 * b;
    const sum = r + g + b || 1;
    red += r / sum;
    blue += b / sum;
    sat += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return { meanLum: lum / n, redShare: red / n, blueShare: blue / n, meanSat: sat / n };
}

async function meanAbsDiff(a: Uint8Array, b: Uint8Array): Promise<number> {
  const [x, y] = await Promise.all([thumb(a), thumb(b)]);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += Math.abs((x[i] ?? 0) - (y[i] ?? 0));
  return total / x.length;
}

const render = (prompt: string, seed = 1, width = 512, height = 512) =>
  renderOfflineSketch({ prompt, width, height, seed });

describe("analyzeScene", () => {
  it("reads time, weather, place, subject, colour, mood and medium", () => {
    const s = analyzeScene("A red fox curled up in deep snow at night, cozy, watercolor");
    expect(s.time).toBe("night");
    expect(s.timeGiven).toBe(true);
    expect(s.weather).toContain("snow");
    expect(s.subject).toMatchObject({ kind: "fox", pose: "curled", color: "red" });
    expect(s.moods).toContain("cozy");
    expect(s.medium).toBe("watercolor");
    expect(s.matched).toEqual(
      expect.arrayContaining(["red", "fox", "curled up", "snow", "night", "cozy", "watercolor"]),
    );
  });

  it("recognises settings, including ones a word implies", () => {
    expect(analyzeScene("a lighthouse on a cliff above a stormy sea at sunset")).toMatchObject({
      time: "sunset",
      subject: { kind: "lighthouse" },
    });
    const storm = analyzeScene("a lighthouse on a cliff above a stormy sea at sunset");
    expect(storm.settings).toEqual(expect.arrayContaining(["cliff", "sea"]));
    expect(storm.weather).toEqual(expect.arrayContaining(["storm", "clouds"]));

    const street = analyzeScene("a neon city street in the rain, cyberpunk");
    expect(street.settings).toEqual(expect.arrayContaining(["city", "street"]));
    expect(street.tones).toContain("neon");
    expect(street.weather).toContain("rain");
    // Neon with no time named is night.
    expect(street).toMatchObject({ time: "night", timeGiven: false });

    expect(analyzeScene("a quiet mountain lake at dawn, misty, pastel")).toMatchObject({
      time: "dawn",
      settings: expect.arrayContaining(["mountains", "lake"]),
      weather: ["fog"],
      tones: ["pastel"],
      moods: ["calm"],
    });
    expect(analyzeScene("an astronaut in a desert, pixel art")).toMatchObject({
      subject: { kind: "astronaut" },
      settings: ["desert"],
      medium: "pixel",
    });
    expect(analyzeScene("a cozy reading room with a window, warm lamplight").settings).toContain("interior");
    // Inside and outside both named: the one the prompt leads with wins.
    expect(analyzeScene("a quiet room overlooking the sea").settings).toEqual(
      expect.arrayContaining(["interior", "sea"]),
    );
    expect(analyzeScene("a lighthouse above the sea, its lamp room glowing").settings).not.toContain("interior");
    // A colour's modifier is not the picture's tone.
    expect(analyzeScene("a street at dusk, accents of muted ochre").tones).not.toContain("muted");
    expect(analyzeScene("a street at dusk, muted and hazy").tones).toContain("muted");
    // A window on a building outdoors does not make the scene an interior.
    expect(analyzeScene("a cabin with glowing windows in the snow").settings).not.toContain("interior");
  });

  it("prefers phrases, handles plurals and skips negated words", () => {
    const golden = analyzeScene("golden hour over the hills");
    expect(golden.time).toBe("sunset");
    expect(golden.colors).not.toContain("gold");
    expect(analyzeScene("two foxes under the mountains").subject?.kind).toBe("fox");
    expect(analyzeScene("a field with no snow").weather).not.toContain("snow");
    expect(analyzeScene("pine forest, 8-bit").medium).toBe("pixel");
    expect(analyzeScene("a bare prompt about nothing much")).toMatchObject({
      time: "day",
      timeGiven: false,
      subject: null,
      medium: "flat",
    });
  });
});

describe("renderOfflineSketch", () => {
  it("returns byte-identical PNGs for the same prompt and seed", async () => {
    const prompt = "a lighthouse on a cliff above a stormy sea at sunset";
    const [a, b] = await Promise.all([render(prompt, 7), render(prompt, 7)]);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("gives another seed another composition, not only other bytes", async () => {
    for (const prompt of [
      "a deer in a forest at golden hour",
      "a neon city street in the rain",
      "a cozy reading room with a window",
    ]) {
      const [a, b] = await Promise.all([render(prompt, 1), render(prompt, 2)]);
      expect(Buffer.compare(a, b)).not.toBe(0);
      // Mean absolute difference of 32×32 thumbnails, on a 0-255 scale: layouts moved.
      expect(await meanAbsDiff(a, b)).toBeGreaterThan(6);
    }
  });

  it("renders exactly the requested size", async () => {
    for (const [width, height] of [
      [512, 512],
      [1024, 768],
      [768, 1024],
      [1536, 1024],
    ] as const) {
      for (const prompt of [
        "a fox in a meadow",
        "an astronaut in a desert, pixel art",
        "a castle at dusk, watercolor",
      ]) {
        const meta = await sharp(await render(prompt, 3, width, height)).metadata();
        expect(meta).toMatchObject({ format: "png", width, height });
      }
    }
  });

  it("makes a night prompt clearly darker than a sunny noon one", async () => {
    for (const seed of [1, 2, 3]) {
      const night = await stats(await render("a meadow with a lone tree at night", seed));
      const noon = await stats(await render("a meadow with a lone tree at sunny noon", seed));
      expect(night.meanLum).toBeLessThan(noon.meanLum - 60);
    }
  });

  it("makes a red prompt redder than a blue one", async () => {
    for (const seed of [1, 2, 3]) {
      const red = await stats(await render("a red house in a field", seed));
      const blue = await stats(await render("a blue house in a field", seed));
      expect(red.redShare).toBeGreaterThan(blue.redShare + 0.02);
      expect(blue.blueShare).toBeGreaterThan(red.blueShare + 0.02);
    }
  });

  it("warms sunsets, whitens snowy ground and desaturates monochrome", async () => {
    const sunset = await stats(await render("hills at sunset"));
    const day = await stats(await render("hills in the afternoon"));
    expect(sunset.redShare).toBeGreaterThan(day.redShare + 0.03);

    // Mean blue of the bottom eighth: white snow is high in blue, green grass is not.
    const bottomBlue = async (png: Buffer) => {
      const raw = await sharp(png)
        .extract({ left: 0, top: 448, width: 512, height: 64 })
        .removeAlpha()
        .raw()
        .toBuffer();
      let blue = 0;
      for (let i = 2; i < raw.length; i += 3) blue += raw[i] ?? 0;
      return blue / (raw.length / 3);
    };
    const snowy = await bottomBlue(await render("a field in the snow at noon"));
    const green = await bottomBlue(await render("a field at noon"));
    expect(snowy).toBeGreaterThan(green + 60);

    const mono = await stats(await render("a castle on a hill, monochrome"));
    const colour = await stats(await render("a castle on a hill, vibrant"));
    expect(mono.meanSat).toBeLessThan(8);
    expect(colour.meanSat).toBeGreaterThan(40);
  });

  it("draws pixel art as hard square blocks and ink as near-monochrome lines", async () => {
    const raw = await sharp(await render("an astronaut in a desert, pixel art", 1, 1024, 1024))
      .removeAlpha()
      .raw()
      .toBuffer();
    // 1024 px with ~128 blocks across: every 8×8 block is one flat colour.
    let uneven = 0;
    for (let by = 0; by < 1024; by += 64) {
      for (let bx = 0; bx < 1024; bx += 64) {
        const at = (x: number, y: number) => raw.readUIntBE((y * 1024 + x) * 3, 3);
        if (at(bx, by) !== at(bx + 7, by + 7) || at(bx, by) !== at(bx + 3, by + 5)) uneven++;
      }
    }
    expect(uneven).toBe(0);

    const ink = await stats(await render("a wolf on a ridge under the moon, ink sketch"));
    expect(ink.meanSat).toBeLessThan(12);
  });

  it("writes no text into the picture (fonts may be missing)", () => {
    for (const prompt of [
      "a neon city street in the rain",
      "a cozy reading room with a window",
      "a lighthouse at night",
    ]) {
      const svg = sketchSvg({ prompt, width: 512, height: 512, seed: 1 });
      expect(svg).not.toMatch(/<text|<tspan|font-family/);
    }
  });
});

describe("offlineBackend", () => {
  const signal = () => new AbortController().signal;

  it("describes itself from the catalog", () => {
    expect(offlineBackend).toMatchObject({ id: "offline", label: OFFLINE_BACKEND_LABEL, model: OFFLINE_MODEL });
    expect(OFFLINE_MODEL).toBe("offline-sketch-v1");
    expect(offlineBackend.capabilities).toEqual(BACKENDS.offline.capabilities);
    expect(offlineBackend.isConfigured()).toBe(true);
  });

  it("renders n images with consecutive seeds and reports progress after each", async () => {
    const progress: number[] = [];
    const images = await offlineBackend.generate(
      { prompt: "a fox in a forest", size: "768x1024", n: 3, seed: 41 },
      { signal: signal(), onProgress: (f) => progress.push(f) },
    );
    expect(images.map((i) => i.seed)).toEqual([41, 42, 43]);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
    for (const image of images) {
      expect(image).toMatchObject({ mime: "image/png", width: 768, height: 1024 });
      expect(await sharp(image.bytes).metadata()).toMatchObject({ format: "png", width: 768, height: 1024 });
    }
    const second = await renderOfflineSketch({ prompt: "a fox in a forest", width: 768, height: 1024, seed: 42 });
    expect(Buffer.compare(Buffer.from(images[1]?.bytes ?? []), second)).toBe(0);
  });

  it("picks a random 32-bit seed when none is given, and reports it", async () => {
    const [image] = await offlineBackend.generate(
      { prompt: "a boat at sea", size: "512x512", n: 1 },
      { signal: signal() },
    );
    expect(Number.isInteger(image?.seed)).toBe(true);
    expect(image?.seed).toBeGreaterThanOrEqual(0);
    expect(image?.seed).toBeLessThan(2 ** 32);
    const again = await renderOfflineSketch({
      prompt: "a boat at sea",
      width: 512,
      height: 512,
      seed: image?.seed ?? -1,
    });
    expect(Buffer.compare(Buffer.from(image?.bytes ?? []), again)).toBe(0);
  });

  it("stops between images when the signal aborts", async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const run = offlineBackend.generate(
      { prompt: "a castle at dusk", size: "512x512", n: 4, seed: 1 },
      {
        signal: controller.signal,
        onProgress: (f) => {
          progress.push(f);
          controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    await expect(run).rejects.toBeInstanceOf(DOMException);
    expect(progress).toEqual([0.25]);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    let called = false;
    await expect(
      offlineBackend.generate(
        { prompt: "x", size: "512x512", n: 2 },
        { signal: controller.signal, onProgress: () => (called = true) },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(called).toBe(false);
  });

  it("rejects a size it does not offer, and too many images", async () => {
    for (const size of ["640x480", "1024", "2048x2048"]) {
      const run = offlineBackend.generate({ prompt: "a fox", size, n: 1 }, { signal: signal() });
      await expect(run).rejects.toBeInstanceOf(AppError);
      await expect(run).rejects.toMatchObject({ code: "invalid_request", status: 400 });
    }
    await expect(
      offlineBackend.generate({ prompt: "a fox", size: "512x512", n: 5 }, { signal: signal() }),
    ).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});
