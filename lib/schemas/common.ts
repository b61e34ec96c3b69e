import { z } from "zod";
import { ID_MAX_CHARS, ID_PATTERN } from "./names";

// zod 4 probes for eval with `new Function("")` on first use; the CSP forbids eval, so tell it not to.
z.config({ jitless: true });

/** Opaque URL-safe id: what lib/ids.ts makes, and nothing that could walk a path. */
export const IdSchema = z
  .string()
  .min(1)
  .max(ID_MAX_CHARS)
  .regex(ID_PATTERN, "must be an id (letters, digits, _ and -)");

export const IsoDateSchema = z.string();

/** "WIDTHxHEIGHT", e.g. "1024x1024". */
export const SizeSchema = z.string().regex(/^\d{2,5}x\d{2,5}$/, "must be WIDTHxHEIGHT, e.g. 1024x1024");
export type Size = z.infer<typeof SizeSchema>;

export const DialectSchema = z.enum(["prose", "tags"]);
export type Dialect = z.infer<typeof DialectSchema>;

export function parseSize(size: string): { width: number; height: number } {
  const [w, h] = size.split("x").map(Number);
  return { width: w ?? 0, height: h ?? 0 };
}

export { LIMITS } from "./limits";
