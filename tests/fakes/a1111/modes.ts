/**
 * How the fake misbehaves on purpose. A rule applies to one endpoint or all, for ever or for the
 * next N requests it acts on (content modes such as badBase64 act only on txt2img, so a progress
 * poll does not use them up).
 */

export const FAKE_A1111_MODES = [
  "ok",
  /** 500 with A1111's body for a CUDA out-of-memory error. */
  "error500",
  /** 503 with Retry-After: 3, as a proxy in front of a restarting server answers. */
  "unavailable503",
  /** 429 with Retry-After: 2, as a rate-limiting proxy answers. */
  "rate429",
  /** Never answers; the client must give up. */
  "hang",
  /** 404 `{"detail":"Not Found"}` for every /sdapi route: the server was started without --api. */
  "apiOff",
  /** txt2img: 200 whose images are not base64. */
  "badBase64",
  /** txt2img: 200 whose images are base64 of bytes that are not an image. */
  "notImage",
  /** txt2img: 200 whose body is cut-off JSON. */
  "badJson",
  /** txt2img: 200 with all-black images (a NaN VAE, or a safety filter). */
  "black",
] as const;
export type FakeA1111Mode = (typeof FAKE_A1111_MODES)[number];

export const FAKE_A1111_ENDPOINTS = ["txt2img", "progress", "interrupt", "sd-models", "samplers", "options"] as const;
export type FakeA1111Endpoint = (typeof FAKE_A1111_ENDPOINTS)[number];

const CONTENT_MODES: readonly FakeA1111Mode[] = ["badBase64", "notImage", "badJson", "black"];

export type A1111ModeSetting = {
  mode: FakeA1111Mode;
  /** One endpoint, or every endpoint when omitted or "all". */
  endpoint?: FakeA1111Endpoint | "all";
  /** Only for the next N requests the mode acts on; for ever when omitted. */
  times?: number;
  /** Wait this long before answering. */
  delayMs?: number;
};

type Rule = { mode: FakeA1111Mode; delayMs?: number; remaining?: number };

export function parseModeSetting(value: unknown): A1111ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  if (typeof v.mode !== "string" || !(FAKE_A1111_MODES as readonly string[]).includes(v.mode)) {
    throw new Error(`unknown mode ${JSON.stringify(v.mode)}; one of ${FAKE_A1111_MODES.join(", ")}`);
  }
  const endpoint = v.endpoint;
  if (
    endpoint !== undefined &&
    endpoint !== "all" &&
    !(typeof endpoint === "string" && (FAKE_A1111_ENDPOINTS as readonly string[]).includes(endpoint))
  ) {
    throw new Error(`unknown endpoint ${JSON.stringify(endpoint)}`);
  }
  if (v.times !== undefined && (typeof v.times !== "number" || !Number.isInteger(v.times) || v.times < 1)) {
    throw new Error("times must be a positive integer");
  }
  if (v.delayMs !== undefined && (typeof v.delayMs !== "number" || v.delayMs < 0))
    throw new Error("delayMs must be >= 0");
  return {
    mode: v.mode as FakeA1111Mode,
    endpoint: endpoint as A1111ModeSetting["endpoint"],
    times: v.times as number | undefined,
    delayMs: v.delayMs as number | undefined,
  };
}

export class ModeTable {
  private rules = new Map<FakeA1111Endpoint | "all", Rule>();

  set(setting: A1111ModeSetting): void {
    const key = setting.endpoint ?? "all";
    if (key === "all") this.rules.clear();
    this.rules.set(key, { mode: setting.mode, delayMs: setting.delayMs, remaining: setting.times });
  }

  reset(): void {
    this.rules.clear();
  }

  /** The mode in force for this endpoint, used up (one of its `times`) if it applies there. */
  take(endpoint: FakeA1111Endpoint): { mode: FakeA1111Mode; delayMs: number } {
    const key = this.rules.has(endpoint) ? endpoint : "all";
    const rule = this.rules.get(key);
    if (!rule || (CONTENT_MODES.includes(rule.mode) && endpoint !== "txt2img")) return { mode: "ok", delayMs: 0 };
    if (rule.remaining !== undefined) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.delete(key);
    }
    return { mode: rule.mode, delayMs: rule.delayMs ?? 0 };
  }

  snapshot(): Record<string, Rule> {
    return Object.fromEntries([...this.rules].map(([k, v]) => [k, { ...v }]));
  }
}
