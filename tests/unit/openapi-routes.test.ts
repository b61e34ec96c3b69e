import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/openapi/document";

/*
 * "/api/openapi.json describes every route": every HTTP method that every app/**\/route.ts exports
 * is an operation of the document, and the document names nothing that is not a route.
 */

const APP = path.resolve(__dirname, "../../app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Not endpoints: the fallbacks that answer any unknown path under /api (in the house's error shape)
 * and /v1 (in OpenAI's) with a 404, so a client gets JSON rather than a page. The document's
 * `default` answers say what such errors look like. Nothing else is left out.
 */
const NOT_API = new Set(["/api/{...path}", "/v1/{...path}"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return /^route\.(ts|js)$/.test(e.name) ? [full] : [];
  });
}

/** app/api/ideas/[id]/route.ts → /api/ideas/{id}; route groups "(x)" are not in the URL. */
function openApiPath(file: string): string {
  const segments = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
  return `/${segments.join("/")}`;
}

describe("the OpenAPI document covers every route", () => {
  const files = routeFiles(APP);

  it("finds the route files", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("has an operation for every method every route exports, and none for a method that is not there", async () => {
    const doc = openApiDocument();
    const exported: string[] = [];
    for (const file of files) {
      const route = openApiPath(file);
      if (NOT_API.has(route)) continue;
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === "function") exported.push(`${m.toLowerCase()} ${route}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k.toUpperCase() as (typeof METHODS)[number]))
        .map((m) => `${m} ${p}`),
    );
    expect(exported.length).toBeGreaterThan(40);
    expect(exported.filter((r) => !documented.includes(r)).sort(), "routes missing from the document").toEqual([]);
    expect(documented.filter((r) => !exported.includes(r)).sort(), "operations with no route").toEqual([]);
  }, 120_000);

  it("describes the path parameters each route has", () => {
    const doc = openApiDocument();
    for (const [p, item] of Object.entries(doc.paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(item) as { parameters?: { name: string; in: string }[] }[]) {
        expect(
          (op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name),
          p,
        ).toEqual(names);
      }
    }
  });
});
