import "server-only";
import { AppError } from "@/lib/errors";
import { isModelFamily, type ModelFamily } from "@/lib/prompt-formats/model-family";

/**
 * What a workflow says of the model it runs, in a top-level "promptsmith" entry beside its nodes:
 *
 *   "promptsmith": { "family": "flux-dev", "defaultSize": "1024x1024", "sizes": ["1024x1024", …] }
 *
 * `family` (sd15, sdxl, flux-dev, flux-schnell, sd3, or "checkpoint" to follow the checkpoint's
 * name) decides the dialect, the token budget and whether a negative prompt is offered;
 * `defaultSize` and `sizes` replace the family's. The entry is never sent to ComfyUI: its
 * /prompt refuses anything that is not a node.
 */
export const DECLARATION_KEY = "promptsmith";

export type WorkflowDeclaration = {
  family: ModelFamily | "checkpoint";
  defaultSize?: string;
  sizes?: string[];
};

const SIZE = /^(\d{2,5})x(\d{2,5})$/;

function isSize(v: unknown): v is string {
  const m = typeof v === "string" ? SIZE.exec(v) : null;
  return Boolean(m && Number(m[1]) % 8 === 0 && Number(m[2]) % 8 === 0);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the declaration, or says what is wrong with it (AppError invalid_request). */
export function parseDeclaration(raw: unknown, source: string): WorkflowDeclaration {
  const bad = (what: string) =>
    new AppError("invalid_request", `${source}: "${DECLARATION_KEY}" ${what}.`, { details: { declaration: raw } });
  if (!isRecord(raw)) throw bad('must be an object such as { "family": "flux-dev" }');
  const known = new Set(["family", "defaultSize", "sizes"]);
  const extra = Object.keys(raw).filter((k) => !known.has(k));
  if (extra.length > 0) throw bad(`has unknown keys ${extra.join(", ")}; it takes family, defaultSize and sizes`);
  const { family, defaultSize, sizes } = raw;
  if (family !== "checkpoint" && !isModelFamily(family)) {
    throw bad('needs "family": sd15, sdxl, flux-dev, flux-schnell, sd3 or checkpoint');
  }
  if (family === "checkpoint" && (defaultSize !== undefined || sizes !== undefined)) {
    throw bad("takes defaultSize and sizes only with a fixed family (the checkpoint's family brings its own)");
  }
  if (defaultSize !== undefined && !isSize(defaultSize))
    throw bad("has a defaultSize that is not WIDTHxHEIGHT in steps of 8");
  if (sizes !== undefined && (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every(isSize))) {
    throw bad("has sizes that are not a list of WIDTHxHEIGHT in steps of 8");
  }
  if (Array.isArray(sizes) && typeof defaultSize === "string" && !sizes.includes(defaultSize)) {
    throw bad("has a defaultSize that is not among its sizes");
  }
  return {
    family,
    ...(typeof defaultSize === "string" ? { defaultSize } : {}),
    ...(Array.isArray(sizes) ? { sizes: sizes as string[] } : {}),
  };
}
