import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {}
  }
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** Every module reachable from `entry` by value imports, with the packages they import. */
function importGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, "utf8");
    // `import x from "y"`, `import "y"`, `export { x } from "y"`; not `import type`, which leaves no code behind.
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[\w*\s{},]*?\s*from\s*)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      const resolved = resolveImport(file, spec);
      if (resolved) queue.push(resolved);
      else packages.add(spec);
    }
  }
  return { files, packages };
}

describe("lib/png client/server split", () => {
  it("the client-safe entry reaches no Node module, no Buffer and no server-only code", () => {
    const { files, packages } = importGraph(path.join(ROOT, "lib/png/index.ts"));
    const names = [...files].map((f) => path.relative(ROOT, f));
    // The walk really covers the reader, the importers and what they borrow from lib/.
    expect(names).toEqual(
      expect.arrayContaining([
        "lib/png/read-recipe.ts",
        "lib/png/inflate.ts",
        "lib/png/importers/comfyui.ts",
        "lib/errors.ts",
      ]),
    );
    expect([...packages].sort()).toEqual(["zod"]);
    for (const file of files) {
      const source = readFileSync(file, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(source, file).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(/);
    }
    expect([...files].some((f) => f.endsWith("embed-provenance.ts"))).toBe(false);
  });

  it("the writer is marked server-only", () => {
    const source = readFileSync(path.join(ROOT, "lib/png/embed-provenance.ts"), "utf8");
    expect(source.startsWith('import "server-only";')).toBe(true);
  });
});
