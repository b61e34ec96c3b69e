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

  begin(job: string): void {
    this.sampling_step = 0;
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

  /** GET /sdapi/v1/progress, with A1111's formula (modules/api/api.py progressapi). */
  progress(): Record<string, unknown> {
    if (this.job_count === 0) {
      return { progress: 0, eta_relative: 0, state: this.dict(), current_image: null, textinfo: null };
    }
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
      current_image: null,
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
