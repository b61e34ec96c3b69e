/** What the live preview is drawn from: the batch being sampled (set by the job, cleared at its end). */
export type PreviewSource = { render: (brightness: number) => Promise<Buffer> };

/**
 * A1111's shared.state (modules/shared_state.py) and its queue_lock: one job at a time, and the
 * progress endpoint reports whichever job holds the lock, whoever started it.
 */
export class WebuiState {
  skipped = false;
  interrupted = false;
  stopping_generation = false;
  job = "";
  job_count = 0;
  job_timestamp = "0";
  job_no = 0;
  sampling_step = 0;
  sampling_steps = 0;
  time_start = 0;
  /** The live preview: redrawn at most every show_progress_every_n_steps steps, when a client asks. */
  current_image: Buffer | null = null;
  current_image_sampling_step = 0;
  preview: PreviewSource | null = null;

  begin(job: string): void {
    this.sampling_step = 0;
    this.current_image = null;
    this.current_image_sampling_step = 0;
    this.time_start = Date.now() / 1000;
    // -1 until processing knows n_iter; the progress formula then gives 0.01.
    this.job_count = -1;
    this.job_no = 0;
    this.job_timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    this.skipped = false;
    // Cleared here, not at the end: an interrupt sent before a job starts is lost, and after a
    // job the flag stays up until the next one begins. Both as in A1111.
    this.interrupted = false;
    this.stopping_generation = false;
    this.job = job;
  }

  end(): void {
    this.job = "";
    this.job_count = 0;
    this.preview = null;
  }

  /**
   * set_current_image (modules/shared_state.py): with live previews on, the latent is decoded
   * again once show_progress_every_n_steps steps have passed since the last picture. Here the
   * "decode" is the batch's gradient as dark as the sampling is unfinished.
   */
  private async setCurrentImage(options: Record<string, unknown>): Promise<void> {
    const every = Number(options.show_progress_every_n_steps ?? 10);
    if (options.live_previews_enable === false || !(every > 0) || !this.preview) return;
    if (this.sampling_step - this.current_image_sampling_step < every) return;
    const step = this.sampling_step;
    const steps = Math.max(1, this.sampling_steps);
    this.current_image = await this.preview.render(0.25 + (0.6 * step) / steps);
    this.current_image_sampling_step = step;
  }

  interrupt(): void {
    this.interrupted = true;
  }

  dict(): Record<string, unknown> {
    return {
      skipped: this.skipped,
      interrupted: this.interrupted,
      stopping_generation: this.stopping_generation,
      job: this.job,
      job_count: this.job_count,
      job_timestamp: this.job_timestamp,
      job_no: this.job_no,
      sampling_step: this.sampling_step,
      sampling_steps: this.sampling_steps,
    };
  }

  /**
   * GET /sdapi/v1/progress, with A1111's formula (modules/api/api.py progressapi); current_image
   * is the live preview as plain base64 (encode_pil_to_base64, in samples_format) unless the
   * client sent skip_current_image=true.
   */
  async progress(skipCurrentImage = false, options: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (this.job_count === 0) {
      return { progress: 0, eta_relative: 0, state: this.dict(), current_image: null, textinfo: null };
    }
    // First, so the numbers below and the state sent are of one moment (the job runs on meanwhile).
    await this.setCurrentImage(options);
    if (this.job_count === 0) return this.progress(skipCurrentImage, options);
    let progress = 0.01;
    if (this.job_count > 0) progress += this.job_no / this.job_count;
    if (this.sampling_steps > 0 && this.job_count > 0) {
      progress += ((1 / this.job_count) * this.sampling_step) / this.sampling_steps;
    }
    const since = Date.now() / 1000 - this.time_start;
    const eta = since / progress;
    return {
      progress: Math.min(progress, 1),
      eta_relative: eta - since,
      state: this.dict(),
      current_image: this.current_image && !skipCurrentImage ? this.current_image.toString("base64") : null,
      textinfo: null,
    };
  }
}

/** The queue_lock: jobs run one after another, in arrival order. */
export class QueueLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
