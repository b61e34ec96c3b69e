import "server-only";
import { AppError } from "@/lib/errors";
import { type StyleId, StyleIdSchema } from "@/lib/schemas/styles";

/** A style's id from a URL: a built-in or an own one ("own-…"); anything else is not found. */
export function parseStyleId(raw: string): StyleId {
  const parsed = StyleIdSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "The style was not found.");
  return parsed.data;
}
