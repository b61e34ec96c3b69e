import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseFormBody, parseJsonBody, parseQuery } from "@/lib/http/parse";
import { IdeasQuerySchema, ImagesQuerySchema } from "@/lib/schemas/api";
import { LIMITS } from "@/lib/schemas/common";

const Any = z.object({ idea: z.string() }).strict();

/** A chunked body with no Content-Length: `chunks` chunks of `size` bytes (endless when Infinity), counting pulls. */
function streamingRequest(chunks: number, size = 64 * 1024, type = "application/json") {
  let pulled = 0;
  const chunk = new TextEncoder().encode("a".repeat(size));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"idea":"'));
    },
    pull(controller) {
      if (pulled >= chunks) {
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
        return;
      }
      pulled++;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://x/api/prompts", {
    method: "POST",
    headers: { "content-type": type },
    body,
    duplex: "half",
  } as RequestInit);
  expect(request.headers.get("content-length")).toBeNull();
  return { request, pulled: () => pulled };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof AppError ? e.code : `threw ${String(e)}`;
  }
}

describe("body size limit", () => {
  it("stops reading an endless chunked body just past the limit: 413 too_large", async () => {
    const { request, pulled } = streamingRequest(Number.POSITIVE_INFINITY);
    expect(await code(parseJsonBody(request, Any))).toBe("too_large");
    expect(pulled() * 64 * 1024).toBeLessThan(LIMITS.bodyBytes + 3 * 64 * 1024);
  });

  it("refuses a chunked body just over the limit, and takes one just under", async () => {
    expect(await code(parseJsonBody(streamingRequest(16, 62_500).request, Any))).toBe("too_large");
    expect(await code(parseJsonBody(streamingRequest(15, 62_500).request, Any))).toBe("ok");
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(LIMITS.bodyBytes + 1) },
      body: "{}",
    });
    expect(await code(parseJsonBody(request, Any))).toBe("too_large");
  });

  it("holds for form bodies too", async () => {
    const { request } = streamingRequest(Number.POSITIVE_INFINITY, 64 * 1024, "application/x-www-form-urlencoded");
    expect(await code(parseFormBody(request, Any))).toBe("too_large");
  });
});

describe("query strings", () => {
  it("bounds every free-text parameter", () => {
    const long = "a".repeat(201);
    expect(() => parseQuery(`http://x/api/ideas?q=${long}`, IdeasQuerySchema)).toThrow(AppError);
    expect(() => parseQuery(`http://x/api/ideas?cursor=${long}`, IdeasQuerySchema)).toThrow(AppError);
    expect(() => parseQuery("http://x/api/ideas?limit=100000", IdeasQuerySchema)).toThrow(AppError);
    expect(() => parseQuery(`http://x/api/images?backend=${"b".repeat(65)}`, ImagesQuerySchema)).toThrow(AppError);
    expect(parseQuery("http://x/api/ideas?q=fox&limit=5", IdeasQuerySchema)).toMatchObject({ q: "fox", limit: 5 });
  });

  it("refuses repeats, and treats __proto__ and constructor as the unknown keys they are", () => {
    expect(() => parseQuery("http://x/?q=a&q=b", IdeasQuerySchema)).toThrow(/more than once/);
    for (const key of ["__proto__", "constructor", "toString"]) {
      try {
        parseQuery(`http://x/?${key}=1`, IdeasQuerySchema);
        expect.unreachable();
      } catch (e) {
        expect((e as AppError).code).toBe("invalid_request");
        expect((e as AppError).message).not.toMatch(/more than once/);
      }
    }
  });
});
