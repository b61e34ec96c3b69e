import { BACKENDS } from "@/lib/catalog";
import { capabilitiesFor } from "@/lib/prompt-formats/guess-dialect";
import type { ModelFamily } from "@/lib/prompt-formats/model-family";
import type { GenerateBody } from "@/lib/schemas/api";
import type { Capabilities, Catalog, CatalogBackend } from "@/lib/schemas/catalog";
import type { IdeaDetail } from "@/lib/schemas/entities";
import type { StyleId } from "@/lib/schemas/styles";
import { STYLE_IDS } from "@/lib/schemas/names";

/** What the compose zone chooses: style, backend and the parameters that backend allows. */
export type ComposeSettings = {
  style: StyleId | null;
  backend: string;
  size: string;
  n: number;
  randomSeed: boolean;
  seed: string;
  quality: string | null;
  sampler: string | null;
  /** A model file for backends that load one; null = the backend's current one. */
  checkpoint: string | null;
  /**
   * The model family chosen by hand (SD-style backends), overriding what the checkpoint's name
   * says; absent or null = follow the checkpoint (lib/prompt-formats/guess-dialect.ts).
   */
  family?: ModelFamily | null;
  steps: string;
  guidance: string;
};

export const MAX_SEED = 4_294_967_295;

const FALLBACK_CAPS: Capabilities = BACKENDS.offline.capabilities as unknown as Capabilities;

export function findBackend(catalog: Catalog, id: string): CatalogBackend | undefined {
  return catalog.backends.find((b) => b.id === id);
}

/** What the request says of the model: the family chosen by hand and the checkpoint, where given. */
export function modelChoice(s: Pick<ComposeSettings, "family" | "checkpoint">): {
  family?: ModelFamily;
  checkpoint?: string;
} {
  return { ...(s.family ? { family: s.family } : {}), ...(s.checkpoint ? { checkpoint: s.checkpoint } : {}) };
}

/**
 * A backend's capabilities as the studio offers them: for SD-style backends, those of the model
 * family in force (the one chosen, else the checkpoint's, else the backend's), so the sizes,
 * dialect, budget and negative prompt follow the checkpoint.
 */
export function capsOf(
  catalog: Catalog,
  id: string,
  model?: Pick<ComposeSettings, "family" | "checkpoint">,
): Capabilities {
  const caps = findBackend(catalog, id)?.capabilities ?? FALLBACK_CAPS;
  return model ? capabilitiesFor(caps, modelChoice(model)) : capabilitiesFor(caps);
}

function pickBackend(catalog: Catalog, wanted?: string): string {
  const usable = (id: string | undefined) => catalog.backends.find((b) => b.id === id && b.configured)?.id;
  return (
    usable(wanted) ??
    usable(catalog.defaults.backend) ??
    catalog.backends.find((b) => b.configured)?.id ??
    catalog.backends[0]?.id ??
    "offline"
  );
}

/**
 * Steps and guidance left at the old backend's (or family's) defaults, cleared so the new one's
 * defaults come in: A1111's guidance 7 must not follow a switch to a FLUX workflow, which takes 3.5.
 */
export function dropDefaults(s: ComposeSettings, before: Capabilities): ComposeSettings {
  return {
    ...s,
    steps: before.steps && s.steps === String(before.steps.default) ? "" : s.steps,
    guidance: before.guidance && s.guidance === String(before.guidance.default) ? "" : s.guidance,
  };
}

/** Clamp every parameter to what the backend takes, keeping what still fits. */
export function fitToBackend(s: ComposeSettings, caps: Capabilities): ComposeSettings {
  const { family, ...rest } = s;
  // A family chosen by hand stays only where the backend lets a request choose one.
  const keepFamily = family && caps.family && caps.familySource !== "workflow";
  return {
    ...rest,
    ...(keepFamily ? { family } : {}),
    size: caps.sizes.includes(s.size) ? s.size : caps.defaultSize,
    n: Math.min(Math.max(1, s.n), caps.maxImages),
    quality: caps.quality
      ? s.quality && caps.quality.includes(s.quality)
        ? s.quality
        : (caps.quality[0] ?? null)
      : null,
    sampler: caps.samplers && s.sampler && caps.samplers.includes(s.sampler) ? s.sampler : null,
    checkpoint: caps.checkpoints ? s.checkpoint : null,
    steps: caps.steps ? s.steps || String(caps.steps.default) : "",
    guidance: caps.guidance ? s.guidance || String(caps.guidance.default) : "",
  };
}

