/**
 * How the fake misbehaves on purpose. A rule applies to one endpoint or all, for ever or for the
 * next N requests it acts on (content modes such as badBase64 act only on txt2img, so a progress
 * poll does not use them up).
 */
import { type EndpointModeSetting, EndpointModeTable } from "../shared/endpoint-modes";
import { parseDelayMs, parseEndpoint, parseMode, parseTimes } from "../shared/mode-setting";

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
  /** txt2img: the connection is reset (TCP RST) half-way through the answer's body. */
  "reset",
  /** txt2img: the server closes the connection half-way through the body (shorter than its Content-Length). */
  "truncated",
  /** txt2img: 200 whose images are random noise (incompressible: MBs each), so storing them takes a while. */
  "big",
] as const;
export type FakeA1111Mode = (typeof FAKE_A1111_MODES)[number];

export const FAKE_A1111_ENDPOINTS = ["txt2img", "progress", "interrupt", "sd-models", "samplers", "options"] as const;
export type FakeA1111Endpoint = (typeof FAKE_A1111_ENDPOINTS)[number];

const CONTENT_MODES: readonly FakeA1111Mode[] = [
  "badBase64",
  "notImage",
  "badJson",
  "black",
  "reset",
  "truncated",
  "big",
];

export type A1111ModeSetting = EndpointModeSetting<FakeA1111Mode, FakeA1111Endpoint>;

export function parseModeSetting(value: unknown): A1111ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  return {
    mode: parseMode(v.mode, FAKE_A1111_MODES),
    endpoint: parseEndpoint(v.endpoint, FAKE_A1111_ENDPOINTS),
    times: parseTimes(v.times),
    delayMs: parseDelayMs(v.delayMs),
  };
}

export class ModeTable extends EndpointModeTable<FakeA1111Mode, FakeA1111Endpoint> {
  /** The mode in force for this endpoint, used up (one of its `times`) if it applies there. */
  take(endpoint: FakeA1111Endpoint): { mode: FakeA1111Mode; delayMs: number } {
    const decision = this.decide(endpoint);
    if (CONTENT_MODES.includes(decision.mode) && endpoint !== "txt2img") return { mode: "ok", delayMs: 0 };
    decision.consume();
    return { mode: decision.mode, delayMs: decision.delayMs ?? 0 };
  }
}
