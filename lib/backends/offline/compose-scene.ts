import { composeStreet } from "./city-street";
import { composeLandscape } from "./compose-landscape";
import { composeInterior } from "./interior";
import { composeSpace } from "./space";
import type { Ctx } from "./context";
import { sketchMark, vignette } from "./finish";
import { makePalette } from "./palette";
import { createRng, hashString, mixSeeds } from "./prng";
import type { SceneSpec, Setting, SubjectKind } from "./scene-types";
import { Defs } from "./svg";

/** `ctx.scene` is the scene as drawn (the seed's defaults filled in); `ctx.drawn` what went into the picture. */
export type Composition = { svg: string; ctx: Ctx };

/** Framings: a wide shot with a low horizon and a small subject, up to a close one. */
const SHOTS = [
  { horizon: 0.56, scale: 0.8 },
  { horizon: 0.64, scale: 1 },
  { horizon: 0.72, scale: 1.3 },
] as const;

const UNSPOKEN_TIMES = ["day", "day", "sunset", "day", "dawn", "noon"] as const;

/** Settings a subject implies when the prompt names none: a lighthouse stands by the sea. */
function withDefaults(scene: SceneSpec, seed: number): SceneSpec {
  // No time named: the seed chooses the light, as a photographer would on another day.
  const time = scene.timeGiven
    ? scene.time
    : scene.time !== "day"
      ? scene.time
      : (UNSPOKEN_TIMES[seed % UNSPOKEN_TIMES.length] ?? "day");
  if (scene.settings.length > 0) return { ...scene, time };
  const implied: Partial<Record<SubjectKind, Setting[]>> = {
    lighthouse: ["sea", "cliff"],
    boat: ["sea"],
    astronaut: ["desert"],
    robot: ["city"],
    bird: ["field"],
    castle: ["field", "mountains"],
    deer: ["forest"],
    wolf: ["forest", "mountains"],
    bear: ["forest"],
    fox: ["forest"],
  };
  const kind = scene.subject?.kind;
  const settings = (kind && implied[kind]) ?? ["field"];
  return { ...scene, settings, time };
}

/** With no subject named, a small focal point that suits the place, or an abstract form. */
function focalFor(scene: SceneSpec, pick: <T>(items: readonly T[]) => T): SubjectKind | null {
  if (scene.subject) return scene.subject.kind;
  const s = new Set(scene.settings);
  if (s.has("street")) return pick(["person", "person", null] as const);
  if (s.has("interior") || s.has("city") || s.has("space")) return null;
  if (s.has("sea") && !s.has("cliff")) return pick(["boat", "boat", null] as const);
  if (s.has("cliff")) return "lighthouse";
  if (s.has("lake")) return pick(["boat", "boat", "tree", null] as const);
  if (s.has("forest") || s.has("mountains")) return pick(["house", "tree", null] as const);
  if (s.has("desert")) return "abstract";
  if (s.has("field")) return pick(["tree", "house", "tree"] as const);
  return "abstract";
}

/** Builds the whole picture as one SVG document, from the scene, size and seed. */
export function composeScene(
  sceneIn: SceneSpec,
  opts: {
    width: number;
    height: number;
    seed: number;
    prompt: string /** Rasterise at this size instead (pixel art draws small). */;
    drawAt?: { width: number; height: number };
  },
): Composition {
  const scene = withDefaults(sceneIn, mixSeeds(opts.seed >>> 0, 0x71e) % 997);
  const { width: w, height: h } = opts;
  const m = Math.min(w, h);
  const rng = createRng(mixSeeds(opts.seed >>> 0, hashString(opts.prompt)));
  const layout = rng.fork("layout");
  const settings = new Set(scene.settings);
  const subject = focalFor(scene, (items) => layout.pick(items));
  const wet = settings.has("sea") || settings.has("lake");

  // The seed frames the shot. Its parity picks the side, so consecutive seeds (a batch
  // of n images) always alternate left and right; the rest comes from the hash.
  const side: -1 | 1 = (opts.seed & 1) === 1 ? -1 : 1;
  const shot = layout.pick(SHOTS);
  const horizonShare = settings.has("street")
    ? layout.range(0.46, 0.58)
    : Math.min(0.78, shot.horizon + layout.range(-0.03, 0.03) + (wet ? -0.04 : settings.has("mountains") ? 0.03 : 0));
  const focusX = w * (side === -1 ? layout.range(0.26, 0.38) : layout.range(0.62, 0.74));
  const horizon = h * horizonShare;
  const pal = makePalette(scene, subject);
  const sunX = w * (side === -1 ? layout.range(0.6, 0.85) : layout.range(0.15, 0.4));
  const sunY = horizon - pal.sunHeight * horizon * 0.82 - m * 0.02;

  const ctx: Ctx = {
    w,
    h,
    m,
    scene,
    pal,
    defs: new Defs(),
    rng,
    horizon,
    focusX,
    side,
    sunX,
    sunY,
    subjectScale: shot.scale * layout.range(0.9, 1.1),
    drawn: { subjects: [], moon: null, sun: false, stars: false, aurora: false, clouds: 0, birds: 0 },
    has: (s) => settings.has(s),
    weather: (x) => scene.weather.includes(x),
  };
  const body = settings.has("interior")
    ? composeInterior(ctx, subject)
    : settings.has("street")
      ? composeStreet(ctx, subject)
      : settings.has("space") && !settings.has("desert")
        ? composeSpace(ctx, subject)
        : composeLandscape(ctx, subject);
  body.push(vignette(ctx), sketchMark(ctx));
  const content = body.join("");
  const out = opts.drawAt ?? { width: w, height: h };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${out.width}" height="${out.height}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none">${ctx.defs.toString()}${content}</svg>`;
  return { svg, ctx };
}
