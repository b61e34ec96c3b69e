/**
 * The txt2img body as A1111's pydantic (v1) model reads it: every field optional (null = the
 * default), lenient coercion ("20" is a fine int, 7.9 becomes 7), unknown fields ignored, and a
 * FastAPI 422 `{ detail: [{ loc, msg, type }] }` for values it cannot coerce.
 */

type Kind = "str" | "int" | "float" | "bool" | "dict" | "list";

/** StableDiffusionProcessingTxt2Img's parameters plus the API's own fields (1.10). */
export const TXT2IMG_FIELDS: Record<string, { kind: Kind; default: unknown }> = {
  prompt: { kind: "str", default: "" },
  negative_prompt: { kind: "str", default: "" },
  styles: { kind: "list", default: null },
  seed: { kind: "int", default: -1 },
  subseed: { kind: "int", default: -1 },
  subseed_strength: { kind: "float", default: 0 },
  seed_resize_from_h: { kind: "int", default: -1 },
  seed_resize_from_w: { kind: "int", default: -1 },
  sampler_name: { kind: "str", default: null },
  scheduler: { kind: "str", default: null },
  batch_size: { kind: "int", default: 1 },
  n_iter: { kind: "int", default: 1 },
  steps: { kind: "int", default: 50 },
  cfg_scale: { kind: "float", default: 7 },
  width: { kind: "int", default: 512 },
  height: { kind: "int", default: 512 },
  restore_faces: { kind: "bool", default: null },
  tiling: { kind: "bool", default: null },
  do_not_save_samples: { kind: "bool", default: false },
  do_not_save_grid: { kind: "bool", default: false },
  eta: { kind: "float", default: null },
  denoising_strength: { kind: "float", default: null },
  s_min_uncond: { kind: "float", default: null },
  s_churn: { kind: "float", default: null },
  s_tmax: { kind: "float", default: null },
  s_tmin: { kind: "float", default: null },
  s_noise: { kind: "float", default: null },
  override_settings: { kind: "dict", default: null },
  override_settings_restore_afterwards: { kind: "bool", default: true },
  refiner_checkpoint: { kind: "str", default: null },
  refiner_switch_at: { kind: "float", default: null },
  disable_extra_networks: { kind: "bool", default: false },
  comments: { kind: "dict", default: null },
  enable_hr: { kind: "bool", default: false },
  firstphase_width: { kind: "int", default: 0 },
  firstphase_height: { kind: "int", default: 0 },
  hr_scale: { kind: "float", default: 2 },
  hr_upscaler: { kind: "str", default: null },
  hr_second_pass_steps: { kind: "int", default: 0 },
  hr_resize_x: { kind: "int", default: 0 },
  hr_resize_y: { kind: "int", default: 0 },
  hr_checkpoint_name: { kind: "str", default: null },
  hr_sampler_name: { kind: "str", default: null },
  hr_scheduler: { kind: "str", default: null },
  hr_prompt: { kind: "str", default: "" },
  hr_negative_prompt: { kind: "str", default: "" },
  force_task_id: { kind: "str", default: null },
  sampler_index: { kind: "str", default: "Euler" },
  script_name: { kind: "str", default: null },
  script_args: { kind: "list", default: [] },
  send_images: { kind: "bool", default: true },
  save_images: { kind: "bool", default: false },
  alwayson_scripts: { kind: "dict", default: {} },
  infotext: { kind: "str", default: null },
};

export type ValidationIssue = { loc: (string | number)[]; msg: string; type: string };

const TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

const ERR: Record<Kind, { msg: string; type: string }> = {
  str: { msg: "str type expected", type: "type_error.str" },
  int: { msg: "value is not a valid integer", type: "type_error.integer" },
  float: { msg: "value is not a valid float", type: "type_error.float" },
  bool: { msg: "value could not be parsed to a boolean", type: "type_error.bool" },
  dict: { msg: "value is not a valid dict", type: "type_error.dict" },
  list: { msg: "value is not a valid list", type: "type_error.list" },
};

const NO = Symbol("invalid");

function coerce(kind: Kind, v: unknown): unknown {
  switch (kind) {
    case "str":
      if (typeof v === "string") return v;
      return typeof v === "number" && Number.isFinite(v) ? String(v) : NO;
    case "int":
      if (typeof v === "boolean") return v ? 1 : 0;
      if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
      return typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v) ? Number.parseInt(v, 10) : NO;
    case "float":
      if (typeof v === "boolean") return v ? 1 : 0;
      if (typeof v === "number" && Number.isFinite(v)) return v;
      return typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : NO;
    case "bool":
      if (typeof v === "boolean") return v;
      if (v === 0 || v === 1) return v === 1;
      if (typeof v === "string" && TRUE.has(v.toLowerCase())) return true;
      if (typeof v === "string" && FALSE.has(v.toLowerCase())) return false;
      return NO;
    case "dict":
      return v && typeof v === "object" && !Array.isArray(v) ? v : NO;
    case "list":
      return Array.isArray(v) ? v : NO;
  }
}

export type ValidatedTxt2img = {
  /** Every known field: the request's coerced value, or the model's default. */
  values: Record<string, unknown>;
  /** Fields pydantic would silently drop: a misspelling on the client's side, usually. */
  unknownFields: string[];
};

export function validateTxt2img(
  body: unknown,
): { ok: true; value: ValidatedTxt2img } | { ok: false; detail: ValidationIssue[] } {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    return { ok: false, detail: [{ loc: ["body"], msg: ERR.dict.msg, type: ERR.dict.type }] };
  }
  const input = body as Record<string, unknown>;
  const detail: ValidationIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(TXT2IMG_FIELDS)) {
    const raw = input[name];
    if (raw === undefined || raw === null) {
      values[name] = structuredClone(field.default);
      continue;
    }
    const value = coerce(field.kind, raw);
    if (value === NO) detail.push({ loc: ["body", name], ...ERR[field.kind] });
    else values[name] = value;
  }
  if (detail.length > 0) return { ok: false, detail };
  const unknownFields = Object.keys(input).filter((k) => !Object.hasOwn(TXT2IMG_FIELDS, k));
  return { ok: true, value: { values, unknownFields } };
}
