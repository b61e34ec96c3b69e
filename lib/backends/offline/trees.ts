import { darken, hex, lighten, mix, type Rgb } from "./color";
import type { Ctx } from "./context";
import type { Rng } from "./prng";
import { heightAt, type Profile } from "./terrain";
import { circle, f, group, path } from "./svg";

/** Pines, round trees, tree lines along a ridge, and one big tree as a subject. */

export type PineParts = { body: string; lit: string; snow: string };

/**
 * A pine as stacked tiers, with the half toward the light (`lightDir`) drawn separately
 * so callers can paint it a shade lighter: the flat two-tone look of illustrated forests.
 */
export function pine(x: number, baseY: number, height: number, rng: Rng, lightDir: -1 | 1): PineParts {
  const tiers = 3 + (rng.next() < 0.5 ? 1 : 0);
  const width = height * rng.range(0.36, 0.46);
  const trunkW = height * 0.035;
  // Every piece is wound clockwise: opposite windings would punch holes under the nonzero rule.
  let body = `M${f(x - trunkW)} ${f(baseY)}v${f(-height * 0.2)}h${f(trunkW * 2)}v${f(height * 0.2)}Z`;
  let lit = "";
  let snow = "";
  for (let t = 0; t < tiers; t++) {
    const bottom = baseY - height * (0.12 + (0.8 * t) / tiers);
    const top = Math.max(baseY - height * (0.12 + (0.8 * (t + 1.6)) / tiers), baseY - height);
    const half = (width / 2) * (1 - t / (tiers + 0.8));
    body += `M${f(x - half)} ${f(bottom)}L${f(x)} ${f(top)}L${f(x + half)} ${f(bottom)}Z`;
    lit += `M${f(x)} ${f(top)}L${f(x + lightDir * half)} ${f(bottom)}L${f(x)} ${f(bottom - half * 0.18)}Z`;
    // Snow resting on the tier: a thin cap along its upper edges.
    const capH = (bottom - top) * 0.38;
    const capW = half * (capH / (bottom - top));
    snow += `M${f(x)} ${f(top)}L${f(x + capW)} ${f(top + capH)}Q${f(x)} ${f(top + capH * 0.7)} ${f(x - capW)} ${f(top + capH)}Z`;
  }
  return { body, lit, snow };
}

export function roundTree(x: number, baseY: number, height: number, leaf: Rgb, trunk: Rgb, rng: Rng): string {
  const r = height * 0.3;
  const cy = baseY - height + r;
  const parts = [
    path(
      `M${f(x - height * 0.035)} ${f(baseY)}L${f(x - height * 0.02)} ${f(cy)}L${f(x + height * 0.02)} ${f(cy)}L${f(x + height * 0.035)} ${f(baseY)}Z`,
      { fill: trunk },
    ),
  ];
  const blobs = [
    [0, 0, 1],
    [-0.55, 0.35, 0.7],
    [0.55, 0.3, 0.72],
    [0, 0.5, 0.75],
  ] as const;
  for (const [dx, dy, k] of blobs)
    parts.push(circle(x + dx * r * rng.range(0.9, 1.1), cy + dy * r, r * k, { fill: leaf }));
  parts.push(circle(x - r * 0.3, cy - r * 0.25, r * 0.45, { fill: lighten(leaf, 0.12), opacity: 0.7 }));
  return group(parts);
}

/** A row of trees following a ridge profile: pines unless the scene is a meadow. */
export function treeLine(
  ctx: Ctx,
  profile: Profile,
  opts: { depth: number; size: number; density: number; seed: string },
): string {
  const { w, m, pal } = ctx;
  const rng = ctx.rng.fork(opts.seed);
  const snowy = ctx.weather("snow");
  const base = ctx.has("forest") || ctx.has("mountains") || snowy ? hex("#2b5940") : hex("#3d7a45");
  const color = pal.land(base, opts.depth);
  const snow = pal.land(hex("#eef3fa"), opts.depth);
  const count = Math.round(opts.density * (w / m) * 40);
  const lightDir = ctx.sunX < w / 2 ? -1 : 1;
  let body = "";
  let lit = "";
  let caps = "";
  for (let i = 0; i < count; i++) {
    const x = rng.range(-0.03, 1.03) * w;
    const hgt = m * opts.size * rng.range(0.6, 1.25);
    const p = pine(x, heightAt(profile, x) + hgt * 0.15, hgt, rng, lightDir);
    body += p.body;
    lit += p.lit;
    if (snowy) caps += p.snow;
  }
  return (
    path(body, { fill: color }) +
    path(lit, { fill: lighten(color, 0.08), opacity: 0.8 }) +
    (caps ? path(caps, { fill: snow, opacity: 0.9 }) : "")
  );
}

