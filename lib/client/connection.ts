/**
 * Is the server there? One answer for the whole page, so a lost server is said once, not once
 * per stream or request that noticed it.
 *
 * Anything that fails to reach the server (an event stream that breaks, a fetch that throws)
 * calls `suspect()`. That probes GET /api/health at once with a short timeout: a dead server
 * refuses at once, a hung one times out, so the loss is known within PROBE_TIMEOUT_MS. While
 * lost, it probes again with backoff (0.5 s doubling to 5 s, with jitter, so many tabs do not
 * knock in step); the first answer brings it back online and wakes whoever waits in
 * `onceOnline`. A stream that broke while the server still answers costs one probe and
 * nothing is said.
 */

export type ConnectionSnapshot = {
  /** "online" also while a probe is out: nothing is said until it fails. */
  status: "online" | "lost";
  /** Probes that failed since the loss (0 while online). */
  attempts: number;
  /** How many times the page came back after a loss: a change means "just reconnected". */
  reconnects: number;
};

export type ConnectionMonitor = {
  getSnapshot(): ConnectionSnapshot;
  subscribe(listener: () => void): () => void;
  /** Something could not reach the server: check now (once, however many callers). */
  suspect(): void;
  /** A response arrived: the server is there. */
  alive(): void;
  /** Calls `fn` once the server is known to answer (at once if no doubt is pending). Returns a canceller. */
  onceOnline(fn: () => void): () => void;
  /** Stops probing and forgets every listener (tests; a page going away). */
  dispose(): void;
};

export type ConnectionDeps = {
  /** Resolves true if the server answered. Default: GET /api/health. */
  probe?: (signal: AbortSignal) => Promise<boolean>;
  random?: () => number;
};

export const PROBE_TIMEOUT_MS = 1500;
export const BACKOFF_FIRST_MS = 500;
export const BACKOFF_MAX_MS = 5000;

/** The wait before probe number `attempt` (0-based) after a loss: doubling, capped, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Any HTTP answer below 500 means the app is up (a 401 from the password gate too); a proxy's 502–504 does not. */
async function probeHealth(signal: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch("/api/health", { cache: "no-store", signal, headers: { Accept: "application/json" } });
    return res.status < 500;
  } catch {
    return false;
  }
}

export function createConnectionMonitor(deps: ConnectionDeps = {}): ConnectionMonitor {
  const probe = deps.probe ?? probeHealth;
  const random = deps.random ?? Math.random;
  let snapshot: ConnectionSnapshot = { status: "online", attempts: 0, reconnects: 0 };
  const listeners = new Set<() => void>();
  const waiting = new Set<() => void>();
  let probing: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const set = (next: ConnectionSnapshot) => {
    snapshot = next;
    for (const l of [...listeners]) l();
  };

  const wake = () => {
    const fns = [...waiting];
    waiting.clear();
    for (const fn of fns) fn();
  };

  const up = () => {
    clearTimeout(timer);
    timer = undefined;
    if (snapshot.status === "lost") set({ status: "online", attempts: 0, reconnects: snapshot.reconnects + 1 });
    wake();
  };

  const down = () => {
    const attempts = snapshot.status === "lost" ? snapshot.attempts + 1 : 0;
    if (snapshot.status !== "lost" || attempts !== snapshot.attempts) set({ ...snapshot, status: "lost", attempts });
    timer = setTimeout(check, backoffDelay(attempts, random));
  };

  function check() {
    if (disposed || probing) return;
    timer = undefined;
    const c = new AbortController();
    probing = c;
    // Our own timer (not AbortSignal.timeout), so tests with fake timers drive it too.
    const limit = setTimeout(() => c.abort(), PROBE_TIMEOUT_MS);
    probe(c.signal)
      .catch(() => false)
      .then((ok) => {
        clearTimeout(limit);
        if (probing !== c || disposed) return;
        probing = null;
        if (ok && !c.signal.aborted) up();
        else down();
      });
  }

  const onBrowserOnline = () => {
    // The network came back: do not wait out the backoff.
    if (snapshot.status === "lost" && !probing) {
      clearTimeout(timer);
      check();
    }
  };
  if (typeof window !== "undefined") window.addEventListener("online", onBrowserOnline);

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    suspect() {
      // While lost the backoff loop is already probing; while a probe is out, its answer counts.
      if (disposed || probing || snapshot.status === "lost") return;
      check();
    },
    alive() {
      if (disposed || snapshot.status !== "lost") return;
      probing?.abort();
      probing = null;
      up();
    },
    onceOnline(fn) {
      if (snapshot.status === "online" && !probing) {
        let canceled = false;
        // Later, never inside the caller's own turn (a promise, so fake timers do not hold it).
        void Promise.resolve().then(() => {
          if (!canceled) fn();
        });
        return () => {
          canceled = true;
        };
      }
      waiting.add(fn);
      return () => waiting.delete(fn);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      probing?.abort();
      probing = null;
      listeners.clear();
      waiting.clear();
      if (typeof window !== "undefined") window.removeEventListener("online", onBrowserOnline);
    },
  };
}

let shared: ConnectionMonitor | null = null;

/** The page's one monitor (made on first use, in the browser). */
export function connection(): ConnectionMonitor {
  shared ??= createConnectionMonitor();
  return shared;
}

/** Tests: start the next one afresh (optionally with fakes). */
export function resetConnection(deps?: ConnectionDeps): ConnectionMonitor {
  shared?.dispose();
  shared = createConnectionMonitor(deps);
  return shared;
}
