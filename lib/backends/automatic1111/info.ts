import "server-only";
import { AppError } from "@/lib/errors";

/** What we use of the `info` string of a txt2img answer (A1111's `Processed.js()`). */
export type A1111Info = {
  /** The first image's seed. */
  seed?: number;
  /** One per generated image, grid excluded: seed, seed+1, … for a batch. */
  allSeeds: number[];
  /** One per returned image, grid included (at index 0 when there is one). */
  infotexts: string[];
  /** 1 when a grid was put in front of the images, else 0. */
  indexOfFirstImage: number;
  samplerName?: string;
  /** The checkpoint's short name, e.g. "v1-5-pruned-emaonly". */
  modelName?: string;
  /** Its short hash, e.g. "6ce0161689". */
  modelHash?: string;
  width?: number;
  height?: number;
  steps?: number;
  cfgScale?: number;
  version?: string;
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isSafeInteger(v) ? (v as number) : undefined);

/**
 * `info` is a JSON document inside a string. A1111 writes it with json.dumps, so an unreadable
 * one means something between us and the server broke the answer: that is a failure. Single
 * fields, though, vary across versions and forks (Forge, SD.Next), so each one is optional.
 */
export function parseInfo(info: string): A1111Info {
  let raw: unknown;
  try {
    raw = JSON.parse(info);
  } catch (e) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent generation info we could not read.", { cause: e });
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AppError("backend_error", "AUTOMATIC1111 sent generation info we could not read.", { cause: info });
  }
  const o = raw as Record<string, unknown>;
  const seed = int(o.seed);
  const allSeeds = Array.isArray(o.all_seeds) ? o.all_seeds.filter((s): s is number => Number.isSafeInteger(s)) : [];
  const infotexts = Array.isArray(o.infotexts) ? o.infotexts.map((t) => (typeof t === "string" ? t : "")) : [];
  const first = int(o.index_of_first_image);
  return {
    seed,
    // Older answers without all_seeds still have the first seed; a batch counts up from it.
    allSeeds: allSeeds.length > 0 ? allSeeds : seed !== undefined ? [seed] : [],
    infotexts,
    indexOfFirstImage: first !== undefined && first >= 0 ? first : 0,
    samplerName: str(o.sampler_name),
    modelName: str(o.sd_model_name),
    modelHash: str(o.sd_model_hash),
    width: int(o.width),
    height: int(o.height),
    steps: int(o.steps),
    cfgScale: num(o.cfg_scale),
    version: str(o.version),
  };
}
