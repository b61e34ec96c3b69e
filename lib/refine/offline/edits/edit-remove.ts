import { PART_WORDS } from "../../anatomy";
import { plainWords } from "../syntax";
import { type Token, tokenize } from "../tokens";
import { EYES_DETAIL, SURFACE_DETAIL } from "../vocab/craft";
import { DETERMINERS, isContentWord, PREPOSITIONS } from "../words";
import { type EditContext, quote } from "./context";
import { EMPTY, emptyPlaceAfter, findTarget, isParticiple, JOINERS, trimGlue } from "./cut-words";
import { dependentsOf, isDerivedAdjective } from "./dependents";
import { allSegments, everySegment, openingRun, type Segment } from "./doc";
import { removeSegment } from "./doc-ops";
import {
  dropParticiple,
  emptyTheRest,
  ideaParticiples,
  isOnly,
  LEAD_IN,
  otherSubjects,
  passLeadIns,
} from "./remove-leftovers";

/**
 * "remove the snow", "without people", "no text": the thing goes, with the words that held it
 * ("in deep snow", "a curl of steam rising") and the things that only exist because of it
 * (snow's powder drifts), and in the tags dialect it joins the negative prompt. A clause that
 * was about the thing goes whole, so no fragment like "a curl of over a glossy crema" is left.
 */

/** Nouns that measure out what follows "of": "a curl of steam" is steam, and goes with it. */
const MEASURES = new Set(
  "curl curls wisp wisps plume plumes cloud clouds puff puffs trail trails column columns swirl swirls drift drifts blanket dusting layer layers sheet sheets flurry flurries veil veils ribbon ribbons spray tendril tendrils pool pools patch patches fleck flecks speck specks bead beads drop drops shaft shafts burst bursts bank banks carpet".split(
    " ",
  ),
);

/** Words that only cling to what follows them: "covered in snow", "laden with fruit". */
const CLINGING = /^(?:\w+ed|laden|heavy|thick|full|rich|slick|wet|white)$/;

/** Prepositions a movement takes ("rising from the cup", "drifting over the crema"). */
const MOTION = new Set("from off out over into above around up through across".split(" "));

/** A span of tokens to cut, and whether it was what the clause is about (its opening noun phrase). */
type Cut = { from: number; to: number; head: boolean; insert?: string };

/** The target with what depends on it in the clause: its article and adjectives, its measure, its verb. */
function expand(tokens: readonly Token[], hit: { start: number; end: number }): Cut {
  let from = hit.start;
  let to = hit.end;
  const back = () => {
    let adjectives = 0;
    while (from > 0) {
      const prev = tokens[from - 1] as Token;
      if (DETERMINERS.has(prev.lower)) from--;
      else if (isContentWord(prev.text) && !PREPOSITIONS.has(prev.lower) && adjectives < 2) {
        adjectives++;
        from--;
      } else break;
    }
  };
  back();
  // "a curl of steam": the measure is the steam's.
  if (tokens[from - 1]?.lower === "of" && MEASURES.has(tokens[from - 2]?.lower ?? "")) {
    from -= 2;
    back();
  }
  const head = from === 0;
  const prev = tokens[from - 1];
  // "of a cat asleep on a windowsill", "A cat on a windowsill": the windowsill stays, empty.
  const still = isParticiple(tokens[to]) ? to + 1 : to;
  const place = emptyPlaceAfter(tokens, still);
  if (place >= 0 && (head || prev?.lower === "of")) return { from, to: place, head, insert: EMPTY };
  if (prev && (PREPOSITIONS.has(prev.lower) || prev.lower === "of" || JOINERS.has(prev.lower))) {
    from--;
    // "covered in snow": the clinging word has nothing left to say.
    const before = tokens[from - 1];
    if (before && CLINGING.test(before.lower) && PREPOSITIONS.has(prev.lower)) from--;
  }
  // "steam rising": the movement goes with the thing that moves, and "from it" with the movement;
  // "from a cup" stays, since the cup is a thing of its own.
  if (isParticiple(tokens[to])) {
    to++;
    if (MOTION.has(tokens[to]?.lower ?? "") && /^(it|them)$/.test(tokens[to + 1]?.lower ?? "")) to += 2;
  }
  // "cats and dogs" minus cats: take the joiner after instead of before.
  const before = tokens[from];
  const after = tokens[to];
  if (after && JOINERS.has(after.lower) && !(before && (JOINERS.has(before.lower) || PREPOSITIONS.has(before.lower))))
    to++;
  return { from, to, head };
}

