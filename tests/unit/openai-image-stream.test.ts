/**
 * The reader of a streamed image generation (lib/backends/openai-image-stream.ts), which stands in
 * for the SDK's Stream: the same events out of the same bytes however they are cut, the SDK's
 * handling of `[DONE]`, error events and bad JSON, and the rest of the answer canceled on a failure.
 */
import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { readImageStream } from "@/lib/backends/openai-image-stream";
import { mapOpenAIError } from "@/lib/openai-client";

const partial = {
  type: "image_generation.partial_image",
  b64_json: "iVBORw0KGgo=",
  partial_image_index: 0,
  output_format: "png",
  note: "ünïcödé ✓",
};
const completed = { type: "image_generation.completed", b64_json: "A".repeat(100_000), output_format: "png" };
const sse = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** The text as a body cut into `size`-byte chunks (so lines and UTF-8 characters are split). */
function answer(text: string, size: number): { response: Response; canceled: () => boolean } {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  let canceled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
    cancel() {
      canceled = true;
    },
  });
  return { response: new Response(body, { headers: { "x-request-id": "req_1" } }), canceled: () => canceled };
}

async function events(text: string, size: number): Promise<unknown[]> {
  const out: unknown[] = [];
  await readImageStream(answer(text, size).response, (e) => out.push(e));
  return out;
}

describe("readImageStream", () => {
  it("delivers each event whole, in order, however the bytes are cut", async () => {
    const text = sse(partial.type, partial) + sse(completed.type, completed);
    for (const size of [7, 4096, 65_536, 1_000_000])
      expect(await events(text, size), `chunks of ${size}`).toEqual([partial, completed]);
  });

  it("skips [DONE] and comments, and drops an event the answer cut off before its blank line", async () => {
    const text = `: keep-alive\n\n${sse(partial.type, partial)}data: [DONE]\n\ndata: {"type":"image_generation.completed"`;
    expect(await events(text, 16)).toEqual([partial]);
  });

  it("throws an error event as the SDK's APIError (mapped as an error mid-answer) and cancels the rest", async () => {
    const text = `${sse("error", { error: { message: "boom", type: "server_error" } })}${sse(completed.type, completed)}`;
    const { response, canceled } = answer(text, 32);
    const seen: unknown[] = [];
    const error = await readImageStream(response, (e) => seen.push(e)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIError);
    expect(mapOpenAIError(error)).toMatchObject({
      code: "backend_error",
      message: expect.stringMatching(/mid-answer/),
    });
    expect(seen).toEqual([]);
    expect(canceled()).toBe(true);
  });

  it("throws the SyntaxError of a data line that is not JSON (mapped as an unreadable answer)", async () => {
    const error = await events(`${sse(partial.type, partial)}data: {"type":"image_gen\n\n`, 64).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyntaxError);
    expect(mapOpenAIError(error)).toMatchObject({
      code: "backend_error",
      message: expect.stringMatching(/could not read/),
    });
  });

  it("passes on a failure of the one it hands events to, and cancels the rest", async () => {
    const { response, canceled } = answer(sse(partial.type, partial) + sse(completed.type, completed), 8);
    await expect(
      readImageStream(response, () => {
        throw new Error("listener failed");
      }),
    ).rejects.toThrow("listener failed");
    expect(canceled()).toBe(true);
  });
});
