import { SizeSchema } from "@/lib/schemas/common";
import type { ImportedParams } from "../recipe";

/**
 * Coercions for values from other tools' metadata, where a seed may be a number or a string
 * and anything may be missing. Each answers undefined rather than guess.
 */

/** An integer we can hold exactly; ComfyUI seeds past 2^53 would come back altered, so they are dropped. */
export function toInt(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : undefined;
}

export function toNumber(value: unknown): number | undefined {
  const n =
    typeof value === "string" && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

export function toText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** "WIDTHxHEIGHT" as the rest of the app takes it, or undefined. */
export function toSize(width: unknown, height: unknown): string | undefined {
  const w = toInt(width);
  const h = toInt(height);
  if (w === undefined || h === undefined) return undefined;
  const size = `${w}x${h}`;
  return SizeSchema.safeParse(size).success ? size : undefined;
}

/** Parses "512x512" (A1111), "(1024, 1024)" (Fooocus) and the like. */
export function sizeFromText(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\s*\(?\s*(\d+)\s*[x×*,]\s*(\d+)\s*\)?\s*$/.exec(value);
  return m ? toSize(m[1], m[2]) : undefined;
}

/** Drops undefined entries so results compare and serialise cleanly. */
export function compactParams(params: ImportedParams): ImportedParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as ImportedParams;
}