/** One word that describes rather than names ("snowy", "frosted", "snow-covered"): only the word goes. */
function isAdjective(target: string): boolean {
  return !/\s/.test(target.trim()) && /(?:y|ed|ing)$|-/.test(target.trim().toLowerCase());
}

/** The first place `target` (or an adjective made of it, "snowy") stands in the tokens. */
function locate(tokens: readonly Token[], target: string): Cut | undefined {
  const describing = isAdjective(target);
  const hit = describing ? undefined : findTarget(tokens, target);
  if (hit) return expand(tokens, hit);
  const adjective = tokens.findIndex(
    (t) => isDerivedAdjective(t.lower, target) || (describing && t.lower === target.toLowerCase()),
  );
  if (adjective < 0) return undefined;
  const next = tokens[adjective + 1];
  return { from: adjective, to: adjective + (next && JOINERS.has(next.lower) ? 2 : 1), head: false };
}

/**
 * The text without the target and what depended on it, or undefined when the target is not
 * there. `whole` is true when the text was about the target, so all of it should go.
 */
export function cutTarget(
  text: string,
  target: string,
): { text: string; whole: boolean; atStart: boolean } | undefined {
  let out = text;
  let whole = false;
  let found = false;
  let atStart = false;
  let atEnd = false;
  // Several mentions ("snow" twice) all go; the bound only guards against a cut that removes nothing.
  for (let round = 0; round < 8; round++) {
    const tokens = tokenize(out);
    const cut = locate(tokens, target);
    if (!cut) break;
    found = true;
    if (cut.head) whole = true;
    const startChar = tokens[cut.from]?.start ?? 0;
    const endChar = tokens[cut.to - 1]?.end ?? out.length;
    atStart ||= cut.from === 0;
    atEnd ||= cut.to >= tokens.length;
    const insert = cut.insert ? ` ${cut.insert} ` : " ";
    out = `${out.slice(0, startChar)}${insert}${out.slice(endChar)}`.replace(/\s+/g, " ").replace(/\s+([,;])/g, "$1");
  }
  if (!found) return undefined;
  return { text: trimGlue(out, atStart, atEnd, whole), whole, atStart };
}

/** The text without the target and the glue that held it (kept for callers that only want the text). */
export function cutPhrase(text: string, target: string): string | undefined {
  return cutTarget(text, target)?.text;
}

/** Cuts the target and its dependents out of one segment. Returns what was cut, if anything. */
function cutSegment(
  seg: Segment,
  targets: readonly string[],
  opening: readonly Segment[],
): { remove: boolean; text: string; atStart: boolean } | undefined {
  let text = seg.text;
  let changed = false;
  let whole = false;
  let atStart = false;
  for (const t of targets) {
    const cut = cutTarget(text, t);
    if (!cut) continue;
    changed = true;
    whole ||= cut.whole;
    atStart ||= cut.atStart;
    text = cut.text;
  }
  if (!changed) return undefined;
  // A clause about the removed thing goes whole, except the idea's opening, which only loses it.
  const empty = !tokenize(text).some((t) => isContentWord(t.text));
  return { remove: empty || (whole && !opening.includes(seg)), text, atStart };
}

/** "A bench covered" + "in snow…": a piece split from the same clause may end in a word that clung to the cut. */
function dropClinging(group: Segment[], seg: Segment): void {
  const prev = group[group.indexOf(seg) - 1];
  if (!prev || prev.frozen || seg.joinBefore !== " ") return;
  const tokens = tokenize(prev.text);
  const last = tokens[tokens.length - 1];
  if (last && tokens.length > 1 && CLINGING.test(last.lower)) prev.text = prev.text.slice(0, last.start).trim();
}

