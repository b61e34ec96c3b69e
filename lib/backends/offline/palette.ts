import { adjust, darken, fromHsl, hex, hsl, lighten, mix, type Rgb, toHsl } from "./color";
import type { ColorWord, SceneSpec, SubjectKind, TimeOfDay } from "./scene-types";

/** Every colour the composer paints with, already lit for the time of day and graded for the mood. */
export type Palette = {
  skyTop: Rgb;
  skyMid: Rgb;
  skyHorizon: Rgb;
  celestial: "sun" | "moon" | "none";
  /** 0 on the horizon, 1 overhead. */
  sunHeight: number;
  sun: Rgb;
  glow: Rgb;
  cloud: Rgb;
  cloudShade: Rgb;
  star: Rgb;
  /** Land lit and faded for its depth: far → near. */
  land: (base: Rgb, depth: number) => Rgb;
  /** A colour lit for the scene (no depth fade). */
  lit: (base: Rgb) => Rgb;
  water: Rgb;
  waterDeep: Rgb;
  accent: Rgb;
  accent2: Rgb;
  subject: Rgb;
  /** Warm light from windows, lamps and lanterns. */
  lamp: Rgb;
  fog: Rgb;
  ink: Rgb;
  /** 0 in full daylight, 1 at night: how much artificial lights should glow. */
  darkness: number;
  neon: boolean;
};

type Light = {
  skyTop: string;
  skyMid: string;
  skyHorizon: string;
  sun: string;
  glow: string;
  celestial: Palette["celestial"];
  sunHeight: number;
  /** Multiplies land lightness. */
  level: number;
  tint: string;
  tintAmount: number;
  cloud: string;
  darkness: number;
};

const LIGHTS: Record<TimeOfDay, Light> = {
  night: {
    skyTop: "#060a1c",
    skyMid: "#111a3e",
    skyHorizon: "#26386a",
    sun: "#f6f1dc",
    glow: "#7f95d6",
    celestial: "moon",
    sunHeight: 0.72,
    level: 0.3,
    tint: "#1c2a5c",
    tintAmount: 0.45,
    cloud: "#2c3660",
    darkness: 1,
  },
  dusk: {
    skyTop: "#1b2052",
    skyMid: "#4e3f80",
    skyHorizon: "#e0909a",
    sun: "#fbe3c4",
    glow: "#d88aa0",
    celestial: "moon",
    sunHeight: 0.55,
    level: 0.5,
    tint: "#4a3d7a",
    tintAmount: 0.35,
    cloud: "#6a5a8e",
    darkness: 0.75,
  },
  sunset: {
    skyTop: "#2b3c7c",
    skyMid: "#c65a74",
    skyHorizon: "#ffb25e",
    sun: "#fff0b8",
    glow: "#ff8a45",
    celestial: "sun",
    sunHeight: 0.1,
    level: 0.68,
    tint: "#c8503a",
    tintAmount: 0.25,
    cloud: "#e07a6e",
    darkness: 0.45,
  },
  dawn: {
    skyTop: "#7491cc",
    skyMid: "#e6b4c4",
    skyHorizon: "#ffe0ae",
    sun: "#fff6d8",
    glow: "#ffc88c",
    celestial: "sun",
    sunHeight: 0.14,
    level: 0.82,
    tint: "#e8a0a8",
    tintAmount: 0.16,
    cloud: "#f4c6c6",
    darkness: 0.2,
  },
  day: {
    skyTop: "#4a8bd6",
    skyMid: "#8cc0ec",
    skyHorizon: "#d8edf8",
    sun: "#fffbea",
    glow: "#fff2c2",
    celestial: "sun",
    sunHeight: 0.62,
    level: 1,
    tint: "#fff4d6",
    tintAmount: 0.06,
    cloud: "#ffffff",
    darkness: 0,
  },
  noon: {
    skyTop: "#2a7ae2",
    skyMid: "#69b0f4",
    skyHorizon: "#cfe9ff",
    sun: "#ffffff",
    glow: "#fff8d0",
    celestial: "sun",
    sunHeight: 0.88,
    level: 1.08,
    tint: "#fff8e0",
    tintAmount: 0.05,
    cloud: "#ffffff",
    darkness: 0,
  },
};

