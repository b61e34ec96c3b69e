import type { ImportedRecipe } from "@/lib/png";

/**
 * Reads the recipe in a PNG the user dropped or picked, in the browser: nothing is uploaded.
 * The PNG reader is loaded on first use, so the studio's first paint does not carry it.
 */

/** Text chunks can sit anywhere up to IEND (ours sit at the end), so the whole file is read; within reason. */
export const MAX_RECIPE_FILE_BYTES = 64 * 1024 * 1024;

export type RecipeFileProblem = "not-png" | "no-recipe" | "too-large" | "unreadable";

export type RecipeFileResult =
  | { ok: true; recipe: ImportedRecipe }
  | { ok: false; problem: RecipeFileProblem; message: string };

export const RECIPE_FILE_MESSAGES: Record<RecipeFileProblem, string> = {
  "not-png": "That is not a PNG.",
  "no-recipe": "This image has no recipe we can read.",
  "too-large": `That file is too large to read here (over ${MAX_RECIPE_FILE_BYTES / 1024 / 1024} MB).`,
  unreadable: "That file could not be read.",
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function fail(problem: RecipeFileProblem): RecipeFileResult {
  return { ok: false, problem, message: RECIPE_FILE_MESSAGES[problem] };
}

async function bytesOf(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** The recipe in `file`, or why there is none, in words. Never throws. */
export async function readRecipeFile(file: Blob): Promise<RecipeFileResult> {
  if (file.size > MAX_RECIPE_FILE_BYTES) {
    // Still say "not a PNG" for a large file of another kind: that is the more useful answer.
    const head = await bytesOf(file.slice(0, 8)).catch(() => new Uint8Array());
    return fail(PNG_SIGNATURE.every((b, i) => head[i] === b) ? "too-large" : "not-png");
  }
  let bytes: Uint8Array;
  try {
    bytes = await bytesOf(file);
  } catch {
    return fail("unreadable");
  }
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return fail("not-png");
  try {
    const { readRecipe } = await import("@/lib/png");
    const recipe = await readRecipe(bytes);
    return recipe?.prompt.trim() ? { ok: true, recipe } : fail("no-recipe");
  } catch {
    return fail("unreadable");
  }
}

/** The file to read from a drop or a picker: the first PNG-looking one, else the first. */
export function pickRecipeFile(files: ArrayLike<File> | null | undefined): File | null {
  const list = files ? Array.from(files) : [];
  return list.find((f) => f.type === "image/png" || /\.png$/i.test(f.name)) ?? list[0] ?? null;
}
