import { FixBodySchema, FixLoopSchema } from "@/lib/schemas/checks";
import { FixLoopFailedEventSchema } from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The fix loop's id." } };

/** Fix loops: refine, generate and check again until the checklist's misses are gone. */
export const fixOperations: Operation[] = [
  {
    method: "post",
    path: "/api/images/{id}/fix",
    operationId: "startFixLoop",
    summary: "Start a fix loop from a checked image",
    description: "The body is optional: `{ maxRounds? }`, or nothing at all.",
    tag: "Fix loops",
    access: "gated",
    pathParams: { id: { description: "The image's id." } },
    body: { schema: FixBodySchema, name: "FixBody", optional: true },
    responses: {
      202: { description: "The loop, running.", json: FixLoopSchema },
      400: error("The image has no check yet, or nothing of it failed; or the body is not valid."),
      404: error("The image is not there."),
    },
  },
  {
    method: "get",
    path: "/api/fix-loops/{id}",
    operationId: "getFixLoop",
    summary: "A fix loop and its rounds",
    tag: "Fix loops",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The loop.", json: FixLoopSchema },
      404: error("The loop is not there."),
    },
  },
  {
    method: "get",
    path: "/api/fix-loops/{id}/events",
    operationId: "followFixLoop",
    summary: "Follow a fix loop round by round",
    tag: "Fix loops",
    access: "gated",
    pathParams: id,
    responses: {
      200: {
        description: "The loop's events.",
        sse: [
          { event: "round", description: "The loop as it stands, after each change.", data: FixLoopSchema },
          {
            event: "done",
            description: "It ended (all passed, no better, max rounds, canceled). The last event.",
            data: FixLoopSchema,
          },
          {
            event: "error",
            description: "It failed: why, and the loop. The last event.",
            data: FixLoopFailedEventSchema,
            name: "FixLoopFailedEvent",
          },
        ],
      },
      404: error("The loop is not there."),
    },
  },
  {
    method: "post",
    path: "/api/fix-loops/{id}/cancel",
    operationId: "cancelFixLoop",
    summary: "Stop a fix loop",
    tag: "Fix loops",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The loop, canceled (or as it ended).", json: FixLoopSchema },
      404: error("The loop is not there."),
    },
  },
];
