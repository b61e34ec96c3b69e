/**
 * Turns the OpenAPI document's component schemas into plain JSON Schema 2020-12 that Ajv
 * can compile without guessing.
 *
 * Why a rewrite instead of Ajv's own `nullable` support: Ajv only honours `nullable` next to
 * `type`, so it rejects `null` for `{ type, enum, nullable }` (null is not in the enum) and
 * ignores it beside `$ref` or `oneOf`. The contract uses all three shapes. Wrapping the schema
 * as `anyOf: [schema, { type: "null" }]` is exact for every one of them.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keys that carry documentation or code generation hints, never validation. */
const DROPPED_KEYS = new Set(["description", "example", "examples", "discriminator", "title", "deprecated"]);

/** Containers whose keys are property names, not schema keywords. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

const OPENAPI_REF = "#/components/schemas/";

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function rewriteSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteSchema);
  if (!isObject(node)) return node;

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || DROPPED_KEYS.has(key) || key === "nullable") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith(OPENAPI_REF)) {
      out.$ref = `#/$defs/${value.slice(OPENAPI_REF.length)}`;
    } else if (NAME_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewriteSchema(sub)]));
    } else if (key === "enum" || key === "const" || key === "default" || key === "required") {
      out[key] = value; // literal data, not schemas
    } else {
      out[key] = rewriteSchema(value);
    }
  }

  if (node.nullable === true) return { anyOf: [out, { type: "null" }] };
  return out;
}

/**
 * One self-contained JSON Schema whose `$defs` are the contract's component schemas, so a
 * schema is reached as `<id>#/$defs/<Name>`.
 */
export function componentsAsJsonSchema(openapi: unknown, id: string): JsonObject {
  const doc = openapi as JsonObject;
  const components = doc.components;
  const schemas = isObject(components) ? components.schemas : undefined;
  if (!isObject(schemas)) throw new Error("the OpenAPI document has no components.schemas");
  const defs: JsonObject = {};
  for (const [name, schema] of Object.entries(schemas)) defs[name] = rewriteSchema(schema);
  return { $id: id, $schema: "https://json-schema.org/draft/2020-12/schema", $defs: defs };
}
