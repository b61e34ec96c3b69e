import { describe, expect, it } from "vitest";
import { LruMap } from "@/lib/cache/lru-map";

describe("LruMap", () => {
  it("holds at most its bound, forgetting the least recently used first", () => {
    const m = new LruMap<string, number>(3);
    m.set("a", 1).set("b", 2).set("c", 3);
    expect(m.get("a")).toBe(1); // a is now the most recent: b is the oldest
    m.set("d", 4);
    expect(m.size).toBe(3);
    expect(m.has("b")).toBe(false);
    expect([...m.keys()]).toEqual(["c", "a", "d"]);
    expect(m.get("c")).toBe(3);
    expect(m.get("a")).toBe(1);
    expect(m.get("d")).toBe(4);
  });

  it("overwriting a key keeps one entry and makes it the most recent", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1).set("b", 2).set("a", 10).set("c", 3);
    expect(m.size).toBe(2);
    expect(m.get("a")).toBe(10);
    expect(m.has("b")).toBe(false);
  });

  it("stays at its bound under many distinct keys, and keeps the values right", () => {
    const m = new LruMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) m.set(i, i * i);
    expect(m.size).toBe(100);
    for (let i = 9_900; i < 10_000; i++) expect(m.get(i)).toBe(i * i);
    expect(m.get(9_899)).toBeUndefined();
  });

  it("remembers a stored undefined-free falsy value", () => {
    const m = new LruMap<string, number>(2);
    m.set("zero", 0);
    expect(m.get("zero")).toBe(0);
    expect(m.has("zero")).toBe(true);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
    expect(() => new LruMap(1.5)).toThrow(RangeError);
  });
});
