/** POST /v1/images/generations: real images of the requested size, with OpenAI's rules per model. */

import { cutAnswer, cutConnection } from "../shared/cut";
import { pause } from "../shared/pause";
import { sendJson, sendRaw } from "../shared/send";
import { assertConforms, type HandlerContext } from "./context";
import { openaiError } from "./http";
import { flaggedCategories } from "./moderation-rules";
import { type FakeImageFormat, renderFakeImage } from "./png";

type ImageRequest = {
  prompt: string;
  model?: string | null;
  n?: number | null;
  size?: string | null;
  quality?: string | null;
  response_format?: "url" | "b64_json" | null;
  output_format?: FakeImageFormat | null;
  stream?: boolean | null;
  partial_images?: number | null;
};

type Family = "gpt-image" | "dall-e-2" | "dall-e-3" | "other";

const SIZES: Record<Exclude<Family, "other">, string[]> = {
  "gpt-image": ["1024x1024", "1536x1024", "1024x1536", "auto"],
  "dall-e-2": ["256x256", "512x512", "1024x1024"],
  "dall-e-3": ["1024x1024", "1792x1024", "1024x1792"],
};

/** The sizes the contract's ImagesResponse.size can name. */
const RESPONSE_SIZES = new Set(["1024x1024", "1024x1536", "1536x1024"]);

function familyOf(model: string): Family {
  if (model.startsWith("gpt-image")) return "gpt-image";
  if (model === "dall-e-2" || model === "dall-e-3") return model;
  return "other";
}

function badRequest(ctx: HandlerContext, message: string, param: string | null, code: string | null = null): void {
  sendJson(ctx.res, 400, openaiError(message, { param, code }));
}

/** OpenAI's own checks that go beyond the schema; null when the request passes. */
function ruleViolation(req: ImageRequest, family: Family, size: string): { message: string; param: string } | null {
  if (family !== "other" && !SIZES[family].includes(size)) {
    const allowed = SIZES[family].map((s) => `'${s}'`).join(", ");
    return { message: `Invalid value: '${size}'. Supported values are: ${allowed}.`, param: "size" };
  }
  if (family === "other" && !/^\d{2,4}x\d{2,4}$/.test(size) && size !== "auto") {
    return { message: `Invalid value: '${size}'. Expected WIDTHxHEIGHT.`, param: "size" };
  }
  if (family === "gpt-image" && req.response_format) {
    return { message: "Unknown parameter: 'response_format'.", param: "response_format" };
  }
  if ((family === "dall-e-2" || family === "dall-e-3") && req.output_format) {
    return { message: "Unknown parameter: 'output_format'.", param: "output_format" };
  }
  if (family !== "gpt-image" && req.stream) {
    return { message: "Streaming is only supported for the GPT image models.", param: "stream" };
  }
  if (family === "dall-e-3" && (req.n ?? 1) !== 1) {
    return { message: "Invalid 'n': dall-e-3 only supports n=1.", param: "n" };
  }
  return null;
}

function blocked(ctx: HandlerContext): void {
  sendJson(
    ctx.res,
    400,
    openaiError(
      "Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID.",
      { type: "image_generation_user_error", code: "moderation_blocked" },
    ),
  );
}

