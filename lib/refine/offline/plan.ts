import type { StyleSnapshot } from "@/lib/schemas/styles";
import type { IdeaAnalysis } from "./analyze";
import { pick } from "./hash";
import { buildLead, type Lead } from "./lead";
import { type Phrase, type Parts, phrase, phrasesOf } from "./parts";
import { finishFor, flatLight, keptFramingCamera, shotFraming, shotMedium } from "./shot-craft";
import {
  DEFAULT_LIGHT,
  DEFAULT_MEDIA,
  DEFAULT_PALETTES,
  EYES_DETAIL,
  GENERIC_DETAIL,
  MATERIAL_DETAIL,
  type Focus,
  focusOf,
  framingOptions,
  type MediumChoice,
  PLACE_DETAIL,
  QUALITY_TAGS,
  STUDIO_LIGHT,
  studioFramingOptions,
  SURFACE_DETAIL,
} from "./vocab/craft";
import { type MediumFamily, styleNames } from "./vocab/media";
import { STUDIO_PALETTES } from "./vocab/shots";
import { lightFor } from "./vocab/times";
import { contentWords } from "./words";

/**
 * Decides what to add to an idea: which medium, light, framing, palette and finish, from the
 * style preset when one is chosen, else from the idea's mood, time, place and subject.
 * Precedence, highest first: the idea's own words; then for light its time of day, weather
 * and mood (the mood adds an accent to the first two); for palette its mood, season and time;
 * then the style preset; then the defaults for its kind of subject and place.
 */
export type Plan = {
  analysis: IdeaAnalysis;
  seed: number;
  style?: StyleSnapshot;
  family: MediumFamily;
  lead: Lead;
  parts: Parts;
  /** Plain sentences about what the idea already said, so nothing was added for it. */
  kept: string[];
};

function chooseMedium(analysis: IdeaAnalysis, focus: Focus, seed: number): MediumChoice {
  const mood = analysis.moods[0];
  const pool =
    (analysis.genre && DEFAULT_MEDIA[analysis.genre]) ||
    (mood?.leaning === "illustration"
      ? DEFAULT_MEDIA.storybook
      : analysis.framing?.key === "portrait"
        ? DEFAULT_MEDIA.portrait
        : DEFAULT_MEDIA[focus]);
  const leaning = mood?.leaning;
  if (leaning === "photo" || leaning === "painting") {
    const matching = pool.find((m) => m.family === leaning);
    if (matching) return matching;
  }
  return pick(pool, seed, "medium");
}

const WEATHERED = /\b(rain|rain-beaded|wet|mud|muddy|snow|dust|dusty|puddles?)\b/i;

function subjectReference(analysis: IdeaAnalysis): string {
  return analysis.subject ? `the ${analysis.subject.head}` : "the main subject";
}

/** Two phrases share a telling word ("lamplight"), so saying both would repeat it. */
function overlaps(a: string, b: string): boolean {
  const weak = new Set(["light", "soft", "warm", "cool", "glow", "with", "low"]);
  const words = new Set(contentWords(a.toLowerCase()).filter((w) => !weak.has(w)));
  return contentWords(b.toLowerCase()).some((w) => words.has(w));
}

function lighting(
  analysis: IdeaAnalysis,
  style: StyleSnapshot | undefined,
  seed: number,
  family: MediumFamily,
  focus: Focus,
): Phrase[] {
  const { time, weather, place } = analysis;
  const mood = analysis.moods[0];
  // Weather and seasons happen outdoors, so an idea with no named place gets outdoor light.
  const placeKind = place?.entry.kind ?? (analysis.season || weather ? "nature" : undefined);
  if (time) {
    const main = lightFor(time, placeKind, weather?.group === "wet");
    const out = [phrase(main)];
    if (mood && !overlaps(main, mood.accent)) out.push(phrase(mood.accent));
    return out;
  }
  if (weather) {
    const out = [phrase(weather.light)];
    if (mood && !overlaps(weather.light, mood.accent)) out.push(phrase(mood.accent));
    return out;
  }
  if (mood) return [phrase(mood.light)];
  if (style) return phrasesOf(style.lighting);
  // Flat and pixel media are shaded, not lit like a room: no "soft natural window light".
  const flat = flatLight(analysis, family, seed);
  if (flat) return flat;
  if (analysis.studio) return [phrase(pick(STUDIO_LIGHT, seed, "light"))];
  // An animal with no named place is outdoors: no window light on a fox.
  const outdoors = focus === "animal" ? "nature" : "none";
  return [phrase(pick(DEFAULT_LIGHT[placeKind ?? outdoors], seed, "light"))];
}

