import { z } from "zod";
import { IdSchema } from "@/lib/schemas/common";
import pkg from "@/package.json";
import { NAMED_SCHEMAS } from "./answers";
import { OPERATIONS } from "./registry";
import { type Answer, isBinary, isError, isJson, isSse, type Operation } from "./types";

/*
 * Builds the OpenAPI 3.1 document of the API from the registry (./registry.ts) and the zod schemas
 * the routes parse with: request bodies and query parameters as zod reads them (io "input"),
 * answers as the routes produce them (io "output"), so the document cannot drift from the code.
 */

type Json = Record<string, unknown>;
export type OpenApiDocument = Json & {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; securitySchemes: Json };
};

const REF = (name: string) => `#/components/schemas/${name}`;
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const STATE_CHANGING = new Set(["post", "put", "patch", "delete"]);

/** Made once: the document depends on the code only, never on configuration or the caller. */
let cached: OpenApiDocument | undefined;
export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(OPERATIONS);
  return cached;
}

export function buildOpenApiDocument(operations: readonly Operation[]): OpenApiDocument {
  checkUnique(operations);
  const output = z.registry<{ id: string }>();
  const input = z.registry<{ id: string }>();
  for (const [schema, id] of NAMED_SCHEMAS) output.add(schema, { id });
  const taken = new Map<typeof output, Set<string>>([
    [output, new Set(NAMED_SCHEMAS.map(([, id]) => id))],
    [input, new Set()],
  ]);
  const nameOf = (registry: typeof output, schema: z.ZodType, fallback: string) => {
    const known = registry.get(schema)?.id;
    if (known) return known;
    const ids = taken.get(registry) ?? new Set();
    if (ids.has(fallback))
      throw new Error(`openapi: two different schemas are named ${fallback}; give one another name`);
    ids.add(fallback);
    registry.add(schema, { id: fallback });
    return fallback;
  };

  // First every schema gets its name, so both conversions below see them all.
  const refs = new Map<unknown, string>();
  const inputRefs = new Map<unknown, string>();
  for (const op of operations) {
    if (op.body) {
      inputRefs.set(op.body, nameOf(input, op.body.schema, op.body.name ?? `${pascal(op.operationId)}Body`));
    }
    for (const [status, answer] of Object.entries(op.responses)) {
      if (isJson(answer))
        refs.set(answer, nameOf(output, answer.json, answer.name ?? `${pascal(op.operationId)}${status}`));
      if (isSse(answer)) {
        for (const e of answer.sse) {
          refs.set(e, nameOf(output, e.data, e.name ?? `${pascal(op.operationId)}${pascal(camel(e.event))}Event`));
        }
      }
    }
  }

  const schemas = convert(output, "output");
  // A schema both sent and answered (an import and an export) may read differently each way
  // (defaults are optional going in, always there coming out): then the request's is <Name>Input.
  const inputs = convert(input, "input");
  const renamed = new Map<string, string>();
  for (const [id, schema] of Object.entries(inputs)) {
    if (schemas[id] && JSON.stringify(schemas[id]) !== JSON.stringify(schema)) renamed.set(id, `${id}Input`);
  }
  let inputText = JSON.stringify(inputs);
  for (const [from, to] of renamed) inputText = inputText.replaceAll(`"${REF(from)}"`, `"${REF(to)}"`);
  for (const [id, schema] of Object.entries(JSON.parse(inputText) as Record<string, Json>)) {
    const name = renamed.get(id) ?? id;
    if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) {
      throw new Error(`openapi: two schemas are named ${name}; give one another name`);
    }
    schemas[name] = schema;
  }
  for (const [key, id] of inputRefs) refs.set(key, renamed.get(id) ?? id);

  const paths: OpenApiDocument["paths"] = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    const item = paths[op.path] as Record<string, Json>;
    item[op.method] = operationObject(op, refs);
  }

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    info: {
      title: "Promptsmith API",
      version: pkg.version,
      description: [
        "The API behind Promptsmith's pages: refine an idea into prompt versions, generate images on",
        "the configured backends, and keep, compare, check and share what came out.",
        "",
        "Every error answers `{ error: { code, message, details? } }` with the status its code",
        "names (400 invalid_request, 401 unauthorized, 404 not_found, 422 moderation_blocked, 429",
        "rate_limited with Retry-After, 502/503/504 for a backend…).",
        "",
        "With APP_PASSWORD set, every route but the public ones (health, readiness, sign-in, share",
        "links) needs the session cookie of a signed-in browser, or `Authorization: Bearer <token>`",
        "with a token from API_TOKENS. With APP_PASSWORD unset the gate is off and nothing is needed.",
        "A state-changing request that carries the cookie must come from the same origin (403 otherwise).",
      ].join("\n"),
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "This Promptsmith" }],
    security: [{ session: [] }, { bearer: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "ps_session",
          description:
            "Set by POST /api/auth/login. Over https the cookie is named __Host-ps_session (lib/auth/cookie.ts).",
        },
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "One of the tokens in API_TOKENS (comma-separated), for scripts and other tools.",
        },
      },
    },
  };
}

