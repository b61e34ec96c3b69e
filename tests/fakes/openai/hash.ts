/** Picks from a list by hash and a salt, so different slots vary independently. */
export function pick<T>(list: readonly T[], seed: number, salt: number): T {
  const item = list[((seed ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0) % list.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
