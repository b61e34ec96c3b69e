import { z } from "zod";

/** Ids of the style presets (lib/styles.ts holds their parts). "none" is spelled as null. */
export const STYLE_IDS = [
  "cinematic-photo",
  "watercolor",
  "oil-painting",
  "anime",
  "3d-render",
  "pixel-art",
  "ink-sketch",
  "isometric",
  "film-noir",
  "charcoal-drawing",
  "woodblock-print",
  "comic-book",
  "claymation",
  "vaporwave",
  "low-poly",
] as const;

export const StyleIdSchema = z.enum(STYLE_IDS);
export type StyleId = z.infer<typeof StyleIdSchema>;
