import { z } from "zod";
import { CatalogSchema } from "@/lib/schemas/catalog";
import { TokenizeBodySchema } from "@/lib/schemas/api";
import { CheckpointsSchema, HealthSchema, PromptLengthSchema, ReadinessSchema } from "../answers";
import { error, type Operation } from "../types";

/** The document's own shape, loosely: an OpenAPI 3.1 object (its full schema is the OpenAPI specification's). */
const OpenApiDocumentSchema = z
  .object({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.object({ title: z.string(), version: z.string() }).loose(),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.record(z.string(), z.unknown()),
  })
  .loose();

/** Health, readiness, what is configured, and this document. */
export const systemOperations: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    summary: "Liveness: the server answers",
    description: "Never touches the database or the storage (that is /api/ready). Open without signing in.",
    tag: "System",
    access: "public",
    responses: { 200: { description: "Alive, and its version.", json: HealthSchema, name: "Health" } },
  },
  {
    method: "get",
    path: "/api/ready",
    operationId: "getReadiness",
    summary: "Readiness: the database and the image storage answer",
    description: "For load balancers. Open without signing in; says which failed, never how.",
    tag: "System",
    access: "public",
    responses: {
      200: { description: "Ready.", json: ReadinessSchema, name: "Readiness" },
      503: error("Not ready: `details` is `{ database, storage }`, each `ok` or `failed`."),
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    description: "The OpenAPI 3.1 document of the API, made from the zod schemas the routes parse with.",
    tag: "System",
    access: "gated",
    responses: {
      200: {
        description: "The OpenAPI document (JSON Schema 2020-12 schemas).",
        json: OpenApiDocumentSchema,
        name: "OpenApiDocument",
      },
    },
  },
  {
    method: "get",
    path: "/api/catalog",
    operationId: "getCatalog",
    summary: "The refiners, backends and judge, with what each can do",
    tag: "System",
    access: "gated",
    responses: { 200: { description: "What is configured, and the defaults.", json: CatalogSchema } },
  },
  {
    method: "get",
    path: "/api/backends/{id}/checkpoints",
    operationId: "listCheckpoints",
    summary: "The model files a backend can load (A1111, ComfyUI)",
    tag: "System",
    access: "gated",
    pathParams: { id: { description: "The backend's id, as the catalog lists it." } },
    responses: {
      200: { description: "The checkpoints, as the backend names them.", json: CheckpointsSchema, name: "Checkpoints" },
      404: error("No such backend."),
      400: error("The backend loads no checkpoints."),
      502: error("The backend answered with an error."),
      503: error("The backend is not configured, or does not answer."),
    },
  },
  {
    method: "post",
    path: "/api/tokenize",
    operationId: "measurePrompt",
    summary: "How long a prompt is for a backend (CLIP tokens for SD backends)",
    tag: "System",
    access: "gated",
    body: { schema: TokenizeBodySchema, name: "TokenizeBody" },
    responses: {
      200: {
        description: "Characters and tokens, with the backend's limits.",
        json: PromptLengthSchema,
        name: "PromptLength",
      },
      400: error("The body is not valid."),
      404: error("No such backend."),
    },
  },
];
