/** What the fake server "has": checkpoints, samplers and options, in the real endpoints' shapes. */

export type SdModelItem = {
  title: string;
  model_name: string;
  hash: string | null;
  sha256: string | null;
  filename: string;
  config: string | null;
};

const MODELS_DIR = "/home/user/stable-diffusion-webui/models/Stable-diffusion";

function checkpoint(file: string, sha256: string): SdModelItem {
  const hash = sha256.slice(0, 10);
  return {
    title: `${file} [${hash}]`,
    model_name: file.replace(/\.(safetensors|ckpt)$/, "").replace(/[/\\]/g, "_"),
    hash,
    sha256,
    filename: `${MODELS_DIR}/${file}`,
    config: null,
  };
}

export const FAKE_CHECKPOINTS: SdModelItem[] = [
  checkpoint("v1-5-pruned-emaonly.safetensors", "6ce0161689b3853acaa03779ec93eafe75a02f4ced659bee03f50797806fa2fa"),
  checkpoint("sd_xl_base_1.0.safetensors", "31e35c80fc4829d14f90153f4c74cd59c90b779f6afe05a74cd6120b893f7e5b"),
  checkpoint("anime/counterfeit-v3.safetensors", "cbfba64e662ef9b0a2e6b6b5c1b2e0e1f6b8a5c7d9e0f1a2b3c4d5e6f7a8b9c0"),
  // Forge runs FLUX from the same folder. The first ten hex digits are the real file's short hash
  // (what A1111 shows in the title); the rest of this sha256 is filler.
  checkpoint("flux1-dev.safetensors", "4610115bb0c89560703c892c59ac2742fa821e60ef5871b33493ba544683abd7"),
  // A renamed file: only its hash says it is SDXL base.
  checkpoint("my-favourite-model.safetensors", "31e35c80fc4829d14f90153f4c74cd59c90b779f6afe05a74cd6120b893f7e5b"),
];

/**
 * The names A1111 matches in sd_model_checkpoint (its checkpoint_aliases): the title, the file
 * name, the model name, the short hash and the sha256. Anything else falls back to the first.
 */
export function findCheckpoint(name: string | undefined): SdModelItem | undefined {
  if (!name) return undefined;
  return FAKE_CHECKPOINTS.find((c) =>
    [c.title, c.filename.slice(MODELS_DIR.length + 1), c.model_name, c.hash, c.sha256].includes(name),
  );
}

export type SamplerItem = { name: string; aliases: string[]; options: Record<string, string> };

/** /sdapi/v1/samplers as in 1.10 (the scheduler is separate; "DPM++ 2M Karras" is accepted as a legacy name). */
export const FAKE_SAMPLERS: SamplerItem[] = [
  { name: "DPM++ 2M", aliases: ["k_dpmpp_2m"], options: {} },
  { name: "DPM++ SDE", aliases: ["k_dpmpp_sde"], options: { second_order: "True", brownian_noise: "True" } },
  { name: "DPM++ 2M SDE", aliases: ["k_dpmpp_2m_sde"], options: { brownian_noise: "True" } },
  { name: "Euler a", aliases: ["k_euler_a", "k_euler_ancestral"], options: { uses_ensd: "True" } },
  { name: "Euler", aliases: ["k_euler"], options: {} },
  { name: "LMS", aliases: ["k_lms"], options: {} },
  { name: "Heun", aliases: ["k_heun"], options: { second_order: "True" } },
  { name: "DDIM", aliases: ["ddim"], options: {} },
  { name: "PLMS", aliases: ["plms"], options: {} },
  { name: "UniPC", aliases: ["unipc"], options: {} },
  { name: "LCM", aliases: ["k_lcm"], options: {} },
];

export const FAKE_SCHEDULERS = ["Automatic", "Uniform", "Karras", "Exponential", "Polyexponential", "SGM Uniform"];

/** A1111's get_sampler_and_scheduler: "DPM++ 2M Karras" → ("DPM++ 2M", "Karras"); unknown → the default sampler. */
export function resolveSampler(
  name: string | undefined,
  scheduler: string | undefined,
): { sampler: string; scheduler: string } {
  let rest = name || FAKE_SAMPLERS[0]!.name;
  let found = scheduler && FAKE_SCHEDULERS.includes(scheduler) ? scheduler : "Automatic";
  for (const s of FAKE_SCHEDULERS) {
    if (rest.endsWith(` ${s}`)) {
      found = s;
      rest = rest.slice(0, -s.length - 1);
      break;
    }
  }
  const sampler = FAKE_SAMPLERS.find((s) => s.name === rest || s.aliases.includes(rest)) ?? FAKE_SAMPLERS[0]!;
  return { sampler: sampler.name, scheduler: found };
}

export const FAKE_VERSION = "v1.10.1";

/** A slice of GET /sdapi/v1/options (the real one has a few hundred keys). */
export function defaultOptions(): Record<string, unknown> {
  const first = FAKE_CHECKPOINTS[0]!;
  return {
    samples_save: true,
    samples_format: "png",
    grid_save: true,
    grid_format: "png",
    grid_only_if_multiple: true,
    return_grid: true,
    enable_pnginfo: true,
    save_txt: false,
    sd_model_checkpoint: first.title,
    sd_checkpoint_hash: first.sha256,
    sd_vae: "Automatic",
    CLIP_stop_at_last_layers: 1,
    eta_noise_seed_delta: 0,
    live_previews_enable: true,
    show_progress_every_n_steps: 10,
    outdir_txt2img_samples: "outputs/txt2img-images",
    outdir_txt2img_grids: "outputs/txt2img-grids",
  };
}
