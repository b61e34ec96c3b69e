import { css, darken, hex, hsl, lighten, mix } from "../color";
import type { Ctx } from "../context";
import { COLOR_HUES } from "../palette";
import type { SubjectKind } from "../scene-types";
import { ellipse, f, group } from "../svg";
import { bigTree } from "../trees";
import { abstractForm } from "./abstract";
import { animal } from "./animals";
import { boat, castle, house, lighthouse } from "./buildings";
import { astronaut, person, robot } from "./figures";

/** Height of each kind as a share of the short side, and its height in local units. */
const SIZE: Record<SubjectKind, { share: number; local: number }> = {
  fox: { share: 0.16, local: 130 },
  cat: { share: 0.17, local: 130 },
  dog: { share: 0.17, local: 130 },
  wolf: { share: 0.2, local: 140 },
  deer: { share: 0.3, local: 210 },
  horse: { share: 0.3, local: 200 },
  bear: { share: 0.22, local: 150 },
  bird: { share: 0.12, local: 100 },
  person: { share: 0.26, local: 180 },
  astronaut: { share: 0.28, local: 196 },
  robot: { share: 0.28, local: 206 },
  house: { share: 0.24, local: 160 },
  lighthouse: { share: 0.46, local: 314 },
  castle: { share: 0.42, local: 330 },
  tree: { share: 0.44, local: 1 },
  boat: { share: 0.2, local: 180 },
  abstract: { share: 0.3, local: 230 },
};

/** At most this many of the subject side by side: a sketch, not a crowd. */
export const MAX_DRAWN = 5;

/**
 * Draws the subject at (x, baseY), as many as the prompt asked for ("two foxes": two, side by
 * side, a little smaller), and records what it drew in ctx.drawn (the scene manifest reads it).
 */
export function drawSubject(ctx: Ctx, kind: SubjectKind, x: number, baseY: number, scaleBoost = 1): string {
  const asked = ctx.scene.subject?.kind === kind;
  const count = asked ? Math.min(MAX_DRAWN, Math.max(1, ctx.scene.subject?.count ?? 1)) : 1;
  let svg: string;
  if (count === 1) {
    svg = drawOne(ctx, kind, x, baseY, scaleBoost);
  } else {
    const boost = scaleBoost * (count > 2 ? 0.8 : 0.9);
    const spacing = ctx.m * SIZE[kind].share * boost * ctx.subjectScale * (kind === "tree" ? 0.5 : 0.95);
    // Centred on the focus, pulled back inside the frame when the row is wider than the room there.
    const width = spacing * (count - 1);
    const start = Math.min(Math.max(x - width / 2, ctx.w * 0.08), ctx.w * 0.92 - width);
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(drawOne(ctx, kind, start + i * spacing, baseY, boost));
    svg = parts.join("");
  }
  if (svg) ctx.drawn.subjects.push({ kind, count, color: asked ? (ctx.scene.subject?.color ?? null) : null, asked });
  return svg;
}

/**
 * Draws one subject standing at (x, baseY), facing into the picture, with a soft
 * contact shadow and, in low light, a rim of light on the side the light comes from.
 */
