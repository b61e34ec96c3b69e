import type { StyleId } from "./schemas/styles";

/**
 * A style preset as structured parts, so both dialects can apply it faithfully:
 * prose weaves the phrases into sentences, tags emits them as weighted tags.
 */
export type StylePreset = {
  id: StyleId;
  label: string;
  /** One line for the Style combobox's description. */
  description: string;
  medium: string;
  lighting: string;
  palette: string;
  camera: string;
  detail: string;
  /** Tags for the negative prompt of tag-dialect backends. */
  negative: string;
};

// PLACEHOLDER: the offline-refiner work fills these in with carefully written parts.
export const STYLE_PRESETS: readonly StylePreset[] = [];

export function getStyle(id: StyleId | null | undefined): StylePreset | undefined {
  return id ? STYLE_PRESETS.find((s) => s.id === id) : undefined;
}
