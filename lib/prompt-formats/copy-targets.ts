import type { Dialect } from "@/lib/schemas/common";

/** What is copied: the prompt as on screen, its negative prompt, the chosen size and the dialect it is written in. */
export type CopySource = {
  prompt: string;
  negativePrompt?: string | null;
  width?: number;
  height?: number;
  /** The studio's size choice, "WIDTHxHEIGHT", when width and height are not given. */
  size?: string;
  dialect: Dialect;
};

export type CopyTarget = "plain" | "midjourney" | "ideogram" | "stable-diffusion";

/**
 * The menu's items, in order; each label is the item's accessible name. Apart from the
 * formatters (copy-formats.ts), so a page can show the menu without loading them (issue 12).
 */
export const COPY_TARGETS: readonly { target: Exclude<CopyTarget, "plain">; label: string; name: string }[] = [
  { target: "midjourney", label: "Copy for Midjourney", name: "Midjourney" },
  { target: "ideogram", label: "Copy for Ideogram", name: "Ideogram" },
  { target: "stable-diffusion", label: "Copy for Stable Diffusion", name: "Stable Diffusion" },
];