function drawOne(ctx: Ctx, kind: SubjectKind, x: number, baseY: number, scaleBoost: number): string {
  const { pal, m, scene } = ctx;
  const rng = ctx.rng.fork("subject");
  const size = SIZE[kind];
  // Pixel art has few pixels to spend: a bigger subject stays readable.
  const mediumBoost = scene.medium === "pixel" ? 1.35 : 1;
  // A focal point the prompt did not ask for stays modest.
  const invented = scene.subject?.kind !== kind ? 0.75 : 1;
  const heightPx =
    m *
    size.share *
    scaleBoost *
    mediumBoost *
    invented *
    ctx.subjectScale *
    (ctx.scene.moods.includes("dramatic") ? 1.15 : 1);
  if (kind === "tree") return bigTree(ctx, x, Math.min(baseY, ctx.h), Math.min(heightPx, baseY - ctx.h * 0.05));

  // Never taller than the room above its feet.
  const s = Math.min(heightPx, baseY - ctx.h * 0.06) / size.local;
  // Face into the picture: a subject on the left third looks right.
  const face = ctx.side === -1 ? 1 : -1;
  const pose = scene.subject?.pose ?? "standing";
  const glow = pal.darkness;
  const accent = pal.accent;
  const named = scene.subject?.color;
  const buildingOpts = {
    lamp: pal.lamp,
    glow,
    snow: ctx.weather("snow"),
    smoke: lighten(pal.fog, 0.2),
    // Local drawings face +x and the placement mirrors them, so "into the picture" is always +1 here.
    side: 1 as const,
    defs: ctx.defs,
    rng,
  };
  let local: string | undefined;
  switch (kind) {
    case "person":
    case "astronaut":
    case "robot": {
      const opts = {
        coat:
          kind === "person"
            ? pal.subject
            : named
              ? pal.subject
              : pal.lit(hex(kind === "astronaut" ? "#eceff3" : "#9aa6b4")),
        skin: pal.lit(hex("#d9a882")),
        lamp: pal.lamp,
        accent: named && kind === "person" ? lighten(accent, 0.2) : accent,
        umbrella: scene.extras.includes("umbrella") || ctx.weather("rain") || ctx.weather("storm"),
        lantern: pal.darkness > 0.6 && !ctx.has("city") && !ctx.has("interior"),
        rng,
      };
      local = kind === "person" ? person(opts) : kind === "astronaut" ? astronaut(opts) : robot(opts);
      break;
    }
    case "house":
      local = house({
        ...buildingOpts,
        wall: named ? pal.subject : pal.lit(hex("#c98f5e")),
        roof: pal.lit(hex("#7a3b2e")),
        accent,
      });
      break;
    case "lighthouse":
      local = lighthouse({
        ...buildingOpts,
        wall: pal.lit(hex("#f2eee6")),
        roof: pal.lit(hex("#7a3b2e")),
        accent: named ? pal.subject : pal.lit(hex("#c8423a")),
      });
      break;
    case "castle":
      local = castle({
        ...buildingOpts,
        wall: named ? pal.subject : pal.lit(hex("#9a96a6")),
        roof: pal.lit(hex("#4d4a78")),
        accent,
      });
      break;
    case "boat":
      local = boat({
        ...buildingOpts,
        wall: pal.lit(hex("#f3ead8")),
        roof: named ? pal.subject : pal.lit(hex("#8a5434")),
        accent,
      });
      break;
    case "abstract":
      local = abstractForm({
        color: named ? hsl(COLOR_HUES[named].h, COLOR_HUES[named].s, COLOR_HUES[named].l) : accent,
        ground: pal.lit(hex("#6a7a6a")),
        defs: ctx.defs,
        rng,
      });
      break;
    default:
      local = animal({
        kind,
        pose: pose === "sitting" || pose === "curled" || pose === "flying" ? pose : "standing",
        body: pal.subject,
        eyes: pal.darkness > 0.4 ? lighten(pal.lamp, 0.2) : darken(pal.subject, 0.8),
        unicorn: scene.extras.includes("unicorn"),
      });
  }
  if (!local) return "";

  const lift = kind === "bird" && pose === "flying" ? heightPx * 1.6 : 0;
  const place = (dx: number, dy: number) =>
    `translate(${f(x + dx)} ${f(baseY - lift + dy)}) scale(${(face * s).toFixed(4)} ${s.toFixed(4)})`;
  const parts: string[] = [];
  const isThing =
    kind === "house" || kind === "lighthouse" || kind === "castle" || kind === "boat" || kind === "abstract";
  if (!isThing && lift === 0) {
    parts.push(
      ellipse(x, baseY + heightPx * 0.01, heightPx * 0.55, heightPx * 0.06, { fill: "#000000", opacity: 0.18 }),
    );
  }
  // (Not in ink, where the copy would be traced as a second outline.)
  if (!isThing && pal.darkness > 0.35 && pal.celestial !== "none" && scene.medium !== "ink") {
    // Rim light: a pale copy nudged toward the light, peeking out from behind the subject.
    const toward = ctx.sunX < x ? -1 : 1;
    const rim = css(mix(pal.sun, pal.glow, 0.3));
    const pale = local.replace(/(fill|stroke)="#[0-9a-f]{6}"/g, `$1="${rim}"`);
    parts.push(group(pale, { transform: place(toward * heightPx * 0.018, -heightPx * 0.012), opacity: 0.6 }));
  }
  parts.push(group(local, { transform: place(0, 0) }));
  return group(parts);
}