/** An image to start from (Reuse prompt on the image page): its settings, and its seed when `seed` is "same". */
export type ReuseImage = { imageId: string; seed: "same" | "new" };

export function initialSettings(
  catalog: Catalog,
  detail: IdeaDetail | undefined,
  versionId?: string,
  reuse?: ReuseImage,
): ComposeSettings {
  // The reused image's own generation, else the idea's latest: its backend and parameters come back.
  const fromImage = reuse ? detail?.generations.find((g) => g.images.some((i) => i.id === reuse.imageId)) : undefined;
  const latest =
    fromImage ??
    detail?.generations.reduce<IdeaDetail["generations"][number] | undefined>(
      (a, g) => (!a || g.createdAt > a.createdAt ? g : a),
      undefined,
    );
  const backend = pickBackend(catalog, latest?.backend);
  // The checkpoint it ran brings its family back (SDXL sizes for an SDXL checkpoint).
  const ranWith = latest?.backend === backend ? latest?.params?.checkpoint : undefined;
  const caps = capsOf(catalog, backend, { checkpoint: ranWith ?? null });
  const version = detail?.versions.find((v) => v.id === versionId) ?? detail?.versions.at(-1);
  const style = version?.style && (STYLE_IDS as readonly string[]).includes(version.style) ? version.style : null;
  const sameBackend = latest?.backend === backend;
  const p = sameBackend ? latest?.params : undefined;
  // "Same seed" remakes that one image, so one image, with its seed (as Load from image… does).
  const seed = reuse?.seed === "same" && caps.seed ? fromImage?.images.find((i) => i.id === reuse.imageId)?.seed : null;
  const keepSeed = seed !== null && seed !== undefined;
  return fitToBackend(
    {
      style,
      backend,
      size: p?.size ?? caps.defaultSize,
      n: keepSeed ? 1 : (p?.n ?? 1),
      randomSeed: !keepSeed,
      seed: keepSeed ? String(seed) : "",
      quality: p?.quality ?? null,
      sampler: p?.sampler ?? null,
      checkpoint: p?.checkpoint ?? null,
      steps: p?.steps != null ? String(p.steps) : "",
      guidance: p?.guidance != null ? String(p.guidance) : "",
    },
    caps,
  );
}

export function parseSeed(text: string): number | null {
  // -1 is "random" as A1111 and ComfyUI users type it; the server draws the seed and records it.
  if (text.trim() === "-1") return -1;
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) && n <= MAX_SEED ? n : null;
}

function inRange(text: string, r: { min: number; max: number } | undefined, integer: boolean): number | undefined {
  if (!r || text.trim() === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < r.min || n > r.max || (integer && !Number.isInteger(n))) return undefined;
  return n;
}

/** A problem with the parameters, in words, or null when they can be sent. */
export function settingsProblem(s: ComposeSettings, caps: Capabilities): string | null {
  if (caps.seed && !s.randomSeed && parseSeed(s.seed) === null) {
    return `The seed must be a whole number from 0 to ${MAX_SEED}.`;
  }
  if (caps.steps && s.steps.trim() !== "" && inRange(s.steps, caps.steps, true) === undefined) {
    return `Steps must be a whole number from ${caps.steps.min} to ${caps.steps.max}.`;
  }
  if (caps.guidance && s.guidance.trim() !== "" && inRange(s.guidance, caps.guidance, false) === undefined) {
    return `Guidance must be from ${caps.guidance.min} to ${caps.guidance.max}.`;
  }
  return null;
}

export function toGenerateParams(s: ComposeSettings, caps: Capabilities): GenerateBody["params"] {
  const params: GenerateBody["params"] = { size: s.size, n: s.n };
  if (caps.seed && !s.randomSeed) {
    const seed = parseSeed(s.seed);
    if (seed !== null) params.seed = seed;
  }
  if (caps.quality && s.quality) params.quality = s.quality;
  if (caps.samplers && s.sampler) params.sampler = s.sampler;
  if (caps.checkpoints && s.checkpoint) params.checkpoint = s.checkpoint;
  const steps = inRange(s.steps, caps.steps, true);
  if (steps !== undefined) params.steps = steps;
  const guidance = inRange(s.guidance, caps.guidance, false);
  if (guidance !== undefined) params.guidance = guidance;
  return params;
}
