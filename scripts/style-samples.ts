/**
 * Renders one sample per style preset into public/styles/<id>.webp, with the recipe every style's
 * sample is made by (lib/studio/styles/style-sample.ts, own styles' too): the offline refiner's
 * prompt for a fixed idea in that style, drawn by the offline sketch renderer with a fixed seed.
 * Deterministic, so re-running it only changes files when a preset or the renderer did.
 *
 *   npx tsx --conditions react-server scripts/style-samples.ts
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderStyleSample } from "@/lib/studio/styles/style-sample";
import { snapshotOf, STYLE_PRESETS } from "@/lib/styles";

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..");
  for (const preset of STYLE_PRESETS) {
    const file = path.join(root, "public", preset.sample);
    const webp = await renderStyleSample(snapshotOf(preset));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, webp);
    console.log(`${preset.sample}  ${(webp.length / 1024).toFixed(1)} KB`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
