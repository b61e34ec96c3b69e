import "server-only";
import { analyzeScene } from "./analyze-scene";
import { composeScene } from "./compose-scene";
import { composeFor, manifestOf, type SceneManifest } from "./manifest";
import { inkSketch } from "./post/ink";
import { painterly } from "./post/painterly";
import { PIXEL_COLORS, pixelBlock } from "./post/pixel";
import { watercolor } from "./post/watercolor";
import { hashString, mixSeeds } from "./prng";
import { blurRaw, quantizeRaw, rawToPng, svgToRaw, upscaleNearest } from "./rasterize";

export type SketchRequest = { prompt: string; width: number; height: number; seed: number };

/** The SVG for a request, before rasterising and before any medium's finish: to inspect or benchmark. */
export function sketchSvg(req: SketchRequest): string {
  return composeScene(analyzeScene(req.prompt), {
    width: req.width,
    height: req.height,
    seed: req.seed,
    prompt: req.prompt,
  }).svg;
}

/** A PNG sketch of the prompt at exactly width × height; the same prompt and seed give the same bytes. */
export async function renderOfflineSketch(req: SketchRequest): Promise<Buffer> {
  return (await renderOfflineSketchWithManifest(req)).png;
}

/** The sketch and what it drew (its scene manifest), from one composition. */
export async function renderOfflineSketchWithManifest(
  req: SketchRequest,
): Promise<{ png: Buffer; manifest: SceneManifest }> {
  const { width, height } = req;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 16 ||
    height < 16 ||
    width > 4096 ||
    height > 4096
  ) {
    throw new RangeError(`unsupported sketch size ${width}x${height}`);
  }
  const size = { width, height };
  // One composition: the picture rasterised below and the manifest are read from the same one.
  const composed = composeFor(req.prompt, req.seed, size);
  const manifest = manifestOf(composed);
  return { png: await rasterize(composed.svg, manifest.medium, req), manifest };
}

async function rasterize(svgFull: string, medium: SceneManifest["medium"], req: SketchRequest): Promise<Buffer> {
  const { width, height } = req;
  const size = { width, height };
  const m = Math.min(width, height);
  const grainSeed = mixSeeds(req.seed >>> 0, hashString(req.prompt));

  switch (medium) {
    case "pixel": {
      const block = pixelBlock(width, height);
      const small = { width: Math.ceil(width / block), height: Math.ceil(height / block) };
      const svg = drawnAt(svgFull, small);
      const raw = await quantizeRaw({ data: await svgToRaw(svg, small.width, small.height), ...small }, PIXEL_COLORS);
      return rawToPng({ data: await upscaleNearest({ data: raw, ...small }, width, height), ...size });
    }
    case "watercolor": {
      const raw = await svgToRaw(svgFull, width, height);
      const soft = await blurRaw({ data: raw, ...size }, Math.max(0.8, m / 650));
      return rawToPng({ data: watercolor(raw, soft, width, height, grainSeed), ...size });
    }
    case "painterly": {
      const raw = await svgToRaw(svgFull, width, height);
      const soft = await blurRaw({ data: raw, ...size }, Math.max(0.8, m / 700));
      return rawToPng({ data: painterly(soft, width, height, grainSeed), ...size });
    }
    case "ink": {
      const raw = await svgToRaw(svgFull, width, height);
      return rawToPng({ data: inkSketch(raw, width, height, m), ...size });
    }
    default:
      return rawToPng({ data: await svgToRaw(svgFull, width, height), ...size });
  }
}

/**
 * The same document rasterised at another size (pixel art draws small): composeScene's drawAt
 * changes only the root element's width and height, never what is drawn, so they are swapped here.
 */
function drawnAt(svg: string, at: { width: number; height: number }): string {
  return svg.replace(/^<svg ([^>]*?)width="[^"]*" height="[^"]*"/, `<svg $1width="${at.width}" height="${at.height}"`);
}
