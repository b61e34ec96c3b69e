import "server-only";
import { EventEmitter } from "node:events";
import pg from "pg";
import { log } from "@/lib/log";
import type { EventBus, JobEvent } from "./types";

/** The one Postgres channel every instance LISTENs on; the bus's own channels travel in the payload. */
export const EVENTS_CHANNEL = "promptsmith_events";

/**
 * Sent in place of an event too large for NOTIFY, and to local subscribers once the LISTEN
 * connection is (re)established: "you may have missed something, read the database again".
 */
export const STALE_EVENT = "stale";

/** Postgres refuses a NOTIFY payload of 8000 bytes or more; a little room is kept. */
const MAX_PAYLOAD_BYTES = 7900;

export type PostgresBusOptions = {
  url: string;
  /** This instance: its own notifications, coming back through Postgres, are not delivered twice. */
  instanceId: string;
  channel?: string;
  /** Seen in pg_stat_activity as `<name>:listen` and `<name>:notify`. */
  applicationName?: string;
  maxPayloadBytes?: number;
  /** Backoff between attempts to open the LISTEN connection again. */
  reconnect?: { baseMs: number; maxMs: number };
  /** A query on the LISTEN connection this often, so a silently dead one is noticed. */
  pingMs?: number;
  /** NOTIFYs waiting for the database at most; past that, events are only delivered locally. */
  maxPending?: number;
};

/** The bus, plus `ready()`: resolves once this instance is LISTENing (or the bus is closed). */
export type PostgresBus = EventBus & { ready(): Promise<void> };

/** What travels in a NOTIFY: the bus channel, the event, and the instance that published it. */
type Wire = { c: string; e: JobEvent; o: string };

function isWire(value: unknown): value is Wire {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Partial<Wire>;
  return (
    typeof w.c === "string" &&
    typeof w.o === "string" &&
    typeof w.e === "object" &&
    w.e !== null &&
    typeof (w.e as Partial<JobEvent>).event === "string"
  );
}

/**
 * The shared mode's bus: local subscribers hear a publish at once, as with the memory bus, and
 * every other instance hears it through Postgres LISTEN/NOTIFY. Delivery between instances is
 * best effort (a dropped connection loses what was sent meanwhile), so followers also poll the
 * database (follow-generation.ts) and re-read it whenever they are told the bus went stale.
 */
