import "server-only";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { BACKENDS } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { sharp } from "@/lib/images/sharp";
import { refineOffline } from "@/lib/refine/offline";
import type { OwnStyle, StyleSampleBody, StyleSnapshot } from "@/lib/schemas/styles";
import { snapshotOf } from "@/lib/styles";
import { deps } from "../deps";

/**
 * How every style's sample is made (scripts/style-samples.ts makes the built-ins' with it): the
 * offline refiner's prompt for a fixed idea in the style, drawn by the offline renderer with a
 * fixed seed. No time of day or mood in the idea, so the style's own lighting and palette show.
 */
export const STYLE_SAMPLE = { idea: "a lighthouse on a cliff above the sea", seed: 7, size: 384 } as const;

/** The sample of a style, as WebP: deterministic, so the same parts give the same picture. */
export async function renderStyleSample(style: StyleSnapshot): Promise<Uint8Array> {
  const { prompt } = refineOffline({
    idea: STYLE_SAMPLE.idea,
    style: style.id,
    ownStyle: style,
    dialect: BACKENDS.offline.capabilities.dialect,
  });
  const png = await renderOfflineSketch({
    prompt,
    width: STYLE_SAMPLE.size,
    height: STYLE_SAMPLE.size,
    seed: STYLE_SAMPLE.seed,
  });
  return new Uint8Array(await sharp(png).webp({ quality: 80, effort: 6 }).toBuffer());
}

/**
 * An own style's sample. One not made yet (a new, edited or imported style) is rendered now and
 * kept, unless the style changed meanwhile (then the next ask renders the new one).
 */
export async function styleSample(id: string): Promise<Uint8Array> {
  const { store } = deps();
  const sample = await store.getOwnStyleSample(id);
  if (!sample) throw new AppError("not_found", "The style was not found.");
  if (sample.bytes) return sample.bytes;
  const style = await store.getOwnStyle(id);
  if (!style) throw new AppError("not_found", "The style was not found.");
  const bytes = await renderStyleSample(snapshotOf(style));
  await store.setOwnStyleSample(id, { bytes, source: "offline", imageId: null, ifUpdatedAt: sample.updatedAt });
  return bytes;
}

/** The longest side of a sample taken from a gallery image. */
const PICKED_SIZE = 384;

/** A new sample: rendered offline now, or taken from a gallery image (its picture, cut square). */
export async function setStyleSample(id: string, body: StyleSampleBody): Promise<OwnStyle> {
  const { store, files } = deps();
  const style = await store.getOwnStyle(id);
  if (!style) throw new AppError("not_found", "The style was not found.");
  let bytes: Uint8Array;
  if (body.source === "offline") {
    bytes = await renderStyleSample(snapshotOf(style));
  } else {
    const image = await store.getImage(body.imageId);
    const stored = image && (await files.read(image.id, "thumb"));
    if (!stored) throw new AppError("not_found", "imageId: the gallery image was not found.");
    bytes = new Uint8Array(
      await sharp(stored.bytes).resize(PICKED_SIZE, PICKED_SIZE, { fit: "cover" }).webp({ quality: 80 }).toBuffer(),
    );
  }
  const saved = await store.setOwnStyleSample(id, {
    bytes,
    source: body.source,
    imageId: body.source === "image" ? body.imageId : null,
    touchedAt: new Date().toISOString(),
  });
  if (!saved) throw new AppError("not_found", "The style was not found.");
  return saved;
}