/** A black-and-white preset's palette is the whole palette: the idea's hues would contradict it. */
export function isMonochrome(style: StyleSnapshot | undefined): boolean {
  return style !== undefined && /\b(monochrome|black-and-white)\b/i.test(style.palette);
}

function palette(analysis: IdeaAnalysis, style: StyleSnapshot | undefined, seed: number): Phrase[] | undefined {
  if (isMonochrome(style)) return undefined;
  const hues =
    analysis.moods[0]?.palette ??
    analysis.season?.palette ??
    analysis.time?.palette ??
    // The idea's own colours are its palette: no place or default palette is put beside them.
    (analysis.colors.length > 0 || analysis.studio ? undefined : analysis.place?.entry.palette) ??
    (style || analysis.colors.length > 0
      ? undefined
      : // A studio shot is against a plain backdrop: its palette is the backdrop's, not a place's.
        pick(
          analysis.studio ? STUDIO_PALETTES : DEFAULT_PALETTES[analysis.place?.entry.kind ?? "none"],
          seed,
          "palette",
        ));
  if (!hues) return undefined;
  return [
    { prose: hues.main, tag: `${hues.main} palette` },
    { prose: `accents of ${hues.accent}`, tag: `${hues.accent} accents`, glue: " with " },
  ];
}

/** Cel-shaded skin: flat tones and a crisp shadow edge, not a photograph's texture. */
const CEL_SKIN = "smooth cel-shaded skin with crisp shadow edges";

function detail(analysis: IdeaAnalysis, family: MediumFamily, focus: Focus, seed: number): Phrase[] {
  const finish = finishFor(analysis, family, seed);
  // Flat graphics have no surfaces or eyes to render, only their own finish.
  if (family === "graphic") return [phrase("clean vector shapes"), phrase("crisp flat color")];
  // Pixel, flat and minimalist pictures have no skin, fur or intricacy to render either.
  if (family === "pixel" || analysis.shot.flat || analysis.shot.minimal) return [phrase(finish)];
  const surface = analysis.subject?.entry.surface;
  // A studio shot has no place to detail: its object's material is what shows.
  const base = surface
    ? surface === "skin" && analysis.shot.cel
      ? CEL_SKIN
      : surface === "material"
        ? pick(MATERIAL_DETAIL, seed, "detail")
        : SURFACE_DETAIL[surface]
    : analysis.studio
      ? SURFACE_DETAIL.material
      : analysis.place
        ? PLACE_DETAIL[analysis.place.entry.kind]
        : pick(GENERIC_DETAIL, seed, "detail");
  const eyes = (focus === "animal" || focus === "person") && surface !== "translucent" ? [phrase(EYES_DETAIL)] : [];
  // The medium's finish or the surface closes, by the idea's hash, so prompts do not all end alike.
  return pick([0, 1], seed, "finish-order") === 0
    ? [phrase(base), ...eyes, phrase(finish)]
    : [...eyes, phrase(finish), phrase(base)];
}

/** What the picture is mostly of: booru people tags are people, a studio shot is an object. */
function focusFor(analysis: IdeaAnalysis): Focus {
  const kind = analysis.subject?.entry.kind;
  if (!analysis.subject && analysis.people) return "person";
  // "a still life of pears": objects on a table, never a landscape with a far horizon.
  if (/\bstill[- ]life\b/i.test(analysis.idea)) return "object";
  if (analysis.studio && kind !== "person" && kind !== "animal" && kind !== "creature") return "object";
  return focusOf(kind, analysis.place?.entry.kind, analysis.subject?.entry.wide);
}

