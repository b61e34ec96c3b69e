import type { Dialect } from "@/lib/schemas/common";

/**
 * The dialect of a prompt whose writer did not say (typed by hand, read from an image, or a
 * refiner's answer without one). Weighted `(words:1.2)` groups are the mark of Stable Diffusion
 * front ends; a closing full stop marks sentences; a list of three or more short comma-separated
 * fragments is tags; anything else reads as prose. Safe in the browser.
 */
export function guessDialect(prompt: string): Dialect {
  const text = prompt.trim();
  if (/\([^()]+:\s*\d+(?:\.\d+)?\)/.test(text)) return "tags";
  if (/[.!?]["')\]]?$/.test(text)) return "prose";
  const pieces = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return pieces.length >= 3 && pieces.every((p) => p.split(/\s+/).length <= 6) ? "tags" : "prose";
}