export const COLOR_HUES: Record<ColorWord, { h: number; s: number; l: number }> = {
  red: { h: 2, s: 0.78, l: 0.5 },
  orange: { h: 24, s: 0.85, l: 0.55 },
  amber: { h: 38, s: 0.9, l: 0.55 },
  yellow: { h: 50, s: 0.9, l: 0.6 },
  gold: { h: 44, s: 0.8, l: 0.55 },
  green: { h: 125, s: 0.5, l: 0.42 },
  teal: { h: 175, s: 0.6, l: 0.4 },
  cyan: { h: 188, s: 0.8, l: 0.5 },
  blue: { h: 218, s: 0.7, l: 0.5 },
  purple: { h: 275, s: 0.5, l: 0.5 },
  pink: { h: 335, s: 0.7, l: 0.68 },
  brown: { h: 25, s: 0.45, l: 0.32 },
  white: { h: 210, s: 0.1, l: 0.92 },
  black: { h: 230, s: 0.1, l: 0.1 },
};

const SUBJECT_COLORS: Record<SubjectKind, string> = {
  fox: "#d9622b",
  cat: "#3b3438",
  dog: "#a8733f",
  wolf: "#8b919c",
  deer: "#9a6a42",
  horse: "#6e4630",
  bear: "#5a3e2c",
  bird: "#34344a",
  person: "#b8433a",
  astronaut: "#eceff3",
  robot: "#9aa6b4",
  house: "#c98f5e",
  lighthouse: "#f2eee6",
  castle: "#8f8c9c",
  tree: "#3f7a4a",
  boat: "#8a5434",
  abstract: "#f2c14e",
};

const has = <T>(list: readonly T[], item: T) => list.includes(item);

/** Grading applied to every colour: the tones and moods of the prompt, as one function. */
function makeGrade(scene: SceneSpec): (c: Rgb) => Rgb {
  const hueWord = scene.colors.find((c) => c !== "white" && c !== "black");
  const target = hueWord ? COLOR_HUES[hueWord] : undefined;
  // "A red fox" asks for a red fox, not a red night: a colour bound to the subject tints the scene only lightly.
  const tintAmount = hueWord && hueWord === scene.subject?.color && scene.colors.length === 1 ? 0.1 : 0.32;
  const { tones, moods } = scene;
  return (c0) => {
    let c = c0;
    if (target) {
      // Colourise while keeping lightness, so "red" shifts the hue but not the time of day.
      const x = toHsl(c);
      const tinted = fromHsl({ h: target.h, s: Math.max(x.s, target.s * 0.7), l: x.l });
      c = mix(c, tinted, tintAmount);
    }
    if (has(moods, "cozy")) c = mix(c, fromHsl({ h: 32, s: 0.7, l: toHsl(c).l }), 0.14);
    if (has(moods, "eerie"))
      c = adjust(mix(c, fromHsl({ h: 190, s: 0.35, l: toHsl(c).l }), 0.22), { sat: 0.75, light: -0.03 });
    if (has(moods, "calm")) c = adjust(c, { sat: 0.92 });
    if (has(tones, "vibrant") || has(tones, "neon")) c = adjust(c, { sat: 1.3 });
    if (has(tones, "muted")) c = adjust(c, { sat: 0.55 });
    if (has(tones, "pastel")) {
      const x = toHsl(c);
      c = fromHsl({ h: x.h, s: x.s * 0.6, l: 0.42 + x.l * 0.52 });
    }
    if (has(tones, "sepia")) {
      const x = toHsl(c);
      c = fromHsl({ h: 34, s: 0.32, l: x.l });
    }
    if (has(tones, "monochrome")) {
      const x = toHsl(c);
      // "Monochrome blue" is a duotone; plain monochrome is grey.
      c = fromHsl({ h: target?.h ?? 0, s: target ? 0.28 : 0, l: x.l });
    }
    return c;
  };
}

