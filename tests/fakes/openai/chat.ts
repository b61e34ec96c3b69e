/** POST /v1/chat/completions: a deterministic "model", streamed or not, with its failure modes. */

import { cutAnswer, cutConnection } from "../shared/cut";
import { pause } from "../shared/pause";
import { sendJson, sendRaw } from "../shared/send";
import { type ChatRequest, type OutputFormat, outputFormatOf, promptInputOf } from "./chat-request";
import { assertConforms, type HandlerContext } from "./context";
import { openaiError } from "./http";
import { invalidImageUrl, imageUrlsOf, isJudgeRequest, JUDGE_MODES, judgeContent } from "./judge";
import { writeFakeChecks } from "./checks-writer";
import { writeFakePrompt } from "./prompt-writer";

type FinishReason = "stop" | "length" | "content_filter";
type Answer = { kind: "content" | "refusal"; text: string; finishReason: FinishReason };

export const FAKE_REFUSAL = "I'm sorry, but I can't help with that request.";

let sequence = 0;

/** Like OpenAI, answer an alias with a dated snapshot, so clients must read the model back. */
export function reportedModel(requested: string): string {
  return /\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : `${requested}-2026-03-17`;
}

function fullText(req: ChatRequest, format: OutputFormat): string {
  const input = promptInputOf(req);
  const written = writeFakePrompt(input);
  if (format === "text") return written.prompt;
  const checks = writeFakeChecks(input);
  // Key order matters to clients that stream `prompt` out of partial JSON: it comes first.
  return JSON.stringify({
    prompt: written.prompt,
    negativePrompt: written.negativePrompt,
    title: written.title,
    notes: written.notes,
    parts: written.parts,
    ...(checks ? { checks } : {}),
  });
}

function planAnswer(ctx: HandlerContext, req: ChatRequest, format: OutputFormat): Answer {
  const { mode, consume } = ctx.decision;
  if (mode === "refusal") {
    consume();
    return { kind: "refusal", text: FAKE_REFUSAL, finishReason: "stop" };
  }
  if (isJudgeRequest(req)) {
    if ((JUDGE_MODES as readonly string[]).includes(mode)) consume();
    return { kind: "content", text: judgeContent(req, mode), finishReason: "stop" };
  }
  const text = fullText(req, format);
  if (mode === "contentFilter") {
    consume();
    return { kind: "content", text: text.slice(0, Math.floor(text.length * 0.4)), finishReason: "content_filter" };
  }
  if (mode === "length") {
    consume();
    return { kind: "content", text: text.slice(0, Math.floor(text.length / 2)), finishReason: "length" };
  }
  return { kind: "content", text, finishReason: "stop" };
}

/** A few characters at a time, by code point so no chunk splits a surrogate pair. */
export function splitIntoPieces(text: string): string[] {
  const sizes = [3, 5, 2, 6, 4, 3];
  const chars = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0, k = 0; i < chars.length; k++) {
    const size = sizes[k % sizes.length] ?? 4;
    pieces.push(chars.slice(i, i + size).join(""));
    i += size;
  }
  return pieces;
}

function usageFor(req: ChatRequest, answer: Answer) {
  const promptChars = req.messages.reduce((sum, m) => sum + JSON.stringify(m.content ?? "").length, 0);
  const prompt_tokens = Math.ceil(promptChars / 4);
  const completion_tokens = Math.ceil(answer.text.length / 4);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function completionBody(req: ChatRequest, answer: Answer) {
  const n = req.n ?? 1;
  const message = {
    role: "assistant" as const,
    content: answer.kind === "content" ? answer.text : null,
    refusal: answer.kind === "refusal" ? answer.text : null,
    annotations: [],
  };
  return {
    id: `chatcmpl-fake${++sequence}`,
    object: "chat.completion" as const,
    created: Math.floor(Date.now() / 1000),
    model: reportedModel(req.model),
    service_tier: "default",
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message,
      finish_reason: answer.finishReason,
      logprobs: null,
    })),
    usage: usageFor(req, answer),
  };
}

