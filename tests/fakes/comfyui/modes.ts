/**
 * How the fake misbehaves on purpose, for every prompt or the next N it acts on.
 * Prompt-level modes are bound to a prompt when it is queued (POST /prompt), so a test sets
 * the mode and then generates; `unavailable500` acts on HTTP requests as they come.
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
  /** The prompt's websocket is cut after two sampling steps; the run itself finishes. */
  "dropSocket",
  /** The prompt starts and then never progresses, until /interrupt (or close). */
  "hang",
  /** /view answers the prompt's images with bytes that are not an image. */
  "notImage",
] as const;
export type FakeMode = (typeof FAKE_MODES)[number];
export type PromptMode = Exclude<FakeMode, "unavailable500">;

export type ModeSetting = { mode: FakeMode; times?: number };

export function parseModeSetting(value: unknown): ModeSetting {
  const v = (value ?? {}) as Record<string, unknown>;
  return { mode: parseMode(v.mode, FAKE_MODES), times: parseTimes(v.times) };
}

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

  /** For an HTTP request: true when it must fail with a 500 (and that uses one up). */
  failRequest(): boolean {
    if (this.rule?.mode !== "unavailable500") return false;
    this.take();
    return true;
  }

  /** For a prompt being queued: the mode it will run under (and that uses one up). */
  forPrompt(): PromptMode {
    const mode = this.rule?.mode;
    if (!mode || mode === "unavailable500") return "ok";
    this.take();
    return mode;
  }

  snapshot(): { mode: FakeMode; remaining?: number } {
    return this.rule ? { ...this.rule } : { mode: "ok" };
  }
}
