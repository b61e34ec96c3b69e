import { capitalize, joinAnd, polishProse, withArticle } from "./english";
import { pick } from "./hash";
import type { Phrase } from "./parts";
import type { Plan } from "./plan";
import type { MediumFamily } from "./vocab/media";

/**
 * The prose dialect: two to four sentences that read like a person wrote them. The first is
 * the idea itself; then mood and light; then medium, framing and palette; then finish. Each
 * sentence has a few shapes and the idea's hash picks one, so prompts don't all read alike.
 */

export function joined(phrases: readonly Phrase[] | undefined): string | undefined {
  if (!phrases || phrases.length === 0) return undefined;
  return phrases.map((p, i) => (i === 0 ? p.prose : `${p.glue ?? ", "}${p.prose}`)).join("");
}

/** The verb a prose prompt introduces its medium with: "Captured as a photograph". */
export const VERB: Record<MediumFamily, string> = {
  photo: "Captured",
  painting: "Rendered",
  drawing: "Drawn",
  illustration: "Rendered",
  render: "Rendered",
  pixel: "Rendered",
  graphic: "Designed",
};

function opening(plan: Plan): string {
  return [plan.lead.text, joined(plan.parts.subjectDetail), joined(plan.parts.settingDetail)]
    .filter(Boolean)
    .join(", ");
}

function moodAndLight(plan: Plan): string | undefined {
  const mood = plan.lead.moodText;
  const feel = joined(plan.parts.feel);
  const light = joined(plan.parts.lighting);
  const air = joined(plan.parts.atmosphere);
  const withAir = (s: string) => (air ? `${s}, ${air}` : s);
  const shape = pick([0, 1, 2], plan.seed, "s2");

  if (mood && light) {
    const moodWords = feel ? `${mood} and ${feel}` : mood;
    if (shape === 0) return withAir(`${capitalize(moodWords)}, lit by ${light}`);
    if (shape === 1) return withAir(`The mood is ${moodWords}, with ${light}`);
    return `${capitalize(withAir(light))}, for ${withArticle(feel ? `${mood}, ${feel}` : mood)} mood`;
  }
  if (light) {
    if (feel) {
      return shape === 1
        ? `${capitalize(withAir(light))}, and the whole scene feels ${feel}`
        : `Lit by ${withAir(light)}, the scene feels ${feel}`;
    }
    return shape === 1 ? capitalize(withAir(light)) : `Lit by ${withAir(light)}`;
  }
  if (mood) return withAir(`The mood is ${feel ? `${mood} and ${feel}` : mood}`);
  if (feel) return withAir(`The scene feels ${feel}`);
  return air ? capitalize(air) : undefined;
}

function craft(plan: Plan): string | undefined {
  const medium = plan.parts.medium?.[0] ? withArticle(joined(plan.parts.medium) as string) : undefined;
  const framing = joined(plan.parts.composition);
  const hues = joined(plan.parts.palette);
  const extra = joined(plan.parts.paletteExtra);
  const palette = hues ? `in ${hues}${extra ? `, ${extra}` : ""}` : undefined;
  const shape = pick([0, 1, 2], plan.seed, "s3");

  // The palette follows the medium without a comma when nothing stands between them.
  const mediumWithPalette = medium && palette ? `${medium} ${palette}` : (medium ?? palette);
  let pieces: (string | undefined)[];
  if (shape === 2 && framing) pieces = [framing, mediumWithPalette];
  else if (shape === 1 && medium) {
    const lead = `${VERB[plan.family]} as ${medium}`;
    pieces = framing ? [lead, framing, palette] : [palette ? `${lead} ${palette}` : lead];
  } else pieces = framing ? [medium, framing, palette] : [mediumWithPalette];
  const sentence = pieces.filter(Boolean).join(", ");
  return sentence ? capitalize(sentence) : undefined;
}

/** The finishing details as one list, the way the last sentence says them. */
export function finishList(plan: Plan): string | undefined {
  const detail = plan.parts.detail?.map((p) => p.prose);
  if (!detail || detail.length === 0) return undefined;
  // A phrase with its own "and" would make "a and b and c": commas read better then.
  return detail.some((d) => / and /.test(d)) ? detail.join(", ") : joinAnd(detail);
}

function finish(plan: Plan): string | undefined {
  const list = finishList(plan);
  if (!list) return undefined;
  // A flat graphic, a pixel sprite or a minimalist picture has a finish, not "rich detail".
  const { flat, minimal } = plan.analysis.shot;
  const simple = plan.family === "graphic" || plan.family === "pixel" || flat || minimal;
  const shape = pick(simple ? [0, 1] : [0, 1, 2], plan.seed, "s4");
  if (shape === 1) return `Finished with ${list}`;
  if (shape === 2) return `Rich detail throughout, with ${list}`;
  return capitalize(list);
}

export function composeProse(plan: Plan): string {
  const sentences = [opening(plan), moodAndLight(plan), craft(plan), finish(plan)].filter(
    (s): s is string => !!s && s.trim().length > 0,
  );
  const text = sentences.map((s) => `${s}.`).join(" ");
  if (!plan.lead.verbatim) return polishProse(text);
  // Prompt syntax leads as typed ("(masterpiece:1.2), 1girl"): only what follows it is polished.
  const lead = plan.lead.text;
  const rest = text.slice(lead.length);
  const comma = /^,\s*/.exec(rest);
  if (comma) {
    const polished = polishProse(rest.slice(comma[0].length));
    return `${lead}, ${polished.charAt(0).toLowerCase()}${polished.slice(1)}`;
  }
  const after = rest.replace(/^\.\s*/, "");
  if (!after.trim()) return lead;
  return `${lead}${/[.!?]$/.test(lead) ? "" : "."} ${polishProse(after)}`;
}