export async function handleImages(ctx: HandlerContext): Promise<void> {
  const req = ctx.body as ImageRequest;
  const model = req.model ?? "dall-e-2";
  const family = familyOf(model);
  const size = req.size ?? (family === "gpt-image" || family === "other" ? "auto" : "1024x1024");
  const violation = ruleViolation(req, family, size);
  if (violation) return badRequest(ctx, violation.message, violation.param);

  const { mode, consume } = ctx.decision;
  // A content-policy refusal looks the same whichever way the fake was asked to refuse.
  if (mode === "refusal" || mode === "contentFilter" || flaggedCategories(req.prompt).length > 0) {
    if (mode === "refusal" || mode === "contentFilter") consume();
    return blocked(ctx);
  }

  const [width, height] = (size === "auto" ? "1024x1024" : size).split("x").map(Number) as [number, number];
  const format: FakeImageFormat = req.output_format ?? "png";
  const n = req.n ?? 1;
  const asUrl = family !== "gpt-image" && req.response_format !== "b64_json";
  const data = [];
  for (let i = 0; i < n; i++) {
    let bytes = await renderFakeImage(req.prompt, i, width, height, format);
    if (mode === "notImage") bytes = Buffer.from("GIF? no: just a text file.\n");
    const item: { b64_json?: string; url?: string; revised_prompt?: string } = {};
    if (asUrl) item.url = `${ctx.origin}/__fake/images/${ctx.images.put(bytes, `image/${format}`)}.${format}`;
    else item.b64_json = mode === "badBase64" ? "this is not base64!" : bytes.toString("base64");
    if (family === "dall-e-3") item.revised_prompt = req.prompt;
    data.push(item);
  }

  const textTokens = Math.ceil(req.prompt.length / 4);
  const imageTokens = 272 * n;
  const body = {
    created: Math.floor(Date.now() / 1000),
    data,
    ...(family === "gpt-image"
      ? {
          background: "opaque" as const,
          output_format: format,
          ...(RESPONSE_SIZES.has(`${width}x${height}`) ? { size: `${width}x${height}` } : {}),
          quality: req.quality === "low" || req.quality === "high" ? req.quality : "medium",
          usage: {
            input_tokens: textTokens,
            output_tokens: imageTokens,
            total_tokens: textTokens + imageTokens,
            input_tokens_details: { text_tokens: textTokens, image_tokens: 0 },
            output_tokens_details: { text_tokens: 0, image_tokens: imageTokens },
          },
        }
      : {}),
  };
  if (req.stream) return streamImages(ctx, req, body, width, height);
  assertConforms("ImagesResponse", body);
  if (mode === "malformedChunk") {
    consume();
    return sendRaw(ctx.res, 200, "application/json", JSON.stringify(body).slice(0, 60));
  }
  if (mode === "reset" || mode === "truncated") {
    consume();
    return cutAnswer(ctx.res, mode, 200, "application/json", JSON.stringify(body));
  }
  if (mode === "badBase64" || mode === "notImage") consume();
  sendJson(ctx.res, 200, body);
}

type Answer = {
  created: number;
  data: Array<{ b64_json?: string }>;
  background?: "opaque";
  output_format?: FakeImageFormat;
  quality?: string;
  usage?: Record<string, unknown>;
};

/**
 * stream: true (gpt-image models): `partial_images` (0-3) image_generation.partial_image events,
 * then image_generation.completed, as server-sent events, each checked against the contract. As a
 * model draws, the partial images come during the delay (evenly spread) and the image at its end.
 * A partial image is the final one, washed out the earlier it comes (drawn small and scaled up, so
 * the fake spends little time on it). OpenAI does not say what n > 1 streams; the fake sends each
 * image's partials and its completed event in turn.
 */
async function streamImages(
  ctx: HandlerContext,
  req: ImageRequest,
  answer: Answer,
  width: number,
  height: number,
): Promise<void> {
  const format = answer.output_format ?? "png";
  const partials = req.partial_images ?? 0;
  const common = {
    created_at: answer.created,
    size: RESPONSE_SIZES.has(`${width}x${height}`) ? `${width}x${height}` : "auto",
    quality: answer.quality ?? "medium",
    background: "opaque",
    output_format: format,
  };
  const { res } = ctx;
  const { mode, consume } = ctx.decision;
  const cut = mode === "reset" || mode === "truncated" || mode === "malformedChunk" ? mode : undefined;
  if (cut || mode === "badBase64" || mode === "notImage") consume();
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
  res.flushHeaders();
  const steps = answer.data.length * (partials + 1);
  let sent = 0;
  const write = async (name: string, data: Record<string, unknown>) => {
    if (res.destroyed) return false;
    if (cut && sent === Math.floor(steps / 2)) {
      if (cut === "malformedChunk") res.write(`event: ${name}\ndata: {"type":"${name}","b64_json":"iVBO\n\n`);
      if (cut === "reset") cutConnection(res, cut);
      else res.end();
      return false;
    }
    res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    sent++;
    await pause(ctx.chunkGapMs, res);
    return true;
  };
  for (const [i, item] of answer.data.entries()) {
    for (let p = 0; p < partials; p++) {
      const began = Date.now();
      const bytes = await renderFakeImage(
        req.prompt,
        i,
        Math.ceil(width / 8),
        Math.ceil(height / 8),
        format,
        (p + 1) / (partials + 1),
        { width, height },
      );
      const data = {
        type: "image_generation.partial_image",
        b64_json: bytes.toString("base64"),
        ...common,
        partial_image_index: p,
      };
      assertConforms("ImageGenPartialImageEvent", data);
      // Drawing it is part of the model's time, not added to it.
      await pause(ctx.delayMs / steps - (Date.now() - began), res);
      if (!(await write(data.type, data))) return;
    }
    await pause(ctx.delayMs / steps, res);
    const data = { type: "image_generation.completed", b64_json: item.b64_json ?? "", ...common, usage: answer.usage };
    assertConforms("ImageGenCompletedEvent", data);
    if (!(await write(data.type, data))) return;
  }
  if (!res.destroyed) res.end();
}