/** Each schema of the registry as JSON Schema, referring to the others as components. */
function convert(registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output"): Record<string, Json> {
  const converted = z.toJSONSchema(registry, { io, uri: REF, unrepresentable: "any" }).schemas;
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(converted)) {
    // $id and $schema are the converter's: inside an OpenAPI document the dialect is said once.
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    out[id] = rest;
  }
  return out;
}

function camel(s: string): string {
  return s.replace(/[-_.]+(\w)/g, (_, c: string) => c.toUpperCase());
}

function checkUnique(operations: readonly Operation[]): void {
  const ids = new Set<string>();
  const routes = new Set<string>();
  for (const op of operations) {
    if (ids.has(op.operationId)) throw new Error(`openapi: operationId ${op.operationId} is used twice`);
    const key = `${op.method} ${op.path}`;
    if (routes.has(key)) throw new Error(`openapi: ${key} is registered twice`);
    ids.add(op.operationId);
    routes.add(key);
  }
}

function inline(schema: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
  return rest;
}

function operationObject(op: Operation, refs: Map<unknown, string>): Json {
  const parameters: Json[] = [];
  for (const name of [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")) {
    const spec = op.pathParams?.[name];
    parameters.push({
      name,
      in: "path",
      required: true,
      description: spec?.description ?? "An id.",
      schema: inline(spec?.schema ?? IdSchema),
    });
  }
  if (op.query) {
    const q = inline(op.query) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: "query",
        required: q.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }

  const responses: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(withGateAnswers(op))) {
    responses[status] = responseObject(answer, refs, status);
  }

  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op.access === "public" ? { security: [] } : {}),
    // No token configured: open (API_TOKENS unset); with tokens, one of them.
    ...(op.access === "bearer-only" ? { security: [{ bearer: [] }, {}] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: !op.body.optional,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: Object.fromEntries(
              (op.body.mediaTypes ?? ["application/json"]).map((t) => [
                t,
                { schema: { $ref: REF(refs.get(op.body) ?? "") } },
              ]),
            ),
          },
        }
      : {}),
    responses,
  };
}

/** The answers the gate (proxy.ts) and the parsing helpers give before the route runs, unless the operation says otherwise. */
function withGateAnswers(op: Operation): Record<string, Answer> {
  const all: Record<string, Answer> = { ...op.responses };
  const add = (status: number, answer: Answer) => {
    all[status] ??= answer;
  };
  if (op.body) add(413, { description: "The body is larger than the route takes (1 MB at most).", error: true });
  if (op.access === "gated") {
    add(401, { description: "The gate is on and the request has neither a session nor an API token.", error: true });
  }
  if (STATE_CHANGING.has(op.method) && op.access !== "bearer-only") {
    add(403, { description: "A request with the cookie from another site (no Bearer token).", error: true });
  }
  if (op.rateLimit) {
    add(429, {
      description: `Too many requests from this client (the ${op.rateLimit} limit); Retry-After says when.`,
      error: true,
    });
  }
  add("default" as unknown as number, {
    description: "Any other failure, in the error shape (500 internal…).",
    error: true,
  });
  return all;
}

const RETRY_AFTER = { description: "Seconds to wait before trying again.", schema: { type: "integer" } };

function headerObjects(headers: Record<string, string> | undefined, status: string): Json | undefined {
  const all: Record<string, Json> = {};
  for (const [name, description] of Object.entries(headers ?? {}))
    all[name] = { description, schema: { type: "string" } };
  if (status === "429" || status === "503") all["Retry-After"] ??= RETRY_AFTER;
  return Object.keys(all).length ? all : undefined;
}

function responseObject(answer: Answer, refs: Map<unknown, string>, status: string): Json {
  if (isError(answer)) {
    return { description: answer.description, content: { "application/json": { schema: { $ref: REF("Error") } } } };
  }
  const headers = headerObjects("headers" in answer ? answer.headers : undefined, status);
  const base = { description: answer.description, ...(headers ? { headers } : {}) };
  if (isJson(answer))
    return { ...base, content: { "application/json": { schema: { $ref: REF(refs.get(answer) ?? "") } } } };
  if (isBinary(answer)) {
    return {
      ...base,
      content: Object.fromEntries(answer.binary.map((t) => [t, { schema: { type: "string", contentMediaType: t } }])),
    };
  }
  if (isSse(answer)) {
    const lines = answer.sse.map((e) => `- \`${e.event}\`: ${e.description}`);
    return {
      ...base,
      content: {
        "text/event-stream": {
          schema: {
            type: "string",
            description: `Server-sent events, each \`event: <name>\` and \`data: <JSON>\`; comments keep the connection alive.\n${lines.join("\n")}`,
          },
          // OpenAPI 3.1 has no words for the events of a stream: each event's data schema, by name.
          "x-events": Object.fromEntries(
            answer.sse.map((e) => [e.event, { description: e.description, schema: { $ref: REF(refs.get(e) ?? "") } }]),
          ),
        },
      },
    };
  }
  return base;
}
