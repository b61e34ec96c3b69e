import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { badParam } from "./errors";
import { type CreateImageRequest, CreateImageRequestSchema } from "./schemas";

export type { CreateImageRequest };

/** Checks a parsed JSON body; the first problem answers, naming its field as OpenAI does. */
export function parseCreateImageRequest(data: unknown): CreateImageRequest {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new AppError("invalid_request", "The request body must be a JSON object.");
  }
  const result = CreateImageRequestSchema.safeParse(data);
  if (result.success) return result.data;
  throw issueError(result.error.issues[0]);
}

function issueError(issue: z.core.$ZodIssue | undefined): AppError {
  if (issue?.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    return badParam(key, `Unrecognized request argument supplied: ${key}`, "unknown_parameter");
  }
  const param = String(issue?.path[0] ?? "");
  if (issue?.code === "invalid_type" && issue.input === undefined) {
    return badParam(param, `Missing required parameter: '${param}'.`, "missing_required_parameter");
  }
  if (issue?.code === "invalid_value") {
    const allowed = issue.values.map((v) => `'${String(v)}'`).join(", ");
    return badParam(param, `Invalid value for '${param}': supported values are ${allowed}.`);
  }
  return badParam(param, `Invalid value for '${param}': ${issue?.message ?? "not valid"}.`);
}
