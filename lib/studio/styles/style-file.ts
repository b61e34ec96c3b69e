import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  type OwnStyle,
  STYLES_FILE_FORMAT,
  STYLES_FILE_VERSION,
  type StylesFile,
  StylesFileSchema,
} from "@/lib/schemas/styles";
import type { NewOwnStyle } from "@/lib/store/types";
import { deps } from "../deps";
import { newOwnStyleId } from "./own-styles";

/** Own styles as a file (version 1) to keep, share or import elsewhere. */
export async function exportStyles(): Promise<StylesFile> {
  const items = await deps().store.listOwnStyles();
  return {
    format: STYLES_FILE_FORMAT,
    version: STYLES_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    styles: items.map(({ id, label, description, medium, lighting, palette, camera, detail, negative }) => ({
      id,
      label,
      description,
      medium,
      lighting,
      palette,
      camera,
      detail,
      negative,
    })),
  };
}

/** "styles[2].palette", as a person reading the file finds it. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function invalidFile(issues: readonly z.core.$ZodIssue[]): AppError {
  const details = issues.map((i) => ({ path: issuePath(i.path), message: i.message, code: i.code }));
  const first = details[0];
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : "";
  const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}${more}` : "The file is not valid.";
  return new AppError("invalid_request", `Nothing was imported. ${message}`, { details });
}

/**
 * Imports a styles file, all or nothing: a file with any wrong entry changes nothing and says which
 * entry and field is wrong ("styles[2].palette: too long (at most 200 characters)"). Entries with an
 * own style's id update that style (importing a file twice does not double it); the rest are new.
 */
export async function importStyles(data: unknown): Promise<{ created: number; updated: number; items: OwnStyle[] }> {
  const parsed = StylesFileSchema.safeParse(data);
  if (!parsed.success) throw invalidFile(parsed.error.issues);
  const seen = new Map<string, number>();
  const duplicates: z.core.$ZodIssue[] = [];
  parsed.data.styles.forEach((entry, index) => {
    if (!entry.id) return;
    const first = seen.get(entry.id);
    if (first !== undefined) {
      duplicates.push({
        code: "custom",
        path: ["styles", index, "id"],
        message: `repeats the id of styles[${first}]`,
        input: entry.id,
      });
    } else seen.set(entry.id, index);
  });
  if (duplicates.length > 0) throw invalidFile(duplicates);

  const createdAt = new Date().toISOString();
  const entries: NewOwnStyle[] = parsed.data.styles.map(({ id, ...input }) => ({
    id: id ?? newOwnStyleId(),
    input,
    createdAt,
  }));
  return deps().store.importOwnStyles(entries);
}
