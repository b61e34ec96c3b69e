import { afterEach, describe, expect, it } from "vitest";
import { buildTxt2imgRequest, DEFAULT_SAMPLER, parseInfo } from "@/lib/backends/automatic1111";
import { decodeBase64Image, pickImages } from "@/lib/backends/automatic1111/images";
import { cleanDetail, connectionError, httpError } from "@/lib/backends/automatic1111/map-error";
import { parseProgress } from "@/lib/backends/automatic1111/progress";
import { resolveServer } from "@/lib/backends/automatic1111/server";
import { BACKENDS } from "@/lib/catalog";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";

const caught = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a throw");
};

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

afterEach(() => configure({ A1111_URL: undefined, A1111_AUTH: undefined }));

describe("buildTxt2imgRequest", () => {
  it("maps every field to A1111's names, with seed -1 and the catalog's defaults when absent", () => {
    const body = buildTxt2imgRequest({ prompt: "a fox, snow", size: "512x768", n: 1 });
    expect(body).toEqual({
      prompt: "a fox, snow",
      negative_prompt: "",
      seed: -1,
      width: 512,
      height: 768,
      steps: BACKENDS.automatic1111.capabilities.steps.default,
      cfg_scale: BACKENDS.automatic1111.capabilities.guidance.default,
      sampler_name: DEFAULT_SAMPLER,
      batch_size: 1,
      n_iter: 1,
      override_settings: {},
      override_settings_restore_afterwards: true,
      send_images: true,
      save_images: false,
    });
  });

  it("passes the seed, steps, guidance, sampler, negative prompt and batch size through", () => {
    const body = buildTxt2imgRequest({
      prompt: "castle",
      negativePrompt: "blurry, lowres",
      size: "1216x832",
      n: 4,
      seed: 1234,
      steps: 30,
      guidance: 5.5,
      sampler: "Euler a",
    });
    expect(body).toMatchObject({
      negative_prompt: "blurry, lowres",
      seed: 1234,
      width: 1216,
      height: 832,
      steps: 30,
      cfg_scale: 5.5,
      sampler_name: "Euler a",
      batch_size: 4,
      n_iter: 1,
    });
  });

  it("asks for the checkpoint through override_settings only when one is given", () => {
    const title = "sd_xl_base_1.0.safetensors [31e35c80fc]";
    expect(buildTxt2imgRequest({ prompt: "p", size: "1024x1024", n: 1, checkpoint: title }).override_settings).toEqual({
      sd_model_checkpoint: title,
    });
    expect(buildTxt2imgRequest({ prompt: "p", size: "1024x1024", n: 1 }).override_settings).toEqual({});
  });

  it("refuses sizes A1111 would silently bend, and batch sizes beyond the catalog's", () => {
    for (const size of ["500x500", "512", "0x512", "512x512x2", "huge"]) {
      expect(caught(() => buildTxt2imgRequest({ prompt: "p", size, n: 1 })).code).toBe("invalid_request");
    }
    expect(caught(() => buildTxt2imgRequest({ prompt: "p", size: "512x512", n: 0 })).code).toBe("invalid_request");
    expect(caught(() => buildTxt2imgRequest({ prompt: "p", size: "512x512", n: 5 })).code).toBe("invalid_request");
    expect(caught(() => buildTxt2imgRequest({ prompt: "p", size: "512x512", n: 1, seed: 1.5 })).code).toBe(
      "invalid_request",
    );
  });
});

