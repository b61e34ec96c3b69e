/** Images the fake handed out as URLs (dall-e with response_format "url"), kept briefly. */
export class ImageStore {
  private items = new Map<string, { bytes: Buffer; mime: string }>();
  private next = 1;

  constructor(private readonly capacity = 50) {}

  put(bytes: Buffer, mime: string): string {
    const id = `img${this.next++}`;
    this.items.set(id, { bytes, mime });
    // Oldest first out: a long e2e run must not grow without bound.
    while (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value;
      if (oldest === undefined) break;
      this.items.delete(oldest);
    }
    return id;
  }

  get(id: string): { bytes: Buffer; mime: string } | undefined {
    return this.items.get(id);
  }

  clear(): void {
    this.items.clear();
  }
}
