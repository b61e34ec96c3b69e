/**
 * A Map that holds at most `max` entries and forgets the least recently used one first. For
 * caches kept for the life of the server process: without a bound they grow with every distinct
 * input a long-running server ever sees.
 */
export class LruMap<K, V> {
  readonly #map = new Map<K, V>();
  readonly max: number;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`an LRU bound must be a positive integer, not ${max}`);
    this.max = max;
  }

  get size(): number {
    return this.#map.size;
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    if (!this.#map.has(key)) return undefined;
    const value = this.#map.get(key) as V;
    // A Map iterates in insertion order: re-inserting moves the key to the recent end.
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  /** Stores the value as the most recently used; past the bound, the least recently used goes. */
  set(key: K, value: V): this {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  clear(): void {
    this.#map.clear();
  }

  /** Keys from the least to the most recently used. */
  keys(): IterableIterator<K> {
    return this.#map.keys();
  }
}
