import { z } from "zod";
import { EditBodySchema, GenerateBodySchema, LocksBodySchema, RefineBodySchema } from "@/lib/schemas/api";
import { GenerationSchema, PromptVersionSchema } from "@/lib/schemas/entities";
import { CandidateSavedSchema, CandidatesResultSchema, RefineDeltaSchema } from "../answers";
import { ErrorBodySchema } from "@/lib/schemas/api";
import { error, type Operation } from "../types";

const refineErrors = {
  400: error("The body is not valid (the idea's length, an unknown style, refiner or backend…)."),
  404: error("The parent version is not there."),
  422: error("The idea or instruction is refused by moderation (moderation_blocked) or by the refiner (refused)."),
  502: error("The refiner answered with an error."),
  503: error("The refiner or the moderation service is not configured or does not answer."),
  504: error("The refiner took too long."),
};

/** Refining ideas into prompt versions, editing them, and generating images from them. */
export const studioOperations: Operation[] = [
  {
    method: "post",
    path: "/api/refine",
    operationId: "refine",
    summary: "Refine an idea (or a saved version) into a new prompt version",
    description:
      "A new idea (`idea`), or a child of a saved version (`parentId` with an `instruction`, a `style`, or both). With `Accept: application/json` the answer is the saved version (or, with `candidates` ≥ 2, all of them); otherwise the text streams as server-sent events. A refusal or a failure before the stream starts answers with its status.",
    tag: "Studio",
    access: "gated",
    rateLimit: "refine",
    body: { schema: RefineBodySchema, name: "RefineBody" },
    responses: {
      201: {
        description:
          "With `Accept: application/json`: the saved version (`PromptVersion`), or for `candidates` ≥ 2 the saved ones and the ones that failed (`CandidatesResult`).",
        json: z.union([PromptVersionSchema, CandidatesResultSchema]),
        name: "RefineResult",
      },
      200: {
        description: "Without `Accept: application/json`: the refinement as it is written.",
        sse: [
          {
            event: "delta",
            description:
              "More text of the prompt (`reset`: replace what came so far). For candidates, `candidate` says which.",
            data: RefineDeltaSchema,
            name: "RefineDelta",
          },
          {
            event: "version",
            description: "The saved version (one refinement): the last event.",
            data: PromptVersionSchema,
          },
          {
            event: "candidate",
            description: "A candidate, saved.",
            data: CandidateSavedSchema,
            name: "CandidateSaved",
          },
          {
            event: "candidate-error",
            description: "A candidate that failed (the others go on).",
            data: z.object({ index: z.number().int(), error: z.object({ code: z.string(), message: z.string() }) }),
            name: "CandidateFailedEvent",
          },
          {
            event: "versions",
            description: "All candidates: the saved ones and the failed ones. The last event.",
            data: CandidatesResultSchema,
          },
          {
            event: "error",
            description: "The refinement failed after the stream started: the error shape. The last event.",
            data: ErrorBodySchema,
          },
        ],
      },
      ...refineErrors,
    },
  },
  {
    method: "post",
    path: "/api/prompts",
    operationId: "savePrompt",
    summary: "Save a hand-edited prompt as a new version, or import a prompt as a new idea",
    description:
      '`parentId`: a manual edit of a saved version (a child). `idea`: a new idea whose first version is this prompt as given (`source: "verbatim"` for a prompt typed to be generated as written).',
    tag: "Studio",
    access: "gated",
    body: { schema: EditBodySchema, name: "EditBody" },
    responses: {
      201: { description: "The saved version.", json: PromptVersionSchema },
      400: error("The body is not valid."),
      404: error("The parent version is not there."),
      422: error("The prompt is refused by moderation."),
    },
  },
  {
    method: "patch",
    path: "/api/prompts/{id}",
    operationId: "setLocks",
    summary: "Lock parts of a version, so later refinements keep them word for word",
    tag: "Studio",
    access: "gated",
    pathParams: { id: { description: "The prompt version's id." } },
    body: { schema: LocksBodySchema, name: "LocksBody" },
    responses: {
      200: { description: "The version with its locks.", json: PromptVersionSchema },
      400: error("The body is not valid, or a part to lock is not in the version."),
      404: error("The version is not there."),
    },
  },
  {
    method: "post",
    path: "/api/versions/{id}/approval",
    operationId: "approveVersion",
    summary: "Mark a version Approved (again: keeps the first time)",
    tag: "Studio",
    access: "gated",
    pathParams: { id: { description: "The prompt version's id." } },
    responses: {
      200: { description: "The version, with `approvedAt`.", json: PromptVersionSchema },
      404: error("The version is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/versions/{id}/approval",
    operationId: "unapproveVersion",
    summary: "Take a version's approval back",
    tag: "Studio",
    access: "gated",
    pathParams: { id: { description: "The prompt version's id." } },
    responses: {
      200: { description: "The version, `approvedAt` null.", json: PromptVersionSchema },
      404: error("The version is not there."),
    },
  },
  {
    method: "post",
    path: "/api/generate",
    operationId: "generate",
    summary: "Queue a generation of a version on a backend",
    description:
      "Answers at once; follow it with GET /api/generations/{id}/events (or poll GET /api/generations/{id}).",
    tag: "Studio",
    access: "gated",
    rateLimit: "generate",
    body: { schema: GenerateBodySchema, name: "GenerateBody" },
    responses: {
      202: { description: "The generation, queued.", json: GenerationSchema },
      400: error("The body is not valid, or the parameters are not ones the backend takes (size, n, steps…)."),
      404: error("The version or the backend is not there."),
      422: error("The prompt is refused by moderation."),
      429: error("Too many generations from this client, or its queue is full; Retry-After says when."),
      503: error("The backend is not configured."),
    },
  },
];