export function makePalette(scene: SceneSpec, focal: SubjectKind | null = scene.subject?.kind ?? null): Palette {
  const light = LIGHTS[scene.time];
  const grade = makeGrade(scene);
  const stormy = has(scene.weather, "storm");
  const overcast = stormy || has(scene.weather, "rain") || has(scene.weather, "clouds");
  const foggy = has(scene.weather, "fog");
  const snowy = has(scene.weather, "snow");
  const eerie = has(scene.moods, "eerie");

  // Rain and storms flatten the sky toward grey and dim everything.
  const grey = hex("#7d8594");
  const dull = (c: Rgb, k: number) => (overcast ? mix(c, darken(grey, stormy ? 0.35 : 0.1), k) : c);
  let skyTop = dull(hex(light.skyTop), stormy ? 0.55 : 0.3);
  let skyMid = dull(hex(light.skyMid), stormy ? 0.5 : 0.3);
  // A storm at sunset still glows low down, under the cloud.
  let skyHorizon = dull(hex(light.skyHorizon), stormy ? (light.celestial === "sun" ? 0.2 : 0.4) : 0.25);
  if (foggy) {
    skyMid = mix(skyMid, skyHorizon, 0.5);
    skyTop = mix(skyTop, skyHorizon, 0.25);
  }
  if (snowy && scene.time !== "night") skyHorizon = lighten(skyHorizon, 0.25);

  const level = light.level * (stormy ? 0.7 : overcast ? 0.88 : 1) * (eerie ? 0.85 : 1);
  const tint = hex(light.tint);
  const lit = (base: Rgb): Rgb => {
    const x = toHsl(base);
    // Pale surfaces (snow, plaster) hold light in the dark: moonlit snow still reads as snow.
    const keep = level < 1 ? (1 - level) * x.l ** 3 * 0.55 : 0;
    const dimmed = fromHsl({
      h: x.h,
      s: x.s * (0.55 + 0.45 * Math.min(1, level)),
      l: Math.min(0.97, x.l * (level + keep)),
    });
    return grade(mix(dimmed, tint, light.tintAmount));
  };
  const haze = foggy ? 0.85 : overcast ? 0.6 : 0.5;
  const horizonGraded = grade(skyHorizon);
  const land = (base: Rgb, depth: number) => mix(lit(base), horizonGraded, Math.min(0.92, depth * haze));

  const hueWord = scene.colors.find((c) => c !== "white" && c !== "black");
  const neon = has(scene.tones, "neon");
  const accentBase = hueWord
    ? hsl(COLOR_HUES[hueWord].h, Math.max(COLOR_HUES[hueWord].s, 0.7), 0.55)
    : neon
      ? hex("#ff2fa8")
      : hex("#ffb347");
  const subjectWord = scene.subject?.color;
  const subjectBase = subjectWord
    ? hsl(COLOR_HUES[subjectWord].h, COLOR_HUES[subjectWord].s, COLOR_HUES[subjectWord].l)
    : hex(SUBJECT_COLORS[focal ?? "abstract"]);
  const lampBase = neon ? hex("#ffd36e") : has(scene.moods, "eerie") ? hex("#cfe6a8") : hex("#ffc46b");

  return {
    skyTop: grade(skyTop),
    skyMid: grade(skyMid),
    skyHorizon: horizonGraded,
    celestial: stormy || has(scene.weather, "rain") ? "none" : light.celestial,
    sunHeight: light.sunHeight,
    sun: grade(hex(light.sun)),
    glow: grade(hex(light.glow)),
    cloud: grade(stormy ? mix(hex(light.cloud), hex("#525a6e"), 0.75) : dull(hex(light.cloud), 0.4)),
    cloudShade: grade(stormy ? mix(hex(light.cloud), hex("#2c3242"), 0.8) : darken(dull(hex(light.cloud), 0.5), 0.25)),
    star: grade(hex("#fff7e0")),
    land,
    lit,
    water: land(hex("#2f6fa0"), 0.25),
    waterDeep: lit(hex("#1b4568")),
    // Accents keep their saturation through the grade: they are what the prompt asked to see.
    accent: neon ? accentBase : grade(accentBase),
    accent2: neon ? hex("#27e3ff") : grade(adjust(accentBase, { hue: 150 })),
    subject: mix(lit(subjectBase), grade(subjectBase), 0.45),
    lamp: grade(lampBase),
    fog: grade(lighten(skyHorizon, scene.time === "night" ? 0.1 : 0.3)),
    ink: grade(mix(hex("#12131f"), hex(light.skyTop), 0.3)),
    darkness: Math.min(1, light.darkness + (stormy ? 0.35 : overcast ? 0.15 : 0)),
    neon,
  };
}
