/**
 * Renders one sample per style preset into public/styles/<id>.webp: the offline refiner's
 * prompt for a fixed idea in that style, drawn by the offline sketch renderer with a fixed
 * seed. Deterministic, so re-running it only changes files when a preset or the renderer did.
 *
 *   npx tsx --conditions react-server scripts/style-samples.ts
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { BACKENDS } from "@/lib/catalog";
import { refineOffline } from "@/lib/refine/offline";
import { STYLE_PRESETS } from "@/lib/styles";

// No time of day or mood in the idea, so each preset's own lighting and palette show.
export const SAMPLE_IDEA = "a lighthouse on a cliff above the sea";
export const SAMPLE_SEED = 7;
export const SAMPLE_SIZE = 384;

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..");
  for (const preset of STYLE_PRESETS) {
    const file = path.join(root, "public", preset.sample);
    const { prompt } = refineOffline({
      idea: SAMPLE_IDEA,
      style: preset.id,
      dialect: BACKENDS.offline.capabilities.dialect,
    });
    const png = await renderOfflineSketch({ prompt, width: SAMPLE_SIZE, height: SAMPLE_SIZE, seed: SAMPLE_SEED });
    const webp = await sharp(png).webp({ quality: 80, effort: 6 }).toBuffer();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, webp);
    console.log(`${preset.sample}  ${(webp.length / 1024).toFixed(1)} KB`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