export function applyRemove(ctx: EditContext, rawTarget: string): void {
  const { doc } = ctx;
  const target = rawTarget.replace(/^(the|a|an|all|any|some|of)\s+/i, "").trim();
  const touched: string[] = [];
  // The idea's own prompt syntax is kept as typed, but an item that is only the thing ("forest") may go whole.
  for (const at of everySegment(doc)) {
    if (at.seg.verbatim && !openingRun(doc).every((s) => s === at.seg) && isOnly(at.seg, target)) {
      touched.push(at.seg.text);
      removeSegment(doc, at.seg);
    }
  }
  // What a locked part keeps saying stays in the picture, and so does what depends on it.
  const holder = everySegment(doc).find(
    (l) => l.seg.frozen && cutTarget(plainWords(l.seg.text), target) !== undefined,
  )?.seg;
  const lockedIn = holder !== undefined;
  const dependents = lockedIn ? [] : dependentsOf(target);
  // The idea's subject brings its own detail ("bushy tail curled close", fur, eyes): without the subject it describes nothing.
  const subject = ctx.analysis.subject;
  const isSubject = !lockedIn && subject !== undefined && findTarget(tokenize(subject.head), target) !== undefined;
  const detail = isSubject && subject?.entry.detail ? subject.entry.detail : "";
  // Fur and eyes go only with the last thing that had them: "a fox and a rabbit" minus the fox keeps the rabbit's.
  const others = otherSubjects(ctx.analysis.contentWords, target);
  const surface: string[] = [];
  if (isSubject && subject) {
    if (!others.some((e) => e.surface === subject.entry.surface)) surface.push(SURFACE_DETAIL[subject.entry.surface]);
    const eyed = others.some((e) => e.kind === "animal" || e.kind === "person") || ctx.analysis.people;
    if (!eyed) surface.push(EYES_DETAIL);
  }
  // Tags split a detail at "and" ("bushy tail curled close", "amber eyes alert") and drop its article.
  const ownDetails = [
    ...(detail ? [detail, ...detail.split(/\s+and\s+/)] : []).map((d) => d.replace(/^(a|an|the)\s+/i, "")),
    ...surface,
  ];
  const participles = lockedIn ? [] : ideaParticiples(ctx.analysis.idea, target);
  // Longer phrases first, so "falling snow" goes whole before "snow" leaves "falling" behind.
  const targets = [...dependents, target].sort((a, b) => b.length - a.length);
  const opening = openingRun(doc);
  const alongWith = new Set<string>();
  for (const at of allSegments(doc)) {
    const own = ownDetails.find((d) => at.seg.text.toLowerCase().includes(d.toLowerCase()));
    if (own) {
      const from = at.seg.text.toLowerCase().indexOf(own.toLowerCase());
      touched.push(at.seg.text);
      alongWith.add(surface.includes(own) ? own : detail);
      const rest = trimGlue(at.seg.text.slice(0, from) + at.seg.text.slice(from + own.length), true, true, false);
      const leadIn = LEAD_IN.exec(at.seg.text)?.[0];
      if (leadIn && tokenize(rest).length <= 1) at.seg.text = leadIn;
      else if (tokenize(rest).some((t) => isContentWord(t.text))) at.seg.text = rest;
      else removeSegment(doc, at.seg);
      continue;
    }
    const result = cutSegment(at.seg, targets, opening);
    if (!result) {
      const left = dropParticiple(at.seg, participles, doc.dialect);
      if (left === undefined) continue;
      touched.push(at.seg.text);
      alongWith.add(at.seg.text.split(/\s+/)[0] as string);
      if (left === "removed") removeSegment(doc, at.seg);
      else at.seg.text = left;
      continue;
    }
    touched.push(at.seg.text);
    for (const d of dependents) if (cutTarget(at.seg.text, d)) alongWith.add(d);
    if (result.atStart) dropClinging(doc.groups[at.group] ?? [], at.seg);
    if (result.remove) emptyTheRest(doc, doc.groups[at.group] ?? [], at.seg);
    if (result.remove) removeSegment(doc, at.seg);
    else at.seg.text = result.text;
  }
  if (doc.dialect === "prose") passLeadIns(doc);
  // What the prompt still says (kept by a lock or as typed) is not also asked away in the negative prompt.
  const kept = lockedIn && touched.length === 0;
  if (doc.dialect === "tags" && !kept && !ctx.negative.some((n) => n.toLowerCase() === target.toLowerCase())) {
    ctx.negative.unshift(target);
  }
  const negative = doc.dialect === "tags" && !kept ? " and added it to the negative prompt" : "";
  if (lockedIn && holder) {
    ctx.notes.push(
      holder.verbatim
        ? `${quote(target)} is inside your own prompt syntax ${quote(holder.text)}, which is kept as typed, so it stayed there; edit it in the Prompt box to take it out.`
        : `${quote(target)} is in the locked ${holder.part ? PART_WORDS[holder.part] : "part"}, so it stayed there word for word.`,
    );
  }
  const along = alongWith.size > 0 ? ` and what came with it (${[...alongWith].map(quote).join(", ")})` : "";
  if (touched.length > 0) {
    ctx.notes.push(`Removed ${quote(target)}${along} from ${touched.map(quote).join(", ")}${negative}.`);
  } else if (!lockedIn || negative) {
    ctx.notes.push(
      `Found nothing named ${quote(target)} to remove${negative ? `, so only added it to the negative prompt` : ""}.`,
    );
  }
}