function streamChunks(req: ChatRequest, answer: Answer): object[] {
  const n = req.n ?? 1;
  const includeUsage = req.stream_options?.include_usage === true;
  const base = {
    id: `chatcmpl-fake${++sequence}`,
    object: "chat.completion.chunk" as const,
    created: Math.floor(Date.now() / 1000),
    model: reportedModel(req.model),
    service_tier: "default",
    // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
    ...(includeUsage ? { usage: null } : {}),
  };
  const chunk = (delta: object, finish: FinishReason | null) => ({
    ...base,
    choices: Array.from({ length: n }, (_, index) => ({ index, delta, finish_reason: finish, logprobs: null })),
  });
  const field = answer.kind === "content" ? "content" : "refusal";
  const chunks: object[] = [
    chunk({ role: "assistant", content: answer.kind === "content" ? "" : null, refusal: null }, null),
  ];
  for (const piece of splitIntoPieces(answer.text)) chunks.push(chunk({ [field]: piece }, null));
  chunks.push(chunk({}, answer.finishReason));
  if (includeUsage) chunks.push({ ...base, choices: [], usage: usageFor(req, answer) });
  return chunks;
}

async function stream(ctx: HandlerContext, req: ChatRequest, answer: Answer): Promise<void> {
  const chunks = streamChunks(req, answer);
  for (const c of chunks) assertConforms("CreateChatCompletionStreamResponse", c);
  const { res } = ctx;
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  res.flushHeaders();
  await pause(ctx.delayMs, res);

  const { mode } = ctx.decision;
  const malformed = mode === "malformedChunk";
  const cut = mode === "reset" || mode === "truncated" ? mode : undefined;
  if (malformed || cut) ctx.decision.consume();
  for (const [i, c] of chunks.entries()) {
    if (res.destroyed) return;
    if (malformed && i === 3) {
      // Cut off mid-object, as a broken proxy or a crashing server would.
      res.write(`data: {"id":"chatcmpl-broken","choices":[{"delta":{"content":"half\n\n`);
      res.end();
      return;
    }
    if (cut && i === Math.floor(chunks.length / 2)) {
      // Whole chunks so far, then no finish_reason and no [DONE]: the connection is reset, or
      // (truncated) the HTTP answer ends in good order, as a server whose generator died does.
      if (cut === "reset") cutConnection(res, cut);
      else res.end();
      return;
    }
    res.write(`data: ${JSON.stringify(c)}\n\n`);
    await pause(ctx.chunkGapMs, res);
  }
  if (!res.destroyed) res.end("data: [DONE]\n\n");
}

export async function handleChat(ctx: HandlerContext): Promise<void> {
  const req = ctx.body as ChatRequest;
  const format = outputFormatOf(req);

  // The contract checks an image part's shape; OpenAI also reads the image, and refuses one it cannot.
  const badImage = imageUrlsOf(req).map(invalidImageUrl).find(Boolean);
  if (badImage) {
    await pause(ctx.delayMs, ctx.res);
    sendJson(
      ctx.res,
      400,
      openaiError(`Invalid image: ${badImage}.`, { param: "messages", code: "invalid_image_format" }),
    );
    return;
  }

  if (ctx.decision.mode === "noJsonSchema" && format === "json_schema") {
    ctx.decision.consume();
    await pause(ctx.delayMs, ctx.res);
    sendJson(
      ctx.res,
      400,
      openaiError("response_format of type 'json_schema' is not supported by this server; use 'json_object'.", {
        param: "response_format",
      }),
    );
    return;
  }

  if (ctx.decision.mode === "noResponseFormat" && format !== "text") {
    ctx.decision.consume();
    await pause(ctx.delayMs, ctx.res);
    sendJson(ctx.res, 400, openaiError(`Unsupported response_format type: '${format}'.`, { param: "response_format" }));
    return;
  }

  const answer = planAnswer(ctx, req, format);
  if (req.stream) {
    await stream(ctx, req, answer);
    return;
  }

  const body = completionBody(req, answer);
  assertConforms("CreateChatCompletionResponse", body);
  await pause(ctx.delayMs, ctx.res);
  if (ctx.decision.mode === "malformedChunk") {
    ctx.decision.consume();
    sendRaw(ctx.res, 200, "application/json", JSON.stringify(body).slice(0, 40));
    return;
  }
  if (ctx.decision.mode === "reset" || ctx.decision.mode === "truncated") {
    ctx.decision.consume();
    cutAnswer(ctx.res, ctx.decision.mode, 200, "application/json", JSON.stringify(body));
    return;
  }
  sendJson(ctx.res, 200, body);
}
