import type { PartName } from "@/lib/schemas/entities";

/** How each part of a prompt's anatomy is shown on its chip. */
export const PART_LABELS: Record<PartName, string> = {
  subject: "Subject",
  setting: "Setting",
  medium: "Medium",
  lighting: "Lighting",
  composition: "Composition",
  palette: "Palette",
  details: "Details",
  negative: "Negative",
};
