import "server-only";

/**
 * U+0000 in request text. SQLite would keep it but Postgres refuses it in text columns, so the
 * same request would work on one store and fail (or be cut) on the other; and it carries no
 * meaning in a prompt. Every body and query passes lib/http/parse.ts, which asks here once,
 * before any schema or use case: no route has to remember it.
 */
export const NUL = "\u0000";

type Step = { value: unknown; key?: string | number; parent?: Step };

function pathOf(step: Step): (string | number)[] {
  const path: (string | number)[] = [];
  for (let s: Step | undefined = step; s?.key !== undefined; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * The path (keys and indexes) of the first string, or object key, that holds U+0000, in
 * document order; undefined when there is none. Iterative, and linear in the body's size: a
 * body may nest hundreds of thousands deep, so each step points at its parent and the path is
 * built only for the one found.
 */
export function findNul(value: unknown): (string | number)[] | undefined {
  const stack: Step[] = [{ value }];
  for (let step = stack.pop(); step; step = stack.pop()) {
    const v = step.value;
    if (typeof v === "string") {
      if (v.includes(NUL)) return pathOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: step });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (const [key] of entries) if (key.includes(NUL)) return pathOf({ value: undefined, key, parent: step });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown];
        stack.push({ value: child, key, parent: step });
      }
    }
  }
  return undefined;
}

/** A path as the schema errors write it (`params.sampler`), with any NUL in a key shown as \u0000. */
export const describePath = (path: (string | number)[]) => path.join(".").replaceAll(NUL, "\\u0000");
