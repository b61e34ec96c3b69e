import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromComfyPrompt } from "@/lib/png/importers/comfyui";

const graphFixture = readFileSync(path.join(__dirname, "../fixtures/png/comfyui-api-graph.json"), "utf8");
const read = (graph: unknown) => fromComfyPrompt(JSON.stringify(graph));

describe("ComfyUI API graph", () => {
  it("follows KSampler → CLIPTextEncode, EmptyLatentImage and, through a LoRA, the checkpoint", () => {
    expect(fromComfyPrompt(graphFixture)).toEqual({
      source: "comfyui",
      prompt:
        "cinematic photo of a lighthouse on a basalt cliff at dusk, storm clouds, crashing waves, volumetric light, " +
        "35mm, Fujifilm — “golden hour”",
      negativePrompt: "lowres, blurry, watermark, text, deformed",
      params: {
        size: "1216x832",
        seed: 156680208700286,
        steps: 28,
        guidance: 6.5,
        sampler: "dpmpp_2m_sde",
        checkpoint: "juggernautXL_v9Rundiffusionphoto2.safetensors",
      },
    });
  });

  it("picks the first pass over a hires pass whatever their ids", () => {
    const graph = JSON.parse(graphFixture);
    // Swap the ids so the hires sampler sorts first.
    const [first, hires] = [graph["3"], graph["12"]];
    graph["3"] = { ...hires, inputs: { ...hires.inputs, latent_image: ["11", 0] } };
    graph["12"] = first;
    graph["11"].inputs.samples = ["12", 0];
    expect(read(graph)?.params).toMatchObject({ steps: 28, seed: 156680208700286, size: "1216x832" });
  });

  it("reads Flux's SamplerCustomAdvanced: noise, guider, sampler and sigmas nodes, a UNET loader", () => {
    const graph = {
      "6": { class_type: "CLIPTextEncode", inputs: { text: "a neon fox, rain", clip: ["11", 0] } },
      "8": { class_type: "VAEDecode", inputs: { samples: ["13", 0], vae: ["10", 0] } },
      "10": { class_type: "VAELoader", inputs: { vae_name: "ae.safetensors" } },
      "11": { class_type: "DualCLIPLoader", inputs: { clip_name1: "t5xxl_fp16.safetensors", type: "flux" } },
      "12": { class_type: "UNETLoader", inputs: { unet_name: "flux1-dev.safetensors", weight_dtype: "default" } },
      "13": {
        class_type: "SamplerCustomAdvanced",
        inputs: { noise: ["25", 0], guider: ["22", 0], sampler: ["16", 0], sigmas: ["17", 0], latent_image: ["27", 0] },
      },
      "16": { class_type: "KSamplerSelect", inputs: { sampler_name: "euler" } },
      "17": { class_type: "BasicScheduler", inputs: { scheduler: "simple", steps: 20, denoise: 1, model: ["30", 0] } },
      "22": { class_type: "BasicGuider", inputs: { model: ["30", 0], conditioning: ["26", 0] } },
      "25": { class_type: "RandomNoise", inputs: { noise_seed: 219670278747233 } },
      "26": { class_type: "FluxGuidance", inputs: { guidance: 3.5, conditioning: ["6", 0] } },
      "27": { class_type: "EmptySD3LatentImage", inputs: { width: ["40", 0], height: 1024, batch_size: 1 } },
      "30": { class_type: "ModelSamplingFlux", inputs: { max_shift: 1.15, base_shift: 0.5, model: ["12", 0] } },
      "40": { class_type: "PrimitiveInt", inputs: { value: 768 } },
    };
    expect(read(graph)).toEqual({
      source: "comfyui",
      prompt: "a neon fox, rain",
      params: {
        size: "768x1024",
        seed: 219670278747233,
        steps: 20,
        sampler: "euler",
        checkpoint: "flux1-dev.safetensors",
      },
    });
  });

  it("goes through ControlNet, combine nodes and string nodes; a zeroed-out negative is none", () => {
    const graph = {
      "1": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "sd_xl_base_1.0.safetensors" } },
      "2": { class_type: "PrimitiveString", inputs: { value: "a lighthouse" } },
      "3": { class_type: "StringConcatenate", inputs: { string_a: ["2", 0], string_b: "at dusk", delimiter: ", " } },
      "4": {
        class_type: "CLIPTextEncodeSDXL",
        inputs: { text_g: ["3", 0], text_l: ["3", 0], width: 4096, height: 4096, clip: ["1", 1] },
      },
      "5": { class_type: "CLIPTextEncode", inputs: { text: "storm clouds", clip: ["1", 1] } },
      "6": { class_type: "ConditioningCombine", inputs: { conditioning_1: ["4", 0], conditioning_2: ["5", 0] } },
      "7": { class_type: "ConditioningZeroOut", inputs: { conditioning: ["5", 0] } },
      "8": {
        class_type: "ControlNetApplyAdvanced",
        inputs: { positive: ["6", 0], negative: ["7", 0], control_net: ["20", 0], image: ["21", 0], strength: 0.6 },
      },
      "9": {
        class_type: "KSamplerAdvanced",
        inputs: {
          add_noise: "enable",
          noise_seed: ["10", 0],
          steps: 30,
          cfg: 5,
          sampler_name: "dpmpp_2m",
          scheduler: "karras",
          model: ["1", 0],
          positive: ["8", 0],
          negative: ["8", 1],
          latent_image: ["11", 0],
        },
      },
      "10": { class_type: "Seed (rgthree)", inputs: { seed: 777 } },
      "11": { class_type: "EmptyLatentImage", inputs: { width: 1024, height: 1024, batch_size: 1 } },
    };
    expect(read(graph)).toEqual({
      source: "comfyui",
      prompt: "a lighthouse, at dusk, storm clouds",
      params: {
        size: "1024x1024",
        seed: 777,
        steps: 30,
        guidance: 5,
        sampler: "dpmpp_2m",
        checkpoint: "sd_xl_base_1.0.safetensors",
      },
    });
  });

  it("survives cycles, dangling links and odd values", () => {
    const graph = {
      "1": {
        class_type: "KSampler",
        inputs: {
          seed: ["9", 0],
          steps: "20",
          cfg: [],
          positive: ["2", 0],
          negative: ["99", 0],
          latent_image: ["3", 0],
        },
      },
      "2": { class_type: "ConditioningCombine", inputs: { conditioning_1: ["2", 0], conditioning_2: ["3", 0] } },
      "3": { class_type: "ConditioningConcat", inputs: { conditioning_to: ["2", 0], conditioning_from: [2, 0] } },
      "9": { class_type: "Loop", inputs: { seed: ["9", 0] } },
    };
    expect(read(graph)).toEqual({ source: "comfyui", prompt: "", params: { steps: 20 } });
  });

  it("null for JSON that is not an API graph, or has no sampler", () => {
    for (const text of ["", "[]", "null", '{"a": 1}', '{"1": {"class_type": "SaveImage", "inputs": {}}}', "{"]) {
      expect(fromComfyPrompt(text)).toBeNull();
    }
  });

  it("stays fast on a crafted graph full of diamonds", () => {
    const graph: Record<string, unknown> = {
      "0": { class_type: "KSampler", inputs: { seed: ["1", 0], positive: ["1", 0], negative: ["1", 0] } },
    };
    for (let i = 1; i < 60; i++) {
      // Every input points at the next node: 2^60 paths if the walk did not remember where it had been.
      const next = [String(i + 1), 0];
      const inputs = { text: next, string: next, value: next, seed: next, conditioning_1: next, conditioning_2: next };
      graph[String(i)] = { class_type: "StringConcat", inputs };
    }
    graph["60"] = { class_type: "CLIPTextEncode", inputs: { text: "deep", seed: 1 } };
    const started = performance.now();
    expect(read(graph)?.source).toBe("comfyui");
    expect(performance.now() - started).toBeLessThan(200);
  });
});
