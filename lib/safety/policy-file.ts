import { readFileSync } from "node:fs";
import { z } from "zod";
import { ALWAYS_ON, CATEGORY_LABELS } from "./categories";
import type { PolicySpec } from "./policy-spec";

const phrase = z.string().trim().min(1).max(200);
const phrases = z.array(phrase).max(10_000);
const listName = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "list names are lower-case letters, digits and -");
const categoryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/, 'category ids look like "violence" or "violence/graphic"');

const PairFileSchema = z
  .object({ a: phrases.min(1), b: phrases.min(1), window: z.number().int().min(0).max(50).optional() })
  .strict();

const CategoryFileSchema = z
  .object({
    label: z.string().trim().min(1).max(120).optional(),
    terms: phrases.optional(),
    pairs: z.array(PairFileSchema).max(100).optional(),
  })
  .strict();

/** MODERATION_POLICY_FILE: additions to the built-in policy, and categories switched off. */
export const PolicyFileSchema = z
  .object({
    description: z.string().max(2000).optional(),
    disable: z.array(categoryId).max(100).optional(),
    allow: phrases.optional(),
    lists: z.record(listName, phrases).optional(),
    categories: z.record(categoryId, CategoryFileSchema).optional(),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFileSchema>;

/** Reads and checks the file; every problem is one Error whose message says what to fix. */
export function readPolicyFile(file: string): PolicyFile {
  const where = `MODERATION_POLICY_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new Error(`${where}: cannot read it (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${where}: not valid JSON: ${(e as Error).message}`);
  }
  const parsed = PolicyFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`).join("\n");
    throw new Error(`${where}: not a valid policy:\n${lines}`);
  }
  return parsed.data;
}

/** The built-in policy with a file's additions; the caller resolves and compiles the result. */
export function mergePolicyFile(base: PolicySpec, file: PolicyFile): PolicySpec {
  const known = new Set([...Object.keys(CATEGORY_LABELS), ...Object.keys(base.categories)]);
  const lists: Record<string, string[]> = { ...base.lists };
  for (const [name, words] of Object.entries(file.lists ?? {})) lists[name] = [...(lists[name] ?? []), ...words];

  const categories = { ...base.categories };
  for (const [id, add] of Object.entries(file.categories ?? {})) {
    const existing = categories[id];
    const label = add.label ?? existing?.label ?? (CATEGORY_LABELS as Record<string, string>)[id];
    if (!label) throw new Error(`categories.${id}: a new category needs a "label" (how a person is told about it).`);
    known.add(id);
    categories[id] = {
      label,
      terms: [...(existing?.terms ?? []), ...(add.terms ?? [])],
      pairs: [...(existing?.pairs ?? []), ...(add.pairs ?? [])],
    };
  }

  for (const id of file.disable ?? []) {
    if (ALWAYS_ON.has(id)) throw new Error(`disable: "${id}" cannot be switched off.`);
    if (!known.has(id)) throw new Error(`disable: no category "${id}" (known: ${[...known].join(", ")}).`);
  }

  return {
    lists,
    categories,
    allow: [...base.allow, ...(file.allow ?? [])],
    disabled: [...base.disabled, ...(file.disable ?? [])],
  };
}
