import type { StyleSnapshot } from "@/lib/schemas/styles";
import { ANATOMY_NEGATIVE, COMMON_NEGATIVE, HANDS_NEGATIVE } from "./vocab/craft";
import type { MediumFamily } from "./vocab/media";
import type { SubjectKind } from "./vocab/subjects";
import { hasPhrase } from "./words";

/**
 * The negative prompt for tag-dialect backends: the style's own exclusions, then the defects
 * every Stable Diffusion prompt guards against, with anatomy guards for living subjects.
 * Never negates something the prompt asks for (an idea about a sign keeps "text" wanted).
 */
export function buildNegative(opts: {
  style?: StyleSnapshot;
  subjectKind?: SubjectKind;
  prompt: string;
  pixel?: boolean;
  family?: MediumFamily;
}): string {
  const items = [
    ...(opts.style ? opts.style.negative.split(/\s*,\s*/) : []),
    ...COMMON_NEGATIVE,
    // With no preset to guard the look, the medium guards against its opposite: a photo against paint.
    ...(!opts.style && opts.family ? (MEDIUM_NEGATIVE[opts.family] ?? []) : []),
    ...(opts.subjectKind === "animal" || opts.subjectKind === "creature" || opts.subjectKind === "person"
      ? ANATOMY_NEGATIVE
      : []),
    ...(opts.subjectKind === "person" ? HANDS_NEGATIVE : []),
  ];
  return mergeNegative([], items, opts.prompt, opts.pixel);
}

/** What each kind of medium must not turn into; never the medium itself ("photo" is never negated on a photo). */
export const MEDIUM_NEGATIVE: Partial<Record<MediumFamily, readonly string[]>> = {
  photo: ["painting", "illustration", "cartoon"],
  pixel: ["photorealistic", "film grain", "smooth gradients"],
  graphic: ["photorealistic", "film grain", "3d render"],
};

/** Adds items to a negative prompt's list, keeping order, dropping repeats and anything the prompt wants. */
export function mergeNegative(
  existing: readonly string[],
  add: readonly string[],
  prompt: string,
  pixel = false,
): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [...existing, ...add]) {
    const item = raw.trim();
    const key = item.toLowerCase();
    if (!item || seen.has(key)) continue;
    if (hasPhrase(prompt, item)) continue;
    // Pixel art is low resolution on purpose.
    if (pixel && key === "lowres") continue;
    seen.add(key);
    out.push(item);
  }
  return out.join(", ");
}
