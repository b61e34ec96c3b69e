/**
 * How the fake misbehaves on purpose. A rule applies to one endpoint or to all, for ever or
 * for the next N requests it actually acts on (a `noJsonSchema` rule, for example, is not
 * used up by a json_object request it lets through).
 */

export const FAKE_MODES = [
  "ok",
  "error500",
  "rate429",
  "hang",
  "refusal",
  "malformedChunk",
  "contentFilter",
  "noJsonSchema",
  /** Chat: 400 for any response_format but text, as the most basic compatible servers do. */
  "noResponseFormat",
  /** Chat: the answer stops half-way with finish_reason "length". */
  "length",
] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

export const FAKE_ENDPOINTS = ["chat", "images", "moderations", "models"] as const;
export type FakeEndpoint = (typeof FAKE_ENDPOINTS)[number];

export type ModeSetting = {
  mode: FakeMode;
  /** One endpoint, or every endpoint when omitted or "all". */
  endpoint?: FakeEndpoint | "all";
  /** Only for the next N requests the mode acts on; for ever when omitted. */
  times?: number;
  /** Wait this long before the first byte of the answer. */
  delayMs?: number;
};

export type ActiveRule = { mode: FakeMode; delayMs?: number; remaining?: number };

/** What a handler sees: the mode in force, and a way to say it acted on it. */
export type ModeDecision = { mode: FakeMode; delayMs?: number; consume: () => void };

export function isFakeMode(v: unknown): v is FakeMode {
  return typeof v === "string" && (FAKE_MODES as readonly string[]).includes(v);
}

export function isFakeEndpoint(v: unknown): v is FakeEndpoint {
  return typeof v === "string" && (FAKE_ENDPOINTS as readonly string[]).includes(v);
}

export class ModeTable {
  private rules = new Map<FakeEndpoint | "all", ActiveRule>();

  set(setting: ModeSetting): void {
    const key = setting.endpoint ?? "all";
    if (key === "all") this.rules.clear(); // "all" replaces every narrower rule, as a reader expects
    const times = setting.times;
    if (times !== undefined && (!Number.isInteger(times) || times < 1))
      throw new Error("times must be a positive integer");
    this.rules.set(key, { mode: setting.mode, delayMs: setting.delayMs, remaining: times });
  }

  reset(): void {
    this.rules.clear();
  }

  /** The rule in force for an endpoint: its own rule first, then the one for all. */
  decide(endpoint: FakeEndpoint): ModeDecision {
    const key: FakeEndpoint | "all" = this.rules.has(endpoint) ? endpoint : "all";
    const rule = this.rules.get(key);
    if (!rule) return { mode: "ok", consume: () => {} };
    let consumed = false;
    return {
      mode: rule.mode,
      delayMs: rule.delayMs,
      consume: () => {
        if (consumed || rule.remaining === undefined) return;
        consumed = true;
        rule.remaining -= 1;
        if (rule.remaining <= 0 && this.rules.get(key) === rule) this.rules.delete(key);
      },
    };
  }

  snapshot(): Record<string, ActiveRule> {
    return Object.fromEntries([...this.rules].map(([k, v]) => [k, { ...v }]));
  }
}
