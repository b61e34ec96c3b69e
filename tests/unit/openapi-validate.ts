import path from "node:path";
import type { ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import type { OpenApiDocument } from "@/lib/openapi/document";

/*
 * Checks real answers against the OpenAPI document with Ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1): the status must be one the operation lists (or `default` for an error), the media
 * type one it lists for that status, a JSON body must match that schema, and every event of a
 * stream must be one it names, its data matching that event's schema.
 */

const DOC_ID = "openapi.json";
const APP = path.resolve(__dirname, "../../app");

export type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Checked = {
  status: number;
  json?: unknown;
  events?: { event: string; data: unknown }[];
  bytes?: Uint8Array;
};

const pointerPart = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

export function openApiChecker(doc: OpenApiDocument) {
  // Not strict: the document carries OpenAPI's own words (paths, responses, x-events) around the schemas.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, DOC_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (...parts: string[]) => {
    const ref = `${DOC_ID}#/${parts.map(pointerPart).join("/")}`;
    let fn = compiled.get(ref);
    if (!fn) {
      fn = ajv.compile({ $ref: ref });
      compiled.set(ref, fn);
    }
    return fn;
  };
  /** `${method} ${template} ${status}` of every answer checked. */
  const seen = new Set<string>();

  function validate(fn: ValidateFunction, data: unknown, where: string) {
    const ok = fn(data);
    // Each problem with where it is and what it names (an extra property's name, the allowed values…).
    const problems = (fn.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    expect(ok, `${where}:\n${problems.join("\n")}\n${JSON.stringify(data).slice(0, 600)}`).toBe(true);
  }

  // Query values are strings on the wire; a parameter's schema says what they mean (an integer…).
  const queryAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(queryAjv);
  queryAjv.addSchema(doc, DOC_ID);

  /**
   * A request the route took (it answered below 400): its JSON body must match the operation's
   * request body, and each path and query parameter must be one it lists, its value matching that schema.
   */
  function checkRequest(
    method: string,
    template: string,
    init: { body?: unknown; query?: string; params?: Record<string, string> },
  ) {
    const op = (doc.paths[template] as Record<string, Record<string, unknown>>)[method] as {
      parameters?: { name: string; in: string }[];
      requestBody?: { content: Record<string, unknown> };
    };
    const where = `${method.toUpperCase()} ${template} request`;
    if (init.body !== undefined) {
      expect(op.requestBody?.content, `${where}: a body`).toHaveProperty(["application/json"]);
      const fn = validator("paths", template, method, "requestBody", "content", "application/json", "schema");
      validate(fn, init.body, `${where} body`);
    }
    const given = [
      ...Object.entries(init.params ?? {}).map(([name, value]) => ({ name, value, in: "path" })),
      ...[...new URLSearchParams(init.query ?? "")].map(([name, value]) => ({ name, value, in: "query" })),
    ];
    for (const { name, value, in: place } of given) {
      const index = op.parameters?.findIndex((p) => p.in === place && p.name === name) ?? -1;
      expect(index, `${where}: ${place} parameter ${name} is listed`).toBeGreaterThanOrEqual(0);
      const ref = `${DOC_ID}#/${["paths", template, method, "parameters", String(index), "schema"].map(pointerPart).join("/")}`;
      const fn = queryAjv.compile({ type: "object", properties: { value: { $ref: ref } } });
      const ok = fn({ value });
      expect(ok, `${where}: ${name}=${value}: ${queryAjv.errorsText(fn.errors)}`).toBe(true);
    }
  }

  /** Reads the whole answer and checks it; what it read comes back. */
  async function check(method: string, template: string, res: Response): Promise<Checked> {
    const op = (
      doc.paths[template] as Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
    )?.[method];
    expect(op, `${method} ${template} is in the document`).toBeDefined();
    const listed = op?.responses[String(res.status)] !== undefined;
    const key = listed ? String(res.status) : "default";
    if (!listed) expect(res.status, `${method} ${template}: ${res.status} is not listed`).toBeGreaterThanOrEqual(400);
    const spec = op?.responses[key];
    const where = `${method.toUpperCase()} ${template} → ${res.status}`;
    seen.add(`${method} ${template} ${res.status}`);
    const type = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!spec?.content) {
      const rest = await res.arrayBuffer();
      expect(rest.byteLength, `${where} has no body`).toBe(0);
      return { status: res.status };
    }
    expect(Object.keys(spec.content), `${where}: media type`).toContain(type);
    const base = ["paths", template, method, "responses", key, "content", type];
    if (type === "application/json") {
      const json: unknown = await res.json();
      validate(validator(...base, "schema"), json, where);
      return { status: res.status, json };
    }
    if (type === "text/event-stream") {
      const text = await res.text();
      const events = [...text.matchAll(/event: ([\w-]+)\ndata: (.*)\n\n/g)].map((m) => ({
        event: m[1] ?? "",
        data: JSON.parse(m[2] ?? "null") as unknown,
      }));
      expect(events.length, `${where}: events`).toBeGreaterThan(0);
      const named = (spec.content[type] as { "x-events": Record<string, unknown> })["x-events"];
      for (const e of events) {
        expect(Object.keys(named), `${where}: event ${e.event} is named`).toContain(e.event);
        validate(validator(...base, "x-events", e.event, "schema"), e.data, `${where} event ${e.event}`);
      }
      return { status: res.status, events };
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength, `${where}: bytes`).toBeGreaterThan(0);
    return { status: res.status, bytes };
  }

  return { check, checkRequest, seen, validator, validate };
}

/** The route module of a path template: /api/ideas/{id} → app/api/ideas/[id]/route.ts. */
export async function routeModule(template: string): Promise<Record<string, Handler>> {
  const dir = template
    .split("/")
    .filter(Boolean)
    .map((s) => s.replace(/^\{(.+)\}$/, "[$1]"));
  return (await import(/* @vite-ignore */ path.join(APP, ...dir, "route.ts"))) as Record<string, Handler>;
}

/** The concrete URL of a template with its parameters. */
export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ""));
}
