import { CATEGORY_LABELS } from "./categories";
import { DEFAULT_POLICY } from "./default-policy";
import { type CategoryRules, PolicyMatcher, type ResolvedPolicy } from "./matcher";
import { parsePhrase } from "./normalize";
import { mergePolicyFile, readPolicyFile } from "./policy-file";
import { DEFAULT_WINDOW, type PolicySpec } from "./policy-spec";

/** The policy in force: the compiled offline rules, and which categories (of any source) count. */
export type ActivePolicy = {
  matcher: PolicyMatcher;
  enabled: ReadonlySet<string>;
  /** Every category's label, built-in or from the file. */
  labels: ReadonlyMap<string, string>;
  file?: string;
};

function expand(items: string[], lists: PolicySpec["lists"], where: string): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (!item.startsWith("@")) {
      out.push(item);
      continue;
    }
    const list = lists[item.slice(1)];
    if (!list) throw new Error(`${where}: no word list "${item}" (known: ${Object.keys(lists).join(", ")}).`);
    out.push(...list);
  }
  for (const p of out) {
    try {
      parsePhrase(p);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Expands "@list" references, drops disabled categories and checks every phrase. */
export function resolvePolicy(spec: PolicySpec): { resolved: ResolvedPolicy; enabled: Set<string> } {
  const disabled = new Set(spec.disabled);
  const categories = new Map<string, CategoryRules>();
  for (const [id, c] of Object.entries(spec.categories)) {
    if (disabled.has(id)) continue;
    categories.set(id, {
      label: c.label,
      terms: expand(c.terms, spec.lists, `categories.${id}.terms`),
      pairs: c.pairs.map((p, i) => ({
        a: expand(p.a, spec.lists, `categories.${id}.pairs.${i}.a`),
        b: expand(p.b, spec.lists, `categories.${id}.pairs.${i}.b`),
        window: p.window ?? DEFAULT_WINDOW,
      })),
    });
  }
  const enabled = new Set([...Object.keys(CATEGORY_LABELS), ...Object.keys(spec.categories)]);
  for (const id of disabled) enabled.delete(id);
  return { resolved: { categories, allow: expand(spec.allow, spec.lists, "allow") }, enabled };
}

/** Builds the policy from the built-in one and, when given, a policy file. Throws a clear Error. */
export function buildPolicy(file?: string): ActivePolicy {
  let spec = DEFAULT_POLICY;
  if (file) {
    const where = `MODERATION_POLICY_FILE (${file})`;
    try {
      spec = mergePolicyFile(spec, readPolicyFile(file));
    } catch (e) {
      const message = (e as Error).message;
      throw new Error(message.startsWith("MODERATION_POLICY_FILE") ? message : `${where}: ${message}`);
    }
    try {
      return compile(spec, file);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  }
  return compile(spec, undefined);
}

function compile(spec: PolicySpec, file: string | undefined): ActivePolicy {
  const { resolved, enabled } = resolvePolicy(spec);
  const labels = new Map<string, string>(Object.entries(CATEGORY_LABELS));
  for (const [id, c] of Object.entries(spec.categories)) labels.set(id, c.label);
  return { matcher: new PolicyMatcher(resolved), enabled, labels, file };
}
