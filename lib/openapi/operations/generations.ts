import { GenerationSchema, GenerationWithImagesSchema, ImageSchema } from "@/lib/schemas/entities";
import {
  CheckEventSchema,
  GenerationFailedEventSchema,
  PreviewEventSchema,
  ProgressEventSchema,
  QueuedGenerationSchema,
  RetryEventSchema,
} from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The generation's id." } };

/** A generation's state, its live events, and stopping it. */
export const generationOperations: Operation[] = [
  {
    method: "get",
    path: "/api/generations/{id}",
    operationId: "getGeneration",
    summary: "A generation and its images",
    tag: "Generations",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The generation.", json: GenerationWithImagesSchema },
      404: error("The generation is not there."),
    },
  },
  {
    method: "get",
    path: "/api/generations/{id}/events",
    operationId: "followGeneration",
    summary: "Follow a generation as it runs",
    description: "Starts with its state now, and ends with `done` or `error` (at once for one that has ended).",
    tag: "Generations",
    access: "gated",
    pathParams: id,
    responses: {
      200: {
        description: "The generation's events.",
        sse: [
          {
            event: "generation",
            description: "Its state, with its place in the backend's queue (`ahead`).",
            data: QueuedGenerationSchema,
          },
          { event: "progress", description: "How far it is, 0..1.", data: ProgressEventSchema, name: "ProgressEvent" },
          {
            event: "preview",
            description: "A live frame of the image being made (base64), from backends that send them.",
            data: PreviewEventSchema,
            name: "PreviewEvent",
          },
          {
            event: "retry",
            description: "The backend failed in a way worth another try; it is tried again after `delayMs`.",
            data: RetryEventSchema,
            name: "RetryEvent",
          },
          { event: "image", description: "An image, saved.", data: ImageSchema },
          {
            event: "check",
            description: "An automatic check of a new image (AUTO_CHECK).",
            data: CheckEventSchema,
            name: "CheckEvent",
          },
          {
            event: "done",
            description: "It succeeded (or was canceled): the generation and its images. The last event.",
            data: GenerationWithImagesSchema,
          },
          {
            event: "error",
            description: "It failed: why, and the generation. The last event.",
            data: GenerationFailedEventSchema,
            name: "GenerationFailedEvent",
          },
        ],
      },
      404: error("The generation is not there."),
    },
  },
  {
    method: "post",
    path: "/api/generations/{id}/cancel",
    operationId: "cancelGeneration",
    summary: "Stop a generation",
    description: "One that has ended is answered as it is.",
    tag: "Generations",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The generation, canceled (or as it ended).", json: GenerationSchema },
      404: error("The generation is not there."),
    },
  },
];
