import type { Capabilities } from "@/lib/schemas/catalog";
import type { Dialect } from "@/lib/schemas/common";
import { capabilitiesForFamily, type ModelFamily } from "./model-family";

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

/**
 * Checkpoints known by their A1111 short hash (the first 10 hex digits of the file's SHA-256, as
 * A1111 puts it in a title "name [hash]"), so a renamed file is still recognised.
 */
const KNOWN_HASHES: Record<string, ModelFamily> = {
  "6ce0161689": "sd15", // v1-5-pruned-emaonly.safetensors
  cc6cb27103: "sd15", // v1-5-pruned-emaonly.ckpt
  "31e35c80fc": "sdxl", // sd_xl_base_1.0.safetensors
  "4610115bb0": "flux-dev", // flux1-dev.safetensors
};

/** Name patterns, first match wins: FLUX and SD3 before SDXL, since their names may say "xl" too. */
const NAME_RULES: Array<[RegExp, ModelFamily]> = [
  [/flux.*schnell|schnell.*flux/, "flux-schnell"],
  [/flux/, "flux-dev"],
  [/(?:^|[^a-z0-9])sd[-_ .]?3(?:[-_ .]?5)?(?:[^0-9]|$)|stable[-_ ]?diffusion[-_ ]?3/, "sd3"],
  [/sd[-_ ]?xl|(?:^|[^a-z])xl|xl(?:[^a-z]|$)|pony|illustrious|noobai/, "sdxl"],
  [/v1[-_.]?5|sd[-_ ]?1[-_.]?5|(?:^|[^a-z0-9])sd15/, "sd15"],
];

/**
 * The family of a checkpoint, from what A1111 (/sdapi/v1/sd-models: title, model_name, hash,
 * sha256) or ComfyUI (a file name) tells of it: a known hash first, then its name. Undefined when
 * neither says; the caller falls back to its setting. A checkpoint's dialect is its family's
 * (FAMILY_PROFILES), never guessed apart from this. Safe in the browser.
 */
export function guessModelFamily(model: {
  name: string;
  hash?: string | null;
  sha256?: string | null;
}): ModelFamily | undefined {
  const fromTitle = /\[([0-9a-f]{10})\]\s*$/i.exec(model.name)?.[1];
  for (const h of [model.sha256?.slice(0, 10), model.hash?.slice(0, 10), fromTitle]) {
    const known = h ? KNOWN_HASHES[h.toLowerCase()] : undefined;
    if (known) return known;
  }
  // The file name alone: folders and the hash suffix say nothing of the family.
  const file = model.name
    .replace(/\s*\[[0-9a-f]+\]\s*$/i, "")
    .split(/[\\/]/)
    .pop()
    ?.toLowerCase();
  if (!file) return undefined;
  return NAME_RULES.find(([re]) => re.test(file))?.[1];
}

/** What a request may say about the model: an explicit family, or the checkpoint it loads. */
export type ModelChoice = { family?: ModelFamily | null; checkpoint?: string | null };

/**
 * A backend's capabilities for one request. A family the workflow declares is fixed (the graph
 * cannot run another); otherwise an explicit family wins, then the checkpoint's (when the
 * backend follows checkpoints), then the backend's own. Backends without families are unchanged.
 */
export function capabilitiesFor(caps: Capabilities, choice: ModelChoice = {}): Capabilities {
  if (!caps.family || caps.familySource === "workflow") return caps;
  const detected =
    caps.familySource === "checkpoint" && choice.checkpoint ? guessModelFamily({ name: choice.checkpoint }) : undefined;
  return capabilitiesForFamily(caps, choice.family ?? detected ?? caps.family);
}
