import "server-only";
import { z } from "zod";

/**
 * The parts of ComfyUI's answers this backend reads. Loose on purpose: ComfyUI adds fields
 * between versions (timestamps, display_node, meta), and only these must be there.
 */

/** POST /prompt, 200. */
export const QueuedPromptSchema = z.object({
  prompt_id: z.string().min(1),
  number: z.number().optional(),
  node_errors: z.unknown().optional(),
});

const ValidationErrorSchema = z.object({
  type: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  extra_info: z.record(z.string(), z.unknown()).optional(),
});
export type ComfyValidationError = z.infer<typeof ValidationErrorSchema>;

/** POST /prompt, 400: `error` is an object on current versions, a bare string on old ones. */
export const PromptRejectionSchema = z.object({
  error: z.union([ValidationErrorSchema, z.string()]).optional(),
  node_errors: z
    .record(
      z.string(),
      z.object({
        errors: z.array(ValidationErrorSchema).default([]),
        class_type: z.string().optional(),
      }),
    )
    .or(z.array(z.unknown()))
    .optional(),
});
export type PromptRejection = z.infer<typeof PromptRejectionSchema>;

const ImageRefSchema = z.object({
  filename: z.string(),
  subfolder: z.string().default(""),
  type: z.string().default("output"),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

/** One entry of GET /history/{prompt_id}: `{ [prompt_id]: HistoryEntry }`, or `{}` while not finished. */
export const HistoryEntrySchema = z.object({
  outputs: z.record(z.string(), z.object({ images: z.array(ImageRefSchema).optional() }).loose()).default({}),
  // Absent on servers older than mid-2023; there an entry only appears once the prompt ran.
  status: z
    .object({
      status_str: z.string().optional(),
      completed: z.boolean().optional(),
      messages: z.array(z.tuple([z.string(), z.unknown()]).rest(z.unknown())).default([]),
    })
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** GET /queue: items are `[number, prompt_id, prompt, extra_data, outputs_to_execute, …]`. */
export const QueueSchema = z.object({
  queue_running: z.array(z.array(z.unknown())).default([]),
  queue_pending: z.array(z.array(z.unknown())).default([]),
});

/** The data of an execution_error message (websocket, and history's status.messages). */
export const ExecutionErrorSchema = z
  .object({
    prompt_id: z.string().optional(),
    node_id: z.union([z.string(), z.number()]).optional(),
    node_type: z.string().optional(),
    exception_message: z.string().optional(),
    exception_type: z.string().optional(),
  })
  .loose();
export type ExecutionErrorData = z.infer<typeof ExecutionErrorSchema>;
