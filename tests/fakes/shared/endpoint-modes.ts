/**
 * Failure modes by endpoint: a rule applies to one endpoint or to all ("all" replaces every
 * narrower rule), for ever or for the next N requests it acts on. Each fake has its own modes
 * and endpoints, and decides when a request counts as acted on.
 */

export type EndpointModeSetting<M extends string, E extends string> = {
  mode: M;
  /** One endpoint, or every endpoint when omitted or "all". */
  endpoint?: E | "all";
  /** Only for the next N requests the mode acts on; for ever when omitted. */
  times?: number;
  /** Wait this long before answering. */
  delayMs?: number;
};

export type ActiveRule<M extends string> = { mode: M; delayMs?: number; remaining?: number };

/** What a handler sees: the mode in force, and a way to say it acted on it (once counts). */
export type ModeDecision<M extends string> = { mode: M; delayMs?: number; consume: () => void };

export class EndpointModeTable<M extends string, E extends string> {
  private rules = new Map<E | "all", ActiveRule<M>>();

  set(setting: EndpointModeSetting<M, E>): void {
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

  /** The rule in force for an endpoint: its own rule first, then the one for all; "ok" without one. */
  decide(endpoint: E): ModeDecision<M | "ok"> {
    const key: E | "all" = this.rules.has(endpoint) ? endpoint : "all";
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

  snapshot(): Record<string, ActiveRule<M>> {
    return Object.fromEntries([...this.rules].map(([k, v]) => [k, { ...v }]));
  }
}