/** A few large trees near one edge: a frame for the subject on the other side. */
export function framingTrees(ctx: Ctx, profile: Profile): string {
  const { w, m, pal } = ctx;
  const rng = ctx.rng.fork("framing");
  if (!rng.chance(0.6) && !ctx.has("forest")) return "";
  const edge = ctx.side === -1 ? w * rng.range(0.86, 0.98) : w * rng.range(0.02, 0.14);
  const color = darken(pal.lit(hex("#2b5940")), 0.2);
  const lightDir = ctx.sunX < w / 2 ? -1 : 1;
  const n = rng.int(1, 3);
  let body = "";
  let lit = "";
  let caps = "";
  for (let i = 0; i < n; i++) {
    const x = edge + rng.range(-0.06, 0.06) * w;
    const hgt = m * rng.range(0.35, 0.6);
    const p = pine(x, heightAt(profile, x) + m * 0.03, hgt, rng, lightDir);
    body += p.body;
    lit += p.lit;
    caps += p.snow;
  }
  const parts = [path(body, { fill: color }), path(lit, { fill: lighten(color, 0.1), opacity: 0.85 })];
  if (ctx.weather("snow")) parts.push(path(caps, { fill: pal.lit(hex("#f1f5fb")) }));
  return group(parts);
}

/** The big tree as the subject: trunk, branches and a shaded, layered crown. */
export function bigTree(ctx: Ctx, x: number, baseY: number, height: number): string {
  const { pal } = ctx;
  const rng = ctx.rng.fork("big-tree");
  const word = ctx.scene.subject?.word ?? "tree";
  const blossom = word.includes("sakura") || word.includes("cherry") || ctx.scene.subject?.color === "pink";
  const bare = ctx.weather("snow") && !blossom;
  const leaf = blossom ? pal.lit(hex("#f4a6c0")) : pal.subject;
  const bark = darken(pal.lit(hex("#5a4132")), 0.1);
  const trunkW = height * 0.07;
  const crownY = baseY - height * 0.62;
  const parts: string[] = [];
  parts.push(
    path(
      `M${f(x - trunkW)} ${f(baseY)}C${f(x - trunkW * 0.5)} ${f(baseY - height * 0.3)} ${f(x - trunkW * 0.6)} ${f(crownY)} ${f(x - trunkW * 1.6)} ${f(crownY - height * 0.08)}` +
        `L${f(x)} ${f(crownY + height * 0.04)}L${f(x + trunkW * 1.7)} ${f(crownY - height * 0.1)}` +
        `C${f(x + trunkW * 0.6)} ${f(crownY)} ${f(x + trunkW * 0.5)} ${f(baseY - height * 0.3)} ${f(x + trunkW)} ${f(baseY)}Z`,
      { fill: bark },
    ),
  );
  const branches: string[] = [];
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + rng.range(-1.2, 1.2);
    const len = height * rng.range(0.18, 0.34);
    const sx = x + rng.range(-0.4, 0.4) * trunkW;
    const sy = crownY + rng.range(-0.02, 0.08) * height;
    branches.push(
      `M${f(sx)} ${f(sy)}Q${f(sx + Math.cos(a) * len * 0.5)} ${f(sy + Math.sin(a) * len * 0.3)} ${f(sx + Math.cos(a) * len)} ${f(sy + Math.sin(a) * len)}`,
    );
  }
  parts.push(path(branches.join(""), { stroke: bark, strokeWidth: trunkW * 0.35 }));
  if (!bare) {
    const crownR = height * 0.3;
    const shade = darken(leaf, 0.18);
    const light = lighten(leaf, 0.14);
    const blobs: [number, number, number][] = [];
    for (let i = 0; i < 11; i++) {
      const a = rng.range(0, Math.PI * 2);
      const d = rng.range(0.1, 0.85) * crownR;
      blobs.push([
        x + Math.cos(a) * d * 1.35,
        crownY - crownR * 0.45 + Math.sin(a) * d * 0.75,
        crownR * rng.range(0.42, 0.62),
      ]);
    }
    for (const [bx, by, r] of blobs) parts.push(circle(bx, by + r * 0.15, r, { fill: shade }));
    for (const [bx, by, r] of blobs) parts.push(circle(bx - r * 0.08, by - r * 0.05, r * 0.86, { fill: leaf }));
    const lightSide = ctx.sunX < x ? -1 : 1;
    for (const [bx, by, r] of blobs.slice(0, 5))
      parts.push(circle(bx + lightSide * r * 0.25, by - r * 0.3, r * 0.42, { fill: light, opacity: 0.75 }));
    if (blossom) {
      for (let i = 0; i < 40; i++) {
        const px = x + rng.range(-1.4, 1.4) * crownR;
        const py = crownY - crownR * 0.4 + rng.range(-0.9, 0.9) * crownR;
        parts.push(circle(px, py, height * 0.008, { fill: mix(leaf, hex("#ffffff"), 0.5), opacity: 0.8 }));
      }
    }
  }
  return group(parts);
}
