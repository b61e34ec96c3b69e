import "server-only";

/**
 * Lets the refiner run while the moderation service looks at the idea (issue 12: that check is a
 * whole round trip, which used to stand before the refiner's first token), without anything the
 * refiner writes getting out before the verdict. Its text is held back, the latest per key (a
 * "prompt so far" contains what came before it), and goes out the moment the idea passes; a
 * refusal stops the refiner (`signal`) and drops the text, so a blocked idea never shows any.
 */
export type ModerationGate = {
  /** The caller's signal, which also aborts, with the refusal as its reason, when the idea is refused. */
  readonly signal: AbortSignal;
  /** Runs `deliver` now when the idea has passed; otherwise keeps it (the latest for `key`) until it does. */
  hold(key: number, deliver: () => void): void;
  /** Resolves once the idea has passed (held text delivered first); rejects with the refusal or the failure. */
  passed(): Promise<void>;
};

export function moderationGate(allowed: Promise<void>, signal: AbortSignal): ModerationGate {
  const refused = new AbortController();
  const held = new Map<number, () => void>();
  let open = false;
  const verdict = allowed.then(
    () => {
      open = true;
      for (const deliver of held.values()) deliver();
      held.clear();
    },
    (e: unknown) => {
      held.clear();
      refused.abort(e);
      throw e;
    },
  );
  // Awaited through passed(); a run that ends before asking must not leave an unhandled rejection.
  verdict.catch(() => undefined);
  return {
    signal: AbortSignal.any([signal, refused.signal]),
    hold(key, deliver) {
      if (open) {
        deliver();
        return;
      }
      if (refused.signal.aborted) return;
      held.delete(key);
      held.set(key, deliver);
    },
    passed: () => verdict,
  };
}