describe("parseInfo", () => {
  const info = {
    prompt: "a fox",
    seed: 77,
    all_seeds: [77, 78, 79],
    sampler_name: "DPM++ 2M",
    sd_model_name: "v1-5-pruned-emaonly",
    sd_model_hash: "6ce0161689",
    width: 512,
    height: 512,
    steps: 20,
    cfg_scale: 7,
    index_of_first_image: 1,
    infotexts: ["grid", "a fox\nSeed: 77", "a fox\nSeed: 78", "a fox\nSeed: 79"],
    version: "v1.10.1",
  };

  it("reads seeds, infotexts, the model and the grid offset", () => {
    expect(parseInfo(JSON.stringify(info))).toEqual({
      seed: 77,
      allSeeds: [77, 78, 79],
      infotexts: info.infotexts,
      indexOfFirstImage: 1,
      samplerName: "DPM++ 2M",
      modelName: "v1-5-pruned-emaonly",
      modelHash: "6ce0161689",
      width: 512,
      height: 512,
      steps: 20,
      cfgScale: 7,
      version: "v1.10.1",
    });
  });

  it("falls back to the first seed when all_seeds is missing, and drops fields of the wrong type", () => {
    const parsed = parseInfo(JSON.stringify({ seed: 5, sd_model_name: 12, infotexts: "no", index_of_first_image: -3 }));
    expect(parsed.allSeeds).toEqual([5]);
    expect(parsed.modelName).toBeUndefined();
    expect(parsed.infotexts).toEqual([]);
    expect(parsed.indexOfFirstImage).toBe(0);
  });

  it("fails with backend_error on info that is not a JSON object", () => {
    for (const bad of ["", "{", "not json", "[1,2]", "null", "42"]) {
      const e = caught(() => parseInfo(bad));
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("backend_error");
    }
  });
});

describe("pickImages and base64", () => {
  const info = parseInfo(JSON.stringify({ all_seeds: [1, 2], index_of_first_image: 1 }));

  it("skips a grid in front and extra script images behind", () => {
    expect(pickImages(["grid", "a", "b", "map1", "map2"], info, 2)).toEqual([
      { data: "a", index: 0 },
      { data: "b", index: 1 },
    ]);
    const noGrid = parseInfo(JSON.stringify({ all_seeds: [1, 2] }));
    expect(pickImages(["a", "b", "map"], noGrid, 2).map((p) => p.data)).toEqual(["a", "b"]);
  });

  it("decodes strict base64 (with or without a data: prefix) and refuses anything else", () => {
    const b64 = Buffer.from("hello png").toString("base64");
    expect(Buffer.from(decodeBase64Image(b64)).toString()).toBe("hello png");
    expect(Buffer.from(decodeBase64Image(`data:image/png;base64,${b64}`)).toString()).toBe("hello png");
    for (const bad of ["", "not base64!", "abc", "%%%%"]) {
      expect(caught(() => decodeBase64Image(bad)).code).toBe("backend_error");
    }
  });
});

describe("parseProgress", () => {
  it("reads progress, job_count and interrupted; anything unreadable is undefined", () => {
    const answer = { progress: 0.41, eta_relative: 3.2, state: { job_count: 1, interrupted: false, sampling_step: 8 } };
    expect(parseProgress(JSON.stringify(answer))).toEqual({ progress: 0.41, jobCount: 1, interrupted: false });
    expect(parseProgress("<html>")).toBeUndefined();
    expect(parseProgress(JSON.stringify({ state: {} }))).toBeUndefined();
  });
});

describe("resolveServer", () => {
  it("takes credentials out of the URL, keeps a proxy's path prefix, and labels host:port", () => {
    configure({ A1111_URL: "https://artist:s3cret@sd.example.org/webui/", A1111_AUTH: undefined });
    const server = resolveServer();
    expect(server.base).toBe("https://sd.example.org/webui");
    expect(server.label).toBe("sd.example.org:443");
    expect(server.authorization).toBe(`Basic ${Buffer.from("artist:s3cret").toString("base64")}`);
  });

  it("prefers A1111_AUTH, and fails as backend_unavailable when A1111_URL is unset", () => {
    configure({ A1111_URL: "http://127.0.0.1:7860", A1111_AUTH: "me:pw" });
    expect(resolveServer()).toEqual({
      base: "http://127.0.0.1:7860",
      label: "127.0.0.1:7860",
      authorization: `Basic ${Buffer.from("me:pw").toString("base64")}`,
    });
    configure({ A1111_URL: undefined, A1111_AUTH: undefined });
    expect(caught(() => resolveServer()).code).toBe("backend_unavailable");
  });
});

