import type { Rng } from "./prng";
import type { Point } from "./svg";

/** Ridge lines and rolling ground, as point lists the composer can draw and stand things on. */

export type Profile = readonly Point[];

/** Midpoint displacement: jagged, natural-looking mountain ridges. */
export function mountainRidge(
  rng: Rng,
  opts: { x0: number; x1: number; baseY: number; height: number; roughness: number; depth?: number },
): Profile {
  const n = 2 ** (opts.depth ?? 6);
  const ys = new Array<number>(n + 1).fill(0);
  ys[0] = rng.range(0.1, 0.6);
  ys[n] = rng.range(0.1, 0.6);
  let step = n;
  let spread = 1;
  while (step > 1) {
    const half = step / 2;
    for (let i = half; i < n; i += step) {
      const a = ys[i - half] ?? 0;
      const b = ys[i + half] ?? 0;
      ys[i] = (a + b) / 2 + rng.range(-spread, spread);
    }
    spread *= opts.roughness;
    step = half;
  }
  const min = Math.min(...ys);
  const max = Math.max(...ys);
  const span = max - min || 1;
  return ys.map(
    (y, i) => [opts.x0 + ((opts.x1 - opts.x0) * i) / n, opts.baseY - ((y - min) / span) * opts.height] as const,
  );
}

/** A sum of a few sines: soft hills, dunes and meadows. */
export function rollingProfile(
  rng: Rng,
  opts: { x0: number; x1: number; baseY: number; amplitude: number; waves?: number; points?: number },
): Profile {
  const waves = opts.waves ?? 3;
  const comps = Array.from({ length: waves }, (_, i) => ({
    freq: (i + 1) * rng.range(0.7, 1.3),
    phase: rng.range(0, Math.PI * 2),
    amp: 1 / (i + 1.2),
  }));
  const total = comps.reduce((s, c) => s + c.amp, 0);
  const count = opts.points ?? 24;
  return Array.from({ length: count + 1 }, (_, i) => {
    const t = i / count;
    const v = comps.reduce((s, c) => s + Math.sin(t * Math.PI * 2 * c.freq + c.phase) * c.amp, 0) / total;
    return [opts.x0 + (opts.x1 - opts.x0) * t, opts.baseY - v * opts.amplitude] as const;
  });
}

/** The profile's height at x, by linear interpolation: where a subject's feet go. */
export function heightAt(profile: Profile, x: number): number {
  for (let i = 0; i < profile.length - 1; i++) {
    const a = profile[i];
    const b = profile[i + 1];
    if (a && b && x >= a[0] && x <= b[0]) return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0] || 1);
  }
  return profile[profile.length - 1]?.[1] ?? 0;
}
