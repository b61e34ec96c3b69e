/**
 * The node classes the fake knows, in the shape GET /object_info gives them: the built-in
 * txt2img nodes of ComfyUI's nodes.py, with their real input specs and limits.
 */

/** `[type, options]`, where type is "INT" | "FLOAT" | "STRING" | a link type | a list of choices. */
export type InputSpec = [string | string[], Record<string, unknown>?];

export type NodeDef = {
  input: {
    required: Record<string, InputSpec>;
    optional?: Record<string, InputSpec>;
    hidden?: Record<string, string>;
  };
  input_order: Record<string, string[]>;
  output: string[];
  output_is_list: boolean[];
  output_name: string[];
  name: string;
  display_name: string;
  description: string;
  python_module: string;
  category: string;
  output_node: boolean;
};

/** Part of KSampler.SAMPLERS, in ComfyUI's order (the real list has about forty). */
export const SAMPLERS = [
  "euler",
  "euler_cfg_pp",
  "euler_ancestral",
  "euler_ancestral_cfg_pp",
  "heun",
  "heunpp2",
  "dpm_2",
  "dpm_2_ancestral",
  "lms",
  "dpm_fast",
  "dpm_adaptive",
  "dpmpp_2s_ancestral",
  "dpmpp_sde",
  "dpmpp_sde_gpu",
  "dpmpp_2m",
  "dpmpp_2m_sde",
  "dpmpp_2m_sde_gpu",
  "dpmpp_3m_sde",
  "ddpm",
  "lcm",
  "ipndm",
  "deis",
  "ddim",
  "uni_pc",
  "uni_pc_bh2",
];

export const SCHEDULERS = [
  "simple",
  "sgm_uniform",
  "karras",
  "exponential",
  "ddim_uniform",
  "beta",
  "normal",
  "linear_quadratic",
  "kl_optimal",
];

export const DEFAULT_CHECKPOINTS = ["v1-5-pruned-emaonly.safetensors", "sd_xl_base_1.0.safetensors"];

/** What models/diffusion_models, models/text_encoders and models/vae hold: a FLUX.1 setup. */
export type ModelFiles = { unets: readonly string[]; textEncoders: readonly string[]; vaes: readonly string[] };
export const DEFAULT_MODEL_FILES: ModelFiles = {
  unets: ["flux1-dev.safetensors", "flux1-schnell.safetensors"],
  textEncoders: ["clip_l.safetensors", "t5xxl_fp16.safetensors", "t5xxl_fp8_e4m3fn.safetensors"],
  vaes: ["ae.safetensors"],
};

/** CLIPType names DualCLIPLoader offers (ComfyUI's nodes.py, the two-encoder ones). */
const DUAL_CLIP_TYPES = ["sdxl", "sd3", "flux", "hunyuan_video", "hidream"];

/** ComfyUI's MAX_RESOLUTION. */
const MAX_RESOLUTION = 16384;
/** 0xffffffffffffffff: JSON carries it as 18446744073709552000 in JavaScript. */
const MAX_SEED = 2 ** 64 - 1;

type Compact = {
  required: Record<string, InputSpec>;
  hidden?: Record<string, string>;
  output: string[];
  display: string;
  category: string;
  outputNode?: boolean;
  description: string;
};

function define(name: string, c: Compact): NodeDef {
  const input: NodeDef["input"] = { required: c.required, ...(c.hidden ? { hidden: c.hidden } : {}) };
  return {
    input,
    input_order: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Object.keys(v)])),
    output: c.output,
    output_is_list: c.output.map(() => false),
    output_name: c.output,
    name,
    display_name: c.display,
    description: c.description,
    python_module: "nodes",
    category: c.category,
    output_node: c.outputNode ?? false,
  };
}

