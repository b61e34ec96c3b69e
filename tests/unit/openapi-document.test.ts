import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, openApiDocument } from "@/lib/openapi/document";
import { OPERATIONS } from "@/lib/openapi/registry";
import { EditBodySchema, GenerateBodySchema, ImagesQuerySchema, RefineBodySchema } from "@/lib/schemas/api";

/*
 * GET /api/openapi.json's document: valid OpenAPI 3.1 by the specification's own JSON Schema, every
 * schema in it valid JSON Schema 2020-12 (Ajv, strict), and made from the zod schemas the routes
 * parse with, so a body zod takes is one the document takes, and one zod refuses it refuses too.
 */

const doc = openApiDocument();

/** The components as one JSON Schema document ($defs), so Ajv can compile each in strict mode. */
function componentsAsDefs() {
  const text = JSON.stringify(doc.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/');
  return { $id: "promptsmith-components", $defs: JSON.parse(text) as Record<string, unknown> };
}

// Compiling the OpenAPI specification's schemas and every component takes seconds on a busy machine.
describe("the OpenAPI document", { timeout: 60_000 }, () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has schemas that are valid JSON Schema 2020-12 (Ajv strict), every $ref found", () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(componentsAsDefs());
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.getSchema(`promptsmith-components#/$defs/${name}`), name).not.toThrow();
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of refs) expect(doc.components.schemas, `$ref ${ref}`).toHaveProperty([ref as string]);
  });

  it("is made from code alone: the same every time, whatever the configuration", () => {
    expect(JSON.stringify(buildOpenApiDocument(OPERATIONS))).toBe(JSON.stringify(doc));
  });

  it("takes the bodies the routes take, and refuses the ones they refuse", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(componentsAsDefs());
    const bodies: [string, { safeParse: (v: unknown) => { success: boolean } }, unknown[]][] = [
      [
        "RefineBody",
        RefineBodySchema,
        [
          { idea: "a fox" },
          { idea: "a fox", style: "watercolor", candidates: 3 },
          { parentId: "abc", instruction: "warmer" },
          { idea: "" },
          { idea: "a fox", candidates: 9 },
          { idea: "a fox", extra: 1 },
          { parentId: "a/b", instruction: "x" },
          { idea: "x".repeat(2001) },
        ],
      ],
      [
        "GenerateBody",
        GenerateBodySchema,
        [
          { promptId: "p1", backend: "offline" },
          { promptId: "p1", backend: "offline", params: { size: "512x512", n: 2, steps: 20 } },
          { promptId: "p1", backend: "offline", params: { n: 0 } },
          { promptId: "p1", backend: "offline", params: { size: "big" } },
          { promptId: "p1" },
        ],
      ],
      [
        "EditBody",
        EditBodySchema,
        [
          { parentId: "v1", prompt: "a fox" },
          { idea: "a fox", prompt: "a fox, snow", source: "verbatim" },
          { parentId: "v1", prompt: "" },
          { parentId: "v1", prompt: "x", source: "verbatim" },
        ],
      ],
    ];
    for (const [name, schema, samples] of bodies) {
      const validate = ajv.getSchema(`promptsmith-components#/$defs/${name}`);
      if (!validate) throw new Error(`no ${name}`);
      for (const sample of samples) {
        // The few refinements JSON Schema cannot say (a union's "give an instruction or a style") aside.
        expect(validate(sample), `${name} ${JSON.stringify(sample).slice(0, 80)}`).toBe(
          schema.safeParse(sample).success,
        );
      }
    }
  });

  it("lists each query parameter as zod reads it", () => {
    const op = doc.paths["/api/images"]?.get as { parameters: { name: string; in: string; required: boolean }[] };
    const names = op.parameters.filter((p) => p.in === "query").map((p) => p.name);
    const shape = (ImagesQuerySchema as unknown as { shape: Record<string, unknown> }).shape;
    expect(names.sort()).toEqual(Object.keys(shape).sort());
    expect(op.parameters.every((p) => p.required === false)).toBe(true);
  });

  it("says who may call: public routes need nothing, the rest a session or a token", () => {
    const security = (p: string, m: string) => (doc.paths[p]?.[m] as { security?: unknown } | undefined)?.security;
    for (const [p, m] of [
      ["/api/health", "get"],
      ["/api/ready", "get"],
      ["/api/auth/login", "post"],
      ["/api/s/{token}", "get"],
    ] as const) {
      expect(security(p, m), `${m} ${p}`).toEqual([]);
    }
    expect(doc.paths["/api/ideas"]?.get).toBeDefined();
    expect(security("/api/ideas", "get")).toBeUndefined();
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
  });
});
