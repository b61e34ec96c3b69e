/** What a fake has been asked, in order; each fake records its own entry shape. */
export class RequestLog<T> {
  private entries: T[] = [];

  /** Records an entry and hands it back, so the handler can fill in the body once read. */
  add(entry: T): T {
    this.entries.push(entry);
    return entry;
  }

  /** The entries themselves, for GET /__fake/requests. */
  all(): readonly T[] {
    return this.entries;
  }

  /** Deep copies, so a test cannot change what the fake recorded. */
  copies(): T[] {
    return this.entries.map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}
