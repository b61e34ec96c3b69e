/** Checks for the fields of a /__fake/mode body (or a setMode call), with the messages a 400 carries. */

export function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === "string" && (list as readonly string[]).includes(v);
}

/** One endpoint, "all", or omitted. */
export function parseEndpoint<E extends string>(v: unknown, endpoints: readonly E[]): E | "all" | undefined {
  if (v === undefined || v === "all" || isOneOf(endpoints, v)) return v;
  throw new Error(`unknown endpoint ${JSON.stringify(v)}`);
}

/** A positive integer, or omitted (for ever). */
export function parseTimes(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new Error("times must be a positive integer");
  return v;
}

/** 0 or more, or omitted. */
export function parseDelayMs(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || v < 0) throw new Error("delayMs must be >= 0");
  return v;
}

/** One of `modes`; the error lists them. */
export function parseMode<M extends string>(v: unknown, modes: readonly M[]): M {
  if (isOneOf(modes, v)) return v;
  throw new Error(`unknown mode ${JSON.stringify(v)}; one of ${modes.join(", ")}`);
}
