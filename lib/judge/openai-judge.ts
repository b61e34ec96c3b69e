import "server-only";
import { APIError } from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getOpenAIClient, mapOpenAIError } from "@/lib/openai-client";
import type { CheckResultItem } from "@/lib/schemas/checks";
import {
  JUDGE_OUTPUT_NAME,
  JUDGE_SYSTEM_PROMPT,
  judgeJsonSchema,
  judgeRefused,
  judgeUserText,
  readJudgeAnswer,
} from "./judge-answer";
import type { Judge, JudgeInput, JudgeOptions } from "./types";

const IMAGE_MIMES = new Set(["image/png", "image/jpeg", "image/webp"]);

/** The image as a data: URL, the form every OpenAI-compatible vision server takes without fetching. */
export function imageDataUrl(bytes: Uint8Array, mime: string): string {
  if (!IMAGE_MIMES.has(mime)) {
    throw new AppError("invalid_request", `The judge reads PNG, JPEG and WebP images, not ${mime}.`);
  }
  return `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;
}

/** A 400/422 that blames the response format (servers without structured output). */
function formatUnsupported(e: unknown): boolean {
  if (!(e instanceof APIError) || (e.status !== 400 && e.status !== 422)) return false;
  return /response_format|json_schema|structured output/i.test(`${e.message} ${e.param ?? ""}`);
}

function request(input: JudgeInput, model: string, structured: boolean): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [
      { role: "system", content: JUDGE_SYSTEM_PROMPT },
      {
        role: "user",
        content: [
          { type: "text", text: judgeUserText(input.prompt, input.items) },
          { type: "image_url", image_url: { url: imageDataUrl(input.image.bytes, input.image.mime) } },
        ],
      },
    ],
    response_format: structured
      ? {
          type: "json_schema",
          json_schema: { name: JUDGE_OUTPUT_NAME, strict: true, schema: judgeJsonSchema(input.items) },
        }
      : { type: "json_object" },
  };
}

async function ask(input: JudgeInput, model: string, signal: AbortSignal): Promise<CheckResultItem[]> {
  const client = getOpenAIClient();
  let completion: Awaited<ReturnType<typeof client.chat.completions.create>>;
  try {
    completion = await client.chat.completions.create(request(input, model, true), { signal });
  } catch (e) {
    // One step down, as the refiner does: a server without json_schema may still take json_object.
    if (signal.aborted || !formatUnsupported(e)) throw e;
    completion = await client.chat.completions.create(request(input, model, false), { signal });
  }
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw judgeRefused(message.refusal);
  return readJudgeAnswer(message?.content, input.items);
}

/**
 * The chat judge: JUDGE_MODEL (default REFINE_MODEL) on the OpenAI-compatible server the refiner
 * uses, shown the image as a data: URL and answering in strict structured output. Made per call so
 * the label follows the configured model.
 */
export function openaiJudge(): Judge {
  const { model } = getConfig().judge;
  return {
    id: "openai",
    label: model,
    model,
    async check(input: JudgeInput, opts: JudgeOptions): Promise<CheckResultItem[]> {
      const { judgeMs } = getConfig().timeouts;
      const deadline = AbortSignal.timeout(judgeMs);
      const signal = AbortSignal.any([opts.signal, deadline]);
      try {
        return await ask(input, model, signal);
      } catch (e) {
        if (opts.signal.aborted) throw new AppError("canceled", "Stopped.", { cause: e });
        if (deadline.aborted) {
          throw new AppError("timeout", `The judge model did not answer within ${Math.round(judgeMs / 1000)} s.`, {
            cause: e,
          });
        }
        // Short, safe messages (no key, no URL); the SDK error stays in `cause` for the log.
        throw mapOpenAIError(e);
      }
    },
  };
}
