/**
 * How the fake misbehaves on purpose, for every prompt or the next N it acts on.
 * Prompt-level modes are bound to a prompt when it is queued (POST /prompt), so a test sets
 * the mode and then generates; request-level modes act on HTTP requests as they come.
 */
import { parseMode, parseTimes } from "../shared/mode-setting";

export const FAKE_MODES = [
  "ok",
  /** execution_error in KSampler half-way (a RuntimeError, as a mismatched model gives). */
  "executionError",
  /** execution_error in KSampler at the first step: torch.OutOfMemoryError with ComfyUI's tips. */
  "oom",
  /** Every API request (HTTP and the /ws upgrade) gets aiohttp's 500 page. */
  "unavailable500",
  /** Every HTTP API request gets 429 with Retry-After: 1, as a rate-limiting proxy in front answers. */
  "rate429",
  /** GET /view: the image's headers and half its bytes, then the connection is reset (TCP RST). */
  "resetView",
  /** GET /view: the image's headers and half its bytes, then the connection is closed. */
  "truncatedView",
  /** GET /history/{id} of a finished prompt: the JSON cut in half. */
  "badHistory",
  /** The prompt's websocket is cut after two sampling steps; the run itself finishes. */
  "dropSocket",
  /** The prompt starts and then never progresses, until /interrupt (or close). */
  "hang",
  /** /view answers the prompt's images with bytes that are not an image. */
  "notImage",
] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

const REQUEST_MODES = ["unavailable500", "rate429", "resetView", "truncatedView", "badHistory"] as const;
export type RequestMode = (typeof REQUEST_MODES)[number];
export type PromptMode = Exclude<FakeMode, RequestMode>;

function isRequestMode(mode: FakeMode): mode is RequestMode {
  return (REQUEST_MODES as readonly string[]).includes(mode);
}

export type ModeSetting = { mode: FakeMode; times?: number };

export function parseModeSetting(value: unknown): ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  return { mode: parseMode(v.mode, FAKE_MODES), times: parseTimes(v.times) };
}

/** What a request-level mode needs to know of a request to decide whether it acts on it. */
export type RequestFacts = {
  method: string;
  /** Without the /api prefix. */
  path: string;
  /** GET /history/{id} whose prompt has finished (an empty answer is left alone). */
  finishedHistory?: boolean;
};

export class ModeTable {
  private rule: { mode: FakeMode; remaining?: number } | null = null;

  set(setting: ModeSetting): void {
    this.rule = setting.mode === "ok" ? null : { mode: setting.mode, remaining: setting.times };
  }

  reset(): void {
    this.rule = null;
  }

  private take(): void {
    if (!this.rule || this.rule.remaining === undefined) return;
    this.rule.remaining -= 1;
    if (this.rule.remaining <= 0) this.rule = null;
  }

  /** For the /ws upgrade: true when it must fail with a 500 (and that uses one up). */
  failRequest(): boolean {
    if (this.rule?.mode !== "unavailable500") return false;
    this.take();
    return true;
  }

  /** For an HTTP request: the fault to answer it with, if the mode in force acts on it (that uses one up). */
  requestFault(facts: RequestFacts): RequestMode | undefined {
    const mode = this.rule?.mode;
    if (!mode || !isRequestMode(mode)) return undefined;
    const acts =
      mode === "unavailable500" || mode === "rate429"
        ? true
        : mode === "badHistory"
          ? facts.method === "GET" && facts.finishedHistory === true
          : facts.method === "GET" && facts.path === "/view";
    if (!acts) return undefined;
    this.take();
    return mode;
  }

  /** For a prompt being queued: the mode it will run under (and that uses one up). */
  forPrompt(): PromptMode {
    const mode = this.rule?.mode;
    if (!mode || isRequestMode(mode)) return "ok";
    this.take();
    return mode;
  }

  snapshot(): { mode: FakeMode; remaining?: number } {
    return this.rule ? { ...this.rule } : { mode: "ok" };
  }
}
