import "server-only";
import { APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { REFINERS } from "@/lib/catalog";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getOpenAIClient, mapOpenAIError } from "@/lib/openai-client";
import { styleFor } from "@/lib/styles";
import { collectChatStream } from "./chat-stream";
import { interpretAnswer, promptSoFar } from "./openai-answer";
import { REFINED_OUTPUT_NAME, RefinedOutputSchema } from "./refined-prompt-schema";
import { buildSystemPrompt, buildUserMessage, type OutputMode, revisionInstruction } from "./system-prompt";
import type { RefinedPrompt, RefineInput, RefineOptions, Refiner } from "./types";

/** Best first; each later one is for servers that reject the one before. */
const MODES: readonly OutputMode[] = ["json_schema", "json_object", "text"];

/**
 * The best mode each server and model has accepted, so a server known not to take
 * json_schema does not cost a rejected request on every refinement.
 */
const acceptedModes = new Map<string, OutputMode>();

/** Tests only: forget what servers were found to support. */
export function forgetOutputModesForTests(): void {
  acceptedModes.clear();
}

/** A 400/422 that blames the response format, as OpenAI-compatible servers word it. */
export function isFormatUnsupported(e: unknown): boolean {
  if (!(e instanceof APIError) || (e.status !== 400 && e.status !== 422)) return false;
  const said = `${e.message} ${e.param ?? ""} ${JSON.stringify(e.error ?? "")}`;
  return /response_format|json_schema|json_object|structured output/i.test(said);
}

/** The strict schema as JSON Schema: converting the zod schema takes ~1.5 ms, once per process is enough. */
let jsonSchemaFormat: ChatCompletionCreateParamsStreaming["response_format"] | undefined;

function responseFormat(mode: OutputMode): Pick<ChatCompletionCreateParamsStreaming, "response_format"> {
  if (mode === "json_schema") {
    jsonSchemaFormat ??= zodResponseFormat(RefinedOutputSchema, REFINED_OUTPUT_NAME);
    return { response_format: jsonSchemaFormat };
  }
  if (mode === "json_object") return { response_format: { type: "json_object" } };
  return {};
}

async function attempt(
  mode: OutputMode,
  input: RefineInput,
  signal: AbortSignal,
  onDelta?: (text: string) => void,
): Promise<RefinedPrompt> {
  const { refineModel } = getConfig().openai;
  const styleId = input.style !== undefined ? input.style : (input.parent?.style ?? null);
  // An own style comes resolved with the request (or as the parent used it); built-ins by id.
  const style = styleFor(styleId, input.ownStyle, input.parent?.styleUsed);
  // A revision: an instruction, or a new style for an existing version (a restyle).
  const followUp = Boolean(input.parent && revisionInstruction(input, style?.label));
  const locked = followUp && Boolean(input.parent?.parts) && (input.locks?.length ?? 0) > 0;
  const system = buildSystemPrompt({
    dialect: input.dialect,
    mode,
    followUp,
    locked,
    direction: input.direction !== undefined,
    styleId,
    style,
    budget: input.budget,
    houseRules: input.houseRules?.text,
  });

  // No temperature: the gpt-5 family accepts only its default.
  const stream = await getOpenAIClient().chat.completions.create(
    {
      model: refineModel,
      stream: true,
      messages: [
        { role: "system", content: system },
        { role: "user", content: buildUserMessage(input, style?.label) },
      ],
      ...responseFormat(mode),
    },
    { signal },
  );

  let shown = "";
  const outcome = await collectChatStream(stream, (content) => {
    const text = promptSoFar(mode, content);
    if (text !== undefined && text.length > shown.length) {
      shown = text;
      onDelta?.(text);
    }
  });
  // The SDK ends an aborted stream quietly; a half-read answer must not pass for a whole one.
  if (signal.aborted) throw signal.reason ?? new AppError("canceled", "Stopped.");

  const result = interpretAnswer(outcome, mode, input, refineModel);
  // Whitespace trimmed, a budget cut, or a prose answer shown only now: the last word is the result.
  if (result.prompt !== shown) onDelta?.(result.prompt);
  return result;
}

async function refineWithFallbacks(
  input: RefineInput,
  signal: AbortSignal,
  onDelta?: (text: string) => void,
): Promise<RefinedPrompt> {
  const { baseURL, refineModel } = getConfig().openai;
  const key = `${baseURL ?? "openai"}|${refineModel}`;
  let index = MODES.indexOf(acceptedModes.get(key) ?? "json_schema");
  for (;;) {
    const mode = MODES[index] ?? "text";
    try {
      const result = await attempt(mode, input, signal, onDelta);
      if (index > 0) acceptedModes.set(key, mode);
      return result;
    } catch (e) {
      if (index < MODES.length - 1 && !signal.aborted && isFormatUnsupported(e)) {
        index++;
        continue;
      }
      throw e;
    }
  }
}

/** The chat-model refiner: OpenAI, or any server that speaks its chat completions API. */
export const openaiRefiner: Refiner = {
  id: REFINERS.openai.id,
  label: REFINERS.openai.label,
  async refine(input: RefineInput, opts: RefineOptions): Promise<RefinedPrompt> {
    const { refineMs } = getConfig().timeouts;
    // The SDK's own timeout stops at the response headers; a stream that stalls needs this.
    const deadline = AbortSignal.timeout(refineMs);
    const signal = AbortSignal.any([opts.signal, deadline]);
    try {
      return await refineWithFallbacks(input, signal, opts.onDelta);
    } catch (e) {
      if (opts.signal.aborted) throw new AppError("canceled", "Stopped.", { cause: e });
      if (deadline.aborted) {
        throw new AppError("timeout", `The chat model did not finish within ${Math.round(refineMs / 1000)} s.`, {
          cause: e,
        });
      }
      throw mapOpenAIError(e);
    }
  },
};
