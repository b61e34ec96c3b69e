import { getStyle, type StylePreset } from "@/lib/styles";
import type { CandidateDirection } from "../types";
import { hashString, pick } from "./hash";
import { phrase } from "./parts";
import { buildPlan, type Plan } from "./plan";
import {
  BOLD_ACCENTS,
  BOLD_ART_FRAMING,
  BOLD_LENS_FRAMING,
  BOLD_LIGHTS,
  BOLD_PALETTES,
  REIMAGINED_STYLES,
} from "./vocab/bold";
import { type MediumFamily, STYLE_NAMES, styleNames } from "./vocab/media";

/**
 * What a bolder candidate changes, and what it falls back to when the idea already fixes
 * that thing (an idea that names its medium cannot be reimagined in another): every bold
 * candidate must differ from the faithful one.
 */
export type BoldKind = "dramatic-light" | "unexpected-camera" | "reimagined-medium";

const KINDS: readonly BoldKind[] = ["dramatic-light", "unexpected-camera", "reimagined-medium"];

const FALLBACKS: Record<BoldKind, readonly BoldKind[]> = {
  "dramatic-light": ["dramatic-light", "unexpected-camera", "reimagined-medium"],
  "unexpected-camera": ["unexpected-camera", "dramatic-light", "reimagined-medium"],
  "reimagined-medium": ["reimagined-medium", "unexpected-camera", "dramatic-light"],
};

/** The kinds to try in order for a direction; none for the faithful one. */
export function boldKinds(direction: CandidateDirection | undefined): readonly BoldKind[] {
  if (!direction || direction.id === "faithful") return [];
  const known = KINDS.find((k) => k === direction.id);
  // A direction we have no recipe for still gets a bold treatment, chosen by its id.
  return FALLBACKS[known ?? (pick(KINDS, hashString(direction.id), "kind") as BoldKind)];
}

/**
 * What a bold candidate draws its choices with: the idea's seed, and the direction's place in
 * the list, so two candidates that fall back to the same kind still pick different options.
 */
export type BoldSeed = { seed: number; offset: number };

const DIRECTION_IDS = ["faithful", ...KINDS];

export function boldSeed(seed: number, direction: CandidateDirection): BoldSeed {
  const index = DIRECTION_IDS.indexOf(direction.id);
  return { seed, offset: index >= 0 ? index : hashString(direction.id) % 7 };
}

function choose<T>(options: readonly T[], at: BoldSeed, salt: string): T {
  return options[(hashString(`${at.seed}:${salt}`) + at.offset) % options.length] as T;
}

export function boldPalette(at: BoldSeed): { main: string; accent: string } {
  return choose(BOLD_PALETTES, at, "bold-palette");
}

export function boldLight(at: BoldSeed, accentOnly: boolean): string {
  return choose(accentOnly ? BOLD_ACCENTS : BOLD_LIGHTS, at, "bold-light");
}

export function boldFraming(at: BoldSeed, family: MediumFamily, subject: string): string[] {
  const lensy = family === "photo" || family === "render";
  return choose(lensy ? BOLD_LENS_FRAMING : BOLD_ART_FRAMING, at, "bold-framing").map((p) =>
    p.replace("{subject}", subject),
  );
}

/** Another preset, of another family than the current medium where possible. */
/** `exclude`: presets the candidate may not take (a monochrome one when a palette was just asked for). */
export function reimaginedStyle(
  at: BoldSeed,
  family: MediumFamily,
  current?: string,
  exclude: readonly string[] = [],
): StylePreset | undefined {
  const others = REIMAGINED_STYLES.filter((id) => id !== current && !exclude.includes(id));
  const unlike = others.filter((id) => STYLE_NAMES[id].family !== family);
  return getStyle(choose(unlike.length > 0 ? unlike : others, at, "bold-medium"));
}

function subjectReference(plan: Plan): string {
  return plan.analysis.subject ? `the ${plan.analysis.subject.head}` : "the main subject";
}

function applyKind(plan: Plan, kind: BoldKind, seed: BoldSeed): { plan: Plan; note: string } | undefined {
  const { analysis } = plan;
  if (kind === "dramatic-light") {
    if (plan.family === "graphic") return undefined;
    const parts = { ...plan.parts };
    const hues = boldPalette(seed);
    parts.palette = [
      { prose: hues.main, tag: `${hues.main} palette` },
      { prose: `accents of ${hues.accent}`, tag: `${hues.accent} accents`, glue: " with " },
    ];
    delete parts.paletteExtra;
    let light: string | undefined;
    if (!analysis.light) {
      const keep = analysis.time || analysis.weather ? parts.lighting?.[0] : undefined;
      light = boldLight(seed, keep !== undefined);
      parts.lighting = keep ? [keep, phrase(light)] : [phrase(light)];
    }
    const said = light ? `dramatic light ("${light}") and a bold palette` : "a bold palette";
    return { plan: { ...plan, parts }, note: `Took it bolder: ${said} of ${hues.main}.` };
  }
  if (kind === "unexpected-camera") {
    if (analysis.framing || plan.family === "graphic") return undefined;
    const framing = boldFraming(seed, plan.family, subjectReference(plan));
    return {
      plan: { ...plan, parts: { ...plan.parts, composition: framing.map((f) => phrase(f)) } },
      note: `Took it bolder: an unexpected composition (${framing.join(", ")}).`,
    };
  }
  if (analysis.medium) return undefined;
  const style = reimaginedStyle(seed, plan.family, plan.style?.id);
  if (!style) return undefined;
  const next = buildPlan(analysis, style, plan.seed);
  return {
    plan: { ...next, lead: plan.lead },
    note: `Took it bolder: reimagined the medium as ${styleNames(style).short} (the ${style.label} preset).`,
  };
}

/** The plan a bolder candidate is composed from, with a note saying what it changed. */
export function directPlan(plan: Plan, direction: CandidateDirection | undefined): { plan: Plan; note?: string } {
  for (const kind of boldKinds(direction)) {
    const done = applyKind(plan, kind, boldSeed(plan.seed, direction as CandidateDirection));
    if (done) return done;
  }
  return { plan };
}
