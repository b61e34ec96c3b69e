import { ComparisonBodySchema, ComparisonsQuerySchema } from "@/lib/schemas/api";
import { ComparisonDetailSchema, ComparisonSchema } from "@/lib/schemas/entities";
import { ComparisonListSchema } from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The comparison's id." } };

/** Side-by-side comparisons: versions on one backend, or one version on several backends. */
export const comparisonOperations: Operation[] = [
  {
    method: "get",
    path: "/api/comparisons",
    operationId: "listComparisons",
    summary: "An idea's saved comparisons, newest first",
    tag: "Comparisons",
    access: "gated",
    query: ComparisonsQuerySchema,
    responses: {
      200: { description: "The comparisons.", json: ComparisonListSchema, name: "ComparisonList" },
      400: error("ideaId is missing or not an id."),
    },
  },
  {
    method: "post",
    path: "/api/comparisons",
    operationId: "createComparison",
    summary: "Compare 2–4 versions on one backend, or one version on 2–4 backends",
    description: "All cells share one seed and the same parameters; each cell's generation is queued.",
    tag: "Comparisons",
    access: "gated",
    rateLimit: "generate",
    body: { schema: ComparisonBodySchema, name: "ComparisonBody" },
    responses: {
      201: { description: "The comparison, its generations queued.", json: ComparisonSchema },
      400: error("The body is not valid (versions of different ideas, parameters a backend does not take…)."),
      404: error("A version or a backend is not there."),
      422: error("A prompt is refused by moderation."),
      503: error("A backend is not configured."),
    },
  },
  {
    method: "get",
    path: "/api/comparisons/{id}",
    operationId: "getComparison",
    summary: "A comparison with its idea, versions and generations",
    tag: "Comparisons",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The comparison.", json: ComparisonDetailSchema },
      404: error("The comparison is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/comparisons/{id}",
    operationId: "deleteComparison",
    summary: "Delete a comparison (its generations and images stay)",
    tag: "Comparisons",
    access: "gated",
    pathParams: id,
    responses: {
      204: { description: "Deleted.", empty: true },
      404: error("The comparison is not there."),
    },
  },
  {
    method: "get",
    path: "/api/comparisons/{id}/export",
    operationId: "exportComparison",
    summary: "The comparison as a ZIP: its cells' images, idea.json, prompts.md and index.html",
    tag: "Comparisons",
    access: "gated",
    pathParams: id,
    responses: {
      200: {
        description: "The archive, streamed.",
        binary: ["application/zip"],
        headers: { "Content-Disposition": "attachment, named after the idea." },
      },
      404: error("The comparison is not there (said before any byte)."),
    },
  },
];