export function buildPlan(analysis: IdeaAnalysis, style: StyleSnapshot | undefined, seed: number): Plan {
  const focus = focusFor(analysis);
  const kept: string[] = [];
  const parts: Parts = {};

  let family: MediumFamily;
  if (analysis.people && !analysis.medium && !style) {
    // "1girl, red hood": a booru tag prompt; its checkpoint sets the look, so no medium is forced on it.
    family = "illustration";
    kept.push("Added no medium: a booru tag prompt's checkpoint decides its look.");
  } else if (analysis.medium) {
    family = analysis.medium.family;
    kept.push(
      style
        ? `Kept the idea's own medium (${analysis.medium.name}) rather than the ${style.label} preset's.`
        : `Kept the idea's own medium (${analysis.medium.name}), so no other was added.`,
    );
  } else if (style) {
    family = styleNames(style).family;
    parts.medium = [phrase(style.medium)];
  } else {
    // The idea's shot words ("macro shot", "in a white studio", "pixel") choose the kind of medium.
    const choice = shotMedium(analysis, focus, seed) ?? chooseMedium(analysis, focus, seed);
    family = choice.family;
    parts.medium = [phrase(choice.medium)];
  }
  // A preset's camera and finish assume its own medium; if the idea named another kind, use ours.
  const styleFits = style !== undefined && styleNames(style).family === family;

  if (analysis.light) kept.push(`Kept the idea's own lighting (${analysis.light}), so no other was added.`);
  else if (family !== "graphic") parts.lighting = lighting(analysis, style, seed, family, focus);

  const viewFraming = shotFraming(analysis, seed);
  if (analysis.framing) {
    kept.push(`Kept the idea's own framing (${analysis.framing.key}).`);
    const camera = keptFramingCamera(analysis, family, seed);
    if (camera) parts.composition = camera.map((p) => phrase(p));
  } else if (viewFraming && family !== "graphic") parts.composition = viewFraming.map((p) => phrase(p));
  else if (analysis.lens && family !== "graphic") {
    kept.push(`Kept the idea's own lens (${analysis.lens}), so no other camera or framing was added.`);
  } else if (style && styleFits) parts.composition = phrasesOf(style.camera);
  else {
    const options =
      analysis.studio && family !== "graphic" ? studioFramingOptions(family) : framingOptions(family, focus);
    parts.composition = pick(options, seed, "framing").map((p) =>
      phrase(p.replace("{subject}", subjectReference(analysis))),
    );
  }

  const hues = palette(analysis, style, seed);
  if (hues) parts.palette = hues;
  else if (analysis.colors.length > 0 && !style) {
    kept.push(`Kept the idea's own colours (${analysis.colors.join(", ")}), so no palette was added.`);
  }
  if (style) {
    if (hues) parts.paletteExtra = phrasesOf(style.palette);
    else parts.palette = phrasesOf(style.palette);
  }

  parts.detail = style && styleFits ? phrasesOf(style.detail) : detail(analysis, family, focus, seed);

  // A logo or icon is flat shapes: no fur, eyes, weather or setting to describe; a minimalist idea is few shapes.
  const flat = family === "graphic";
  const bare = flat || analysis.shot.minimal;
  const ownDetail = bare ? undefined : analysis.subject?.entry.detail;
  // In a studio there is no weather: "rain-beaded paint" belongs outdoors.
  const subjectDetail = analysis.studio && ownDetail && WEATHERED.test(ownDetail) ? undefined : ownDetail;
  if (subjectDetail) parts.subjectDetail = [phrase(subjectDetail)];
  const placeDetail = bare || analysis.studio ? undefined : analysis.place?.entry.detail;
  if (placeDetail && !(subjectDetail && overlaps(subjectDetail, placeDetail)))
    parts.settingDetail = [phrase(placeDetail)];

  const atmosphere = flat
    ? []
    : [analysis.weather?.atmosphere, analysis.season?.atmosphere].filter((a): a is string => !!a);
  if (atmosphere.length > 0) parts.atmosphere = atmosphere.map((a) => phrase(a));

  const mood = analysis.moods[0];
  if (mood) parts.feel = [{ prose: mood.feel, tag: `${mood.feel} atmosphere` }];

  // "Highly detailed" would undo a flat logo's, a pixel sprite's or a minimalist poster's simplicity.
  const simple = flat || family === "pixel" || analysis.shot.flat || analysis.shot.minimal;
  parts.quality = QUALITY_TAGS.filter((q) => !(simple && q === "highly detailed")).map((q) => phrase(q));

  return { analysis, seed, style, family, lead: buildLead(analysis, seed), parts, kept };
}
