import { formatInfotext } from "@/lib/png/infotext";
import type { CopySource, CopyTarget } from "./copy-targets";
import { nearestRatio, parseRatio, parseSizeText, type Ratio, ratioText, reduceRatio } from "./aspect-ratio";
import { formatMjParam, hasMjParam, type MjParam, mjParamValue, splitMjParams } from "./midjourney-params";
import { oneLine, plainTags, tidy, withoutWeights } from "./plain-text";
import { proseToTags } from "./prose-to-tags";

export { COPY_TARGETS, type CopySource, type CopyTarget } from "./copy-targets";

export function formatFor(target: CopyTarget, source: CopySource): string {
  switch (target) {
    case "plain":
      return source.prompt.trim();
    case "midjourney":
      return forMidjourney(source);
    case "ideogram":
      return forIdeogram(source);
    case "stable-diffusion":
      return forStableDiffusion(source);
  }
}

function ratioOf(source: CopySource): Ratio | undefined {
  if (source.width && source.height) return reduceRatio(source.width, source.height);
  const size = source.size ? parseSizeText(source.size) : undefined;
  return size ? reduceRatio(size.width, size.height) : undefined;
}

/** The prompt's words, split from any Midjourney parameters written at its end. */
function parts(source: CopySource): { words: string; params: MjParam[]; negative: string } {
  const { text, params } = splitMjParams(source.prompt);
  const words = source.dialect === "tags" ? plainTags(text) : withoutWeights(text);
  return { words, params, negative: plainTags(source.negativePrompt ?? "") };
}

/** Negative terms from the negative prompt and a `--no` already in the prompt, each once. */
function negativeTerms(negative: string, params: readonly MjParam[]): string {
  const fromPrompt = plainTags(mjParamValue(params, "no") ?? "");
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of [...negative.split(/\s*,\s*/), ...fromPrompt.split(/\s*,\s*/)]) {
    const key = term.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(term.trim());
  }
  return out.join(", ");
}

/**
 * Midjourney: the prompt on one line, then `--ar W:H` from the chosen size and `--no a, b` from
 * the negative prompt. Parameters the prompt already has are kept as written and never added
 * twice; a `--no` in the prompt takes the negative prompt's terms too, so there is only one.
 */
export function forMidjourney(source: CopySource): string {
  const { words, params, negative } = parts(source);
  const out = params.map((p) => (p.name === "no" ? { ...p, value: negativeTerms(negative, params) } : p));
  const ratio = ratioOf(source);
  if (ratio && !hasMjParam(params, "ar")) out.unshift({ name: "ar", value: ratioText(ratio) });
  if (negative && !hasMjParam(params, "no")) out.push({ name: "no", value: negative });
  return [oneLine(words), ...out.map(formatMjParam)].filter(Boolean).join(" ");
}

/** The aspect ratios Ideogram offers (its API's `aspect_ratio` values, 3.0). */
export const IDEOGRAM_RATIOS: readonly Ratio[] = [
  [1, 1],
  [1, 3],
  [3, 1],
  [1, 2],
  [2, 1],
  [9, 16],
  [16, 9],
  [10, 16],
  [16, 10],
  [2, 3],
  [3, 2],
  [3, 4],
  [4, 3],
  [4, 5],
  [5, 4],
].map(([w, h]) => ({ w: w as number, h: h as number }));

/**
 * Ideogram: the prose prompt, then a blank line and labelled lines for what Ideogram takes in
 * fields of its own: "Negative prompt: …" and "Aspect ratio: 2:3" (the nearest ratio it offers).
 * Why not parameters in the prompt: Ideogram reads no `--ar`-style syntax and is good at drawing
 * text, so anything left in the prompt risks being lettered into the image. The labelled lines
 * travel with the prompt (a clipboard holds one text) and are plain to move into their fields.
 */
export function forIdeogram(source: CopySource): string {
  const { words, params, negative } = parts(source);
  const terms = negativeTerms(negative, params);
  const own = ratioOf(source) ?? parseRatio(mjParamValue(params, "ar") ?? "");
  const lines = [
    ...(terms ? [`Negative prompt: ${terms}`] : []),
    ...(own ? [`Aspect ratio: ${ratioText(nearestRatio(own, IDEOGRAM_RATIOS))}`] : []),
  ];
  return lines.length ? `${words}\n\n${lines.join("\n")}` : words;
}

/**
 * Stable Diffusion (AUTOMATIC1111, Forge, ComfyUI text boxes): weighted tags, then
 * "Negative prompt: …", as A1111's infotext has them, so "Read generation parameters" and
 * paste-into-prompt both split it. A prose prompt becomes a tag list; weights are kept;
 * Midjourney parameters are dropped (`--no` joins the negative prompt; the size is set apart).
 */
export function forStableDiffusion(source: CopySource): string {
  const { text, params } = splitMjParams(source.prompt);
  const tags = source.dialect === "tags" ? tidy(text) : proseToTags(text);
  const fromNo = mjParamValue(params, "no");
  const negative = [source.negativePrompt?.trim(), fromNo?.trim()].filter(Boolean).join(", ");
  return formatInfotext({ prompt: tags, negativePrompt: negative });
}
