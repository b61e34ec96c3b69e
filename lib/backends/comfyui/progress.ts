import "server-only";
import type { ApiWorkflow } from "./workflow";

/** Where sampling starts and ends on the bar; the rest is queueing, loading, decoding, fetching. */
const SAMPLING_FROM = 0.05;
const SAMPLING_TO = 0.95;

/**
 * Turns ComfyUI's per-node `progress` events ({ node, value, max }) into one fraction that
 * only ever rises and ends at 1. A workflow can sample more than once (a hires-fix pass has a
 * second KSampler, whose steps start again from 0), so each sampler node gets an equal share
 * of the bar; nodes ComfyUI reports as cached take no share, as they will not run.
 */
export class ProgressTracker {
  private readonly samplers: Set<string>;
  private readonly perNode = new Map<string, number>();
  private last = 0;

  constructor(
    workflow: ApiWorkflow,
    private readonly report?: (fraction: number) => void,
  ) {
    this.samplers = new Set(
      Object.entries(workflow)
        // KSamplerSelect only picks a sampler for SamplerCustomAdvanced (FLUX graphs): it never steps.
        .filter(([, node]) => /sampler/i.test(node.class_type) && !/select$/i.test(node.class_type))
        .map(([id]) => id),
    );
  }

  started(): void {
    this.emit(SAMPLING_FROM / 2);
  }

  cached(nodes: readonly string[]): void {
    for (const id of nodes) this.samplers.delete(id);
  }

  step(node: string | undefined, value: number, max: number): void {
    if (!(max > 0) || !Number.isFinite(value)) return;
    const id = node ?? "?";
    // Progress from nodes other than samplers (tiled VAE, upscalers) counts only when the
    // workflow has no sampler we recognise; otherwise it would claim the sampler's share.
    if (this.samplers.size > 0 && !this.samplers.has(id)) return;
    this.perNode.set(id, Math.min(1, Math.max(0, value / max)));
    const shares = Math.max(this.samplers.size, this.perNode.size, 1);
    let done = 0;
    for (const f of this.perNode.values()) done += f;
    this.emit(SAMPLING_FROM + (SAMPLING_TO - SAMPLING_FROM) * (done / shares));
  }

  /** After the run, while the images download. */
  sampled(): void {
    this.emit(SAMPLING_TO);
  }

  finished(): void {
    this.emit(1);
  }

  private emit(fraction: number): void {
    if (fraction <= this.last) return;
    this.last = fraction;
    this.report?.(fraction);
  }
}
