/**
 * The only source of variety: a 32-bit FNV-1a hash of the input, so the same idea always
 * picks the same alternatives and different ideas spread across them.
 */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable choice among alternatives; `salt` keeps separate choices from moving in lockstep. */
export function pick<T>(options: readonly T[], seed: number, salt: string): T {
  if (options.length === 0) throw new Error("pick() needs at least one option");
  const index = hashString(`${seed}:${salt}`) % options.length;
  return options[index] as T;
}