export function nodeDefs(
  checkpoints: readonly string[],
  files: ModelFiles = DEFAULT_MODEL_FILES,
): Record<string, NodeDef> {
  const image = {
    required: { images: ["IMAGE", { tooltip: "The images to save." }] as InputSpec },
    hidden: { prompt: "PROMPT", extra_pnginfo: "EXTRA_PNGINFO" },
  };
  return {
    CheckpointLoaderSimple: define("CheckpointLoaderSimple", {
      required: { ckpt_name: [[...checkpoints], { tooltip: "The name of the checkpoint (model) to load." }] },
      output: ["MODEL", "CLIP", "VAE"],
      display: "Load Checkpoint",
      category: "loaders",
      description: "Loads a diffusion model checkpoint.",
    }),
    CLIPTextEncode: define("CLIPTextEncode", {
      required: {
        text: ["STRING", { multiline: true, dynamicPrompts: true, tooltip: "The text to be encoded." }],
        clip: ["CLIP", { tooltip: "The CLIP model used for encoding the text." }],
      },
      output: ["CONDITIONING"],
      display: "CLIP Text Encode (Prompt)",
      category: "conditioning",
      description: "Encodes a text prompt using a CLIP model.",
    }),
    EmptyLatentImage: define("EmptyLatentImage", {
      required: {
        width: ["INT", { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        height: ["INT", { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        batch_size: ["INT", { default: 1, min: 1, max: 4096 }],
      },
      output: ["LATENT"],
      display: "Empty Latent Image",
      category: "latent",
      description: "Create a new batch of empty latent images to be denoised via sampling.",
    }),
    KSampler: define("KSampler", {
      required: {
        model: ["MODEL"],
        seed: ["INT", { default: 0, min: 0, max: MAX_SEED, control_after_generate: true }],
        steps: ["INT", { default: 20, min: 1, max: 10000 }],
        cfg: ["FLOAT", { default: 8.0, min: 0.0, max: 100.0, step: 0.1, round: 0.01 }],
        sampler_name: [SAMPLERS],
        scheduler: [SCHEDULERS],
        positive: ["CONDITIONING"],
        negative: ["CONDITIONING"],
        latent_image: ["LATENT"],
        denoise: ["FLOAT", { default: 1.0, min: 0.0, max: 1.0, step: 0.01 }],
      },
      output: ["LATENT"],
      display: "KSampler",
      category: "sampling",
      description: "Uses the provided model, positive and negative conditioning to denoise the latent image.",
    }),
    // FLUX.1 as ComfyUI's own example wires it: nodes.py (UNETLoader, DualCLIPLoader, VAELoader),
    // comfy_extras nodes_flux.py (FluxGuidance), nodes_sd3.py (EmptySD3LatentImage),
    // nodes_model_advanced.py (ModelSamplingFlux), nodes_custom_sampler.py (the rest).
    UNETLoader: define("UNETLoader", {
      required: {
        unet_name: [[...files.unets]],
        weight_dtype: [["default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"]],
      },
      output: ["MODEL"],
      display: "Load Diffusion Model",
      category: "advanced/loaders",
      description: "Loads a diffusion model on its own (FLUX, SD3) from models/diffusion_models.",
    }),
    DualCLIPLoader: define("DualCLIPLoader", {
      required: {
        clip_name1: [[...files.textEncoders]],
        clip_name2: [[...files.textEncoders]],
        type: [DUAL_CLIP_TYPES],
      },
      output: ["CLIP"],
      display: "DualCLIPLoader",
      category: "advanced/loaders",
      description: "[Recipes]\n\nsdxl: clip-l, clip-g\nsd3: clip-l, clip-g / clip-l, t5 / clip-g, t5\nflux: clip-l, t5",
    }),
    VAELoader: define("VAELoader", {
      required: { vae_name: [[...files.vaes]] },
      output: ["VAE"],
      display: "Load VAE",
      category: "loaders",
      description: "Loads a VAE from models/vae.",
    }),
    FluxGuidance: define("FluxGuidance", {
      required: {
        conditioning: ["CONDITIONING"],
        guidance: ["FLOAT", { default: 3.5, min: 0.0, max: 100.0, step: 0.1 }],
      },
      output: ["CONDITIONING"],
      display: "FluxGuidance",
      category: "advanced/conditioning/flux",
      description: "Sets the distilled guidance FLUX dev was trained with.",
    }),
    ModelSamplingFlux: define("ModelSamplingFlux", {
      required: {
        model: ["MODEL"],
        max_shift: ["FLOAT", { default: 1.15, min: 0.0, max: 100.0, step: 0.01 }],
        base_shift: ["FLOAT", { default: 0.5, min: 0.0, max: 100.0, step: 0.01 }],
        width: ["INT", { default: 1024, min: 16, max: MAX_RESOLUTION, step: 8 }],
        height: ["INT", { default: 1024, min: 16, max: MAX_RESOLUTION, step: 8 }],
      },
      output: ["MODEL"],
      display: "ModelSamplingFlux",
      category: "advanced/model",
      description: "Shifts FLUX's sampling schedule by resolution.",
    }),
    EmptySD3LatentImage: define("EmptySD3LatentImage", {
      required: {
        width: ["INT", { default: 1024, min: 16, max: MAX_RESOLUTION, step: 16 }],
        height: ["INT", { default: 1024, min: 16, max: MAX_RESOLUTION, step: 16 }],
        batch_size: ["INT", { default: 1, min: 1, max: 4096 }],
      },
      output: ["LATENT"],
      display: "EmptySD3LatentImage",
      category: "latent/sd3",
      description: "An empty 16-channel latent, as SD3 and FLUX take.",
    }),
    BasicGuider: define("BasicGuider", {
      required: { model: ["MODEL"], conditioning: ["CONDITIONING"] },
      output: ["GUIDER"],
      display: "BasicGuider",
      category: "sampling/custom_sampling/guiders",
      description: "Guides with one conditioning and no negative.",
    }),
    KSamplerSelect: define("KSamplerSelect", {
      required: { sampler_name: [SAMPLERS] },
      output: ["SAMPLER"],
      display: "KSamplerSelect",
      category: "sampling/custom_sampling/samplers",
      description: "Picks a sampler for SamplerCustomAdvanced.",
    }),
    BasicScheduler: define("BasicScheduler", {
      required: {
        model: ["MODEL"],
        scheduler: [SCHEDULERS],
        steps: ["INT", { default: 20, min: 1, max: 10000 }],
        denoise: ["FLOAT", { default: 1.0, min: 0.0, max: 1.0, step: 0.01 }],
      },
      output: ["SIGMAS"],
      display: "BasicScheduler",
      category: "sampling/custom_sampling/schedulers",
      description: "The sigmas for a number of steps.",
    }),
    RandomNoise: define("RandomNoise", {
      required: { noise_seed: ["INT", { default: 0, min: 0, max: MAX_SEED, control_after_generate: true }] },
      output: ["NOISE"],
      display: "RandomNoise",
      category: "sampling/custom_sampling/noise",
      description: "Noise from a seed.",
    }),
    SamplerCustomAdvanced: define("SamplerCustomAdvanced", {
      required: {
        noise: ["NOISE"],
        guider: ["GUIDER"],
        sampler: ["SAMPLER"],
        sigmas: ["SIGMAS"],
        latent_image: ["LATENT"],
      },
      output: ["LATENT", "LATENT"],
      display: "SamplerCustomAdvanced",
      category: "sampling/custom_sampling",
      description: "Samples with a noise, a guider, a sampler and sigmas.",
    }),
    VAEDecode: define("VAEDecode", {
      required: { samples: ["LATENT"], vae: ["VAE"] },
      output: ["IMAGE"],
      display: "VAE Decode",
      category: "latent",
      description: "Decodes latent images back into pixel space images.",
    }),
    SaveImage: define("SaveImage", {
      required: { ...image.required, filename_prefix: ["STRING", { default: "ComfyUI" }] },
      hidden: image.hidden,
      output: [],
      display: "Save Image",
      category: "image",
      outputNode: true,
      description: "Saves the input images to your ComfyUI output directory.",
    }),
    PreviewImage: define("PreviewImage", {
      required: image.required,
      hidden: image.hidden,
      output: [],
      display: "Preview Image",
      category: "image",
      outputNode: true,
      description: "Saves the input images to your ComfyUI temp directory.",
    }),
  };
}
