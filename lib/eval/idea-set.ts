import { z } from "zod";

/** One idea of an eval set; `category` groups the figures ("counting", "text in the image"…). */
export type EvalIdea = { idea: string; category: string };

const EntrySchema = z.union([
  z.string().trim().min(1),
  z.object({ idea: z.string().trim().min(1), category: z.string().trim().min(1).optional() }).strict(),
]);
const SetSchema = z.array(EntrySchema).min(1);

export class IdeaSetError extends Error {}

/**
 * Reads a set file's text: a JSON array of strings, or of `{ "idea", "category" }`. Anything else
 * is an IdeaSetError naming the first problem, so the CLI can say what to fix.
 */
export function parseIdeaSet(text: string, source = "the set"): EvalIdea[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new IdeaSetError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = SetSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at [${issue.path.join("][")}]` : "";
    throw new IdeaSetError(
      `${source} must be a non-empty JSON array of strings or of { "idea": "...", "category": "..." } objects${where}: ${issue?.message ?? "invalid"}`,
    );
  }
  return parsed.data.map((e) =>
    typeof e === "string"
      ? { idea: e, category: "uncategorized" }
      : { idea: e.idea, category: e.category ?? "uncategorized" },
  );
}
