/**
 * ComfyUI's PromptQueue with one worker: prompts wait in order of their number, one runs,
 * finished ones go to history. Deleting from the queue only touches pending prompts;
 * /interrupt only touches the running one.
 */
import type { NodeDef } from "./node-defs";
import { type ExecContext, runJob } from "./execute";
import type { SocketHub } from "./socket-hub";
import type { HistoryEntry, ImageRef, Job, QueueItem, StoredImage } from "./types";

export class PromptQueue {
  private pending: Job[] = [];
  private current: Job | null = null;
  private history = new Map<string, HistoryEntry>();
  private images = new Map<string, StoredImage>();
  private counters = new Map<string, number>();
  private cache = new Set<string>();
  private closed = false;
  /** Settles when the worker is idle; close() waits for it. */
  private working: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: SocketHub,
    private readonly defs: Record<string, NodeDef>,
    private readonly stepMs: number,
  ) {}

  get running(): Job | null {
    return this.current;
  }

  remaining(): number {
    return this.pending.length + (this.current ? 1 : 0);
  }

  statusData() {
    return { exec_info: { queue_remaining: this.remaining() } };
  }

  queueInfo(): { queue_running: QueueItem[]; queue_pending: QueueItem[] } {
    return {
      queue_running: this.current ? [this.current.item] : [],
      queue_pending: this.pending.map((j) => j.item),
    };
  }

  put(job: Job): void {
    this.pending.push(job);
    this.pending.sort((a, b) => a.item[0] - b.item[0]);
    this.updated();
    this.pump();
  }

  delete(ids: unknown[]): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((j) => !ids.includes(j.promptId));
    if (this.pending.length !== before) this.updated();
  }

  clearPending(): void {
    this.pending = [];
    this.updated();
  }

  /** With a prompt id, only if that prompt is the one running (current ComfyUI); else whatever runs. */
  interrupt(promptId?: string): boolean {
    const job = this.current;
    if (!job || (promptId && job.promptId !== promptId)) return false;
    job.interrupted = true;
    job.wake?.();
    return true;
  }

  historyOf(id: string): Record<string, HistoryEntry> {
    const entry = this.history.get(id);
    return entry ? { [id]: structuredClone(entry) } : {};
  }

  allHistory(maxItems?: number): Record<string, HistoryEntry> {
    const entries = [...this.history.entries()];
    const picked = maxItems === undefined ? entries : entries.slice(Math.max(0, entries.length - maxItems));
    return Object.fromEntries(picked.map(([k, v]) => [k, structuredClone(v)]));
  }

  deleteHistory(ids: unknown[]): void {
    for (const id of ids) if (typeof id === "string") this.history.delete(id);
  }

  clearHistory(): void {
    this.history.clear();
  }

  image(type: string, subfolder: string, filename: string): StoredImage | undefined {
    return this.images.get(`${type}/${subfolder}/${filename}`);
  }

  /** Forget everything; a running prompt is stopped and leaves no history. */
  reset(): void {
    if (this.current) {
      this.current.discarded = true;
      this.interrupt();
    }
    this.pending = [];
    this.history.clear();
    this.images.clear();
    this.counters.clear();
    this.cache.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending = [];
    if (this.current) {
      this.current.discarded = true;
      this.interrupt();
    }
    await this.working;
  }

  private updated(): void {
    this.hub.broadcast("status", { status: this.statusData() });
  }

  /** SaveImage's naming: <prefix>_00001_.png, counting per prefix; a "dir/name" prefix is a subfolder. */
  private save(kind: ImageRef["type"], prefix: string, bytes: Buffer, junk: boolean): ImageRef {
    const slash = prefix.lastIndexOf("/");
    const subfolder = slash >= 0 ? prefix.slice(0, slash) : "";
    const base = slash >= 0 ? prefix.slice(slash + 1) : prefix;
    const key = `${kind}/${subfolder}/${base}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    const filename = `${base}_${String(n).padStart(5, "0")}_.png`;
    this.images.set(`${kind}/${subfolder}/${filename}`, { bytes, junk });
    return { filename, subfolder, type: kind };
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.pending.shift();
    if (!job) return;
    this.current = job;
    this.updated();
    const ctx: ExecContext = {
      hub: this.hub,
      defs: this.defs,
      stepMs: this.stepMs,
      cache: this.cache,
      save: (kind, prefix, bytes, junk) => this.save(kind, prefix, bytes, junk),
    };
    this.working = runJob(job, ctx)
      .then((result) => {
        this.current = null;
        if (job.discarded) return;
        if (result.status.status_str === "success") this.cache = new Set(result.signatures);
        const { signatures: _, ...entry } = result;
        this.history.set(job.promptId, { prompt: job.item, ...entry });
        this.updated();
        // As ComfyUI's worker: history first, then `executing` with node null.
        this.hub.send(job.clientId, "executing", { node: null, prompt_id: job.promptId });
      })
      .catch((e: unknown) => {
        this.current = null;
        console.error(`fake-comfyui: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        setImmediate(() => this.pump());
      });
  }
}