export function createPostgresBus(options: PostgresBusOptions): PostgresBus {
  const { url, instanceId } = options;
  const channel = options.channel ?? EVENTS_CHANNEL;
  const appName = options.applicationName ?? `promptsmith-events:${instanceId}`;
  const maxPayload = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const backoff = options.reconnect ?? { baseMs: 250, maxMs: 10_000 };
  const pingMs = options.pingMs ?? 30_000;
  const maxPending = options.maxPending ?? 1000;

  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;

  // ---- LISTEN: one dedicated connection, opened on first use, opened again when it drops.
  let listener: pg.Client | undefined;
  let listening = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let waiters: Array<() => void> = [];

  const settleWaiters = () => {
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  };

  const deliver = (busChannel: string, event: JobEvent) => {
    try {
      emitter.emit(busChannel, event);
    } catch (error) {
      // A subscriber's bug must not break the connection that hears every instance.
      log.error("events: a subscriber failed", { channel: busChannel, event: event.event, error });
    }
  };

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== channel || !msg.payload) return;
    let wire: unknown;
    try {
      wire = JSON.parse(msg.payload);
    } catch {
      wire = undefined;
    }
    if (!isWire(wire)) {
      log.warn("events: ignored a notification that is not ours", { channel });
      return;
    }
    // Local subscribers already heard it when it was published.
    if (wire.o === instanceId) return;
    deliver(wire.c, wire.e);
  };

  const schedule = () => {
    if (closed || retryTimer) return;
    const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempts);
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    attempts++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delayMs);
    retryTimer.unref();
  };

  const connect = async () => {
    if (closed || listener) return;
    const client = new pg.Client({
      connectionString: url,
      application_name: `${appName}:listen`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    listener = client;
    let dropped = false;
    let ping: ReturnType<typeof setInterval> | undefined;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      clearInterval(ping);
      if (listener === client) {
        listener = undefined;
        listening = false;
      }
      client.off("notification", onNotification);
      // The 'error' handler stays: a late error on a dead client must not crash the process.
      void client.end().catch(() => undefined);
      if (closed) return;
      // Loud when it drops, then once in ten attempts while the outage lasts.
      const fields = { attempt: attempts + 1, error };
      if (attempts % 10 === 0) log.warn("events: no LISTEN connection to Postgres; opening one again", fields);
      else log.debug("events: no LISTEN connection to Postgres yet", fields);
      schedule();
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", onNotification);
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      drop(error);
      return;
    }
    if (dropped || closed) return;
    if (attempts > 0) log.info("events: listening to Postgres again", { attempts });
    attempts = 0;
    listening = true;
    ping = setInterval(() => {
      client.query("SELECT 1").catch((error: unknown) => drop(error));
    }, pingMs);
    ping.unref();
    settleWaiters();
    // Whatever was published while nobody here listened is lost: subscribers read the database again.
    for (const name of emitter.eventNames()) {
      if (typeof name === "string") deliver(name, { event: STALE_EVENT, data: null });
    }
  };

  const start = () => {
    if (!closed && !listener && !retryTimer) void connect();
  };

  // ---- NOTIFY: one connection at a time, so one instance's events reach the others in order.
  let pool: pg.Pool | undefined;
  const inflight = new Set<Promise<void>>();
  let failures = 0;

  const notifier = (): pg.Pool => {
    if (!pool) {
      pool = new pg.Pool({
        connectionString: url,
        max: 1,
        application_name: `${appName}:notify`.slice(0, 63),
        keepAlive: true,
        connectionTimeoutMillis: 10_000,
        idleTimeoutMillis: 30_000,
      });
      // An idle connection dropped by the server: the next NOTIFY opens a fresh one.
      pool.on("error", (error) => log.warn("events: an idle NOTIFY connection failed", { error }));
    }
    return pool;
  };

  const failed = (why: string, error?: unknown) => {
    // Once per outage, not once per progress tick.
    if (failures++ === 0) log.warn(`events: ${why}; other instances will catch up from the database`, { error });
  };

  const encode = (busChannel: string, event: JobEvent): string | undefined => {
    let payload: string;
    try {
      payload = JSON.stringify({ c: busChannel, e: event, o: instanceId } satisfies Wire);
    } catch (error) {
      log.warn("events: an event could not be serialized", { channel: busChannel, event: event.event, error });
      return undefined;
    }
    if (Buffer.byteLength(payload, "utf8") <= maxPayload) return payload;
    // Too large for NOTIFY: the others are told to read the database instead.
    const marker: Wire = { c: busChannel, e: { event: STALE_EVENT, data: { event: event.event } }, o: instanceId };
    return JSON.stringify(marker);
  };

  return {
    publish(busChannel: string, event: JobEvent, publishOptions?: { localOnly?: boolean }): void {
      emitter.emit(busChannel, event);
      if (closed || publishOptions?.localOnly) return;
      start();
      const payload = encode(busChannel, event);
      if (payload === undefined) return;
      if (inflight.size >= maxPending) {
        failed("too many NOTIFYs are waiting for Postgres, so events are dropped");
        return;
      }
      const sent = notifier()
        .query("SELECT pg_notify($1, $2)", [channel, payload])
        .then(
          () => {
            if (failures > 0) log.info("events: NOTIFY works again", { failed: failures });
            failures = 0;
          },
          (error: unknown) => failed("a NOTIFY failed", error),
        )
        .finally(() => inflight.delete(sent));
      inflight.add(sent);
    },

    subscribe(busChannel: string, listener: (event: JobEvent) => void): () => void {
      emitter.on(busChannel, listener);
      start();
      return () => emitter.off(busChannel, listener);
    },

    ready(): Promise<void> {
      if (closed || listening) return Promise.resolve();
      start();
      return new Promise((resolve) => waiters.push(resolve));
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      settleWaiters();
      emitter.removeAllListeners();
      // What was published just before is sent, unless the database does not answer soon.
      if (inflight.size > 0) {
        await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, 2000).unref())]);
      }
      const client = listener;
      listener = undefined;
      listening = false;
      await Promise.all([client?.end().catch(() => undefined), pool?.end().catch(() => undefined)]);
    },
  };
}