describe("httpError and connectionError", () => {
  const err = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    httpError(status, headers, typeof body === "string" ? body : JSON.stringify(body));

  it("maps each status to the code a person and the job queue can act on", () => {
    expect(err(401, { error: "HTTPException", detail: "Incorrect username or password" })).toMatchObject({
      code: "backend_unavailable",
      message: "A1111 rejected the credentials; check A1111_AUTH.",
    });
    expect(err(404, { detail: "Not Found" })).toMatchObject({ code: "backend_unavailable" });
    expect(err(404, { detail: "Not Found" }).message).toMatch(/start it with --api/);
    // A1111's own 404 (older versions: unknown sampler) is not "the API is off".
    const sampler = err(404, { error: "HTTPException", detail: "Sampler not found", body: "", errors: "" });
    expect(sampler.code).toBe("backend_error");
    expect(sampler.message).toMatch(/Sampler not found/);
    expect(err(429, "slow down", { "retry-after": "7" })).toMatchObject({ code: "rate_limited", retryAfter: 7 });
    expect(err(503, "<html>", { "retry-after": "3" })).toMatchObject({
      code: "backend_unavailable",
      retryAfter: 3,
      retryable: true,
    });
    expect(err(502, "bad gateway")).toMatchObject({ code: "backend_unavailable", retryable: true });
  });

  it("turns FastAPI's 422 detail array into a short message and keeps it in details", () => {
    const detail = [
      { loc: ["body", "steps"], msg: "value is not a valid integer", type: "type_error.integer" },
      { loc: ["body", "width"], msg: "value is not a valid integer", type: "type_error.integer" },
    ];
    const e = err(422, { detail });
    expect(e.code).toBe("backend_error");
    expect(e.message).toBe(
      "AUTOMATIC1111 rejected the request: steps: value is not a valid integer; width: value is not a valid integer",
    );
    expect(e.details).toEqual(detail);
  });

  it("names out-of-memory and NaN failures, and keeps other 500s short and clean", () => {
    const oom = err(500, {
      error: "OutOfMemoryError",
      detail: "",
      body: "",
      errors: "CUDA out of memory. Tried to allocate 2.25 GiB.",
    });
    expect(oom).toMatchObject({ code: "backend_error", retryable: false });
    expect(oom.message).toMatch(/^AUTOMATIC1111 ran out of GPU memory/);
    const nan = err(500, {
      error: "NansException",
      detail: "",
      body: "",
      errors: "A tensor with all NaNs was produced in Unet.",
    });
    expect(nan.message).toMatch(/NaNs.*--no-half-vae/);
    const other = err(500, {
      error: "RuntimeError",
      detail: "",
      body: "",
      errors: `failed to fetch http://user:pw@internal:9000/x ${"x".repeat(400)}`,
    });
    expect(other.message.startsWith("AUTOMATIC1111 failed (500): RuntimeError: failed to fetch [url]")).toBe(true);
    expect(other.message).not.toContain("pw@");
    expect(other.message.length).toBeLessThan(220);
  });

  it("says where the server was expected, never with credentials", () => {
    const e = connectionError(
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      "gpu-box:7860",
    );
    expect(e).toMatchObject({
      code: "backend_unavailable",
      message: "AUTOMATIC1111 is not reachable at gpu-box:7860.",
      retryable: true,
    });
    for (const code of ["ENOTFOUND", "EAI_AGAIN", "ECONNRESET"]) {
      expect(connectionError(Object.assign(new Error(code), { code }), "gpu-box:7860").message).toBe(
        "AUTOMATIC1111 is not reachable at gpu-box:7860.",
      );
    }
    expect(cleanDetail("see https://u:p@host/x and Basic dXNlcjpwYXNz")).toBe("see [url] and Basic [redacted]");
  });
});
