import { PART_WORDS } from "../../anatomy";
import { type Token, tokenize } from "../tokens";
import { COLOR_WORDS } from "../vocab/colors";
import { DETERMINERS, isContentWord } from "../words";
import { type EditContext, quote } from "./context";
import { classify } from "./classify";
import { everySegment, isLocked, type Segment } from "./doc";
import { removeSegment, replaceSegment } from "./doc-ops";
import { findTarget } from "./cut-words";

/**
 * "make the cats black", "turn the fox white": the thing takes the new colour, in place of the
 * colour it had ("A red fox" → "A white fox", never "A red fox …, with a white"), and the
 * idea's own colour clauses that now contradict it ("one orange, two grey") go.
 */

/** Colour words that can stand before a noun, including coat colours the palette list lacks. */
const COAT = new Set(["ginger", "tabby", "calico", "tortoiseshell", "brindle", "auburn", "blond", "blonde", "jet"]);
const SHADE = new Set(["pale", "light", "dark", "deep", "bright", "pure", "snow", "soft", "dusty"]);

function isColour(word: string): boolean {
  const w = word.toLowerCase();
  return (
    COLOR_WORDS.has(w) || COAT.has(w) || (/^(\w+)-(\w+)$/.test(w) && w.split("-").every((p) => COLOR_WORDS.has(p)))
  );
}

const COUNTS = /^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|both|some|several|others?|rest)$/;

/** A count and colours only: "one orange", "two grey", "one black and one white". */
function isColourCount(text: string): boolean {
  const content = tokenize(text).filter((t) => isContentWord(t.text) || DETERMINERS.has(t.lower));
  const fits = (t: Token) =>
    isColour(t.lower) || SHADE.has(t.lower) || DETERMINERS.has(t.lower) || COUNTS.test(t.lower);
  return content.some((t) => isColour(t.lower)) && content.some((t) => COUNTS.test(t.lower)) && content.every(fits);
}

/** The colour words right before the noun at `at` (its adjectives), as token indexes. */
function colourRun(tokens: readonly Token[], at: number): number[] {
  const out: number[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i] as Token;
    if (DETERMINERS.has(t.lower) || !isContentWord(t.text)) break;
    if (isColour(t.lower) || (SHADE.has(t.lower) && isColour(tokens[i + 1]?.lower ?? ""))) out.push(i);
  }
  return out;
}

/** Rewrites one mention: drops the old colour words and, when `insert`, puts the new colour before the noun. */
function recolour(seg: Segment, target: string, colour: string, insert: boolean): string[] {
  const tokens = tokenize(seg.text);
  const hit = findTarget(tokens, target);
  if (!hit) return [];
  const old = colourRun(tokens, hit.start);
  const replaced = old.map((i) => (tokens[i] as Token).text).reverse();
  if (!insert && old.length === 0) return [];
  const first = tokens[hit.start] as Token;
  let text = seg.text;
  // Right to left, so earlier offsets stay valid.
  const cuts = [...old].sort((a, b) => b - a);
  let insertAt = first.start;
  for (const i of cuts) {
    const t = tokens[i] as Token;
    const end = tokens[i + 1]?.start ?? t.end;
    text = text.slice(0, t.start) + text.slice(end);
    insertAt -= end - t.start;
  }
  if (insert) text = `${text.slice(0, insertAt)}${colour} ${text.slice(insertAt)}`;
  seg.text = text.replace(/\s+/g, " ").trim();
  return replaced;
}

/** Whether the mention already gives the thing this colour ("two red foxes" for "make the foxes red"). */
function alreadyColoured(seg: Segment, target: string, colour: string): boolean {
  const tokens = tokenize(seg.text);
  const hit = findTarget(tokens, target);
  return hit !== undefined && colourRun(tokens, hit.start).some((i) => (tokens[i] as Token).lower === colour);
}

/**
 * Asked for a colour the prompt already gives the thing: the words say it, so the picture lost
 * it to the prompt's other colours (in a diffusion model a palette's colours bleed into the
 * subject). The palette gives way: neutrals, with the asked colour as the one strong colour.
 * Returns the palette text it replaced, or undefined when there was none it may change.
 */
function quietPalette(ctx: EditContext, colour: string): string[] {
  const { doc } = ctx;
  const replaced: string[] = [];
  let placed = false;
  for (const at of everySegment(doc)) {
    if (at.seg.frozen || classify(at.seg.text) !== "palette" || isLocked(doc, at)) continue;
    if (!tokenize(at.seg.text).some((t) => isColour(t.lower) && t.lower !== colour)) continue;
    replaced.push(at.seg.text);
    if (!placed) {
      replaceSegment(
        doc,
        at,
        doc.dialect === "tags"
          ? `muted neutral palette with ${colour} accents`
          : `muted neutral tones that leave ${colour} the one strong colour`,
      );
      placed = true;
    } else removeSegment(doc, at.seg);
  }
  return replaced;
}

/** Other names a prompt may use for the thing asked about. */
const SAME_THING: Readonly<Record<string, readonly string[]>> = {
  background: ["backdrop"],
  backdrop: ["background"],
};

export function applyRecolor(ctx: EditContext, rawTarget: string, colour: string): boolean {
  const { doc } = ctx;
  const asked = rawTarget
    .replace(/^(?:the\s+)?colou?r\s+of\s+/i, "")
    .replace(/^(the|a|an|all|both|its|their)\s+/i, "")
    .trim();
  const has = (name: string) => everySegment(doc).some((l) => findTarget(tokenize(l.seg.text), name));
  // "the fox's eyes": the prompt may only say "amber eyes".
  const owned = asked.replace(/^\S+['’]s\s+/, "");
  const names = [asked, ...(SAME_THING[asked.toLowerCase()] ?? []), ...(owned !== asked ? [owned] : [])];
  const target = names.find(has) ?? asked;
  const mentions = everySegment(doc).filter((l) => findTarget(tokenize(l.seg.text), target));
  const first = mentions[0];
  if (!first) {
    ctx.notes.push(`Found no ${quote(asked)} in the prompt to make ${colour}, so nothing was changed.`);
    return false;
  }
  if (first.seg.frozen) {
    const part = first.seg.part ? PART_WORDS[first.seg.part] : "part";
    ctx.notes.push(
      first.seg.verbatim
        ? `${quote(first.seg.text)} is your own prompt syntax, kept as typed, so the ${asked} was not made ${colour}; change it in the Prompt box.`
        : `The ${part} is locked, so it was kept word for word instead of making the ${asked} ${colour}.`,
    );
    return false;
  }
  const already = alreadyColoured(first.seg, target, colour);
  const replaced: string[] = [];
  for (const m of mentions) {
    if (m.seg.frozen) continue;
    replaced.push(...recolour(m.seg, target, colour, m === first).filter((w) => w.toLowerCase() !== colour));
  }
  // The idea's count of colours ("one orange, two grey") right after the thing now contradicts it.
  const group = doc.groups[first.group] ?? [];
  const after = group.slice(group.indexOf(first.seg) + 1);
  const contradicting: Segment[] = [];
  for (const seg of after) if (!seg.frozen && isColourCount(seg.text)) contradicting.push(seg);
  for (const seg of contradicting) removeSegment(doc, seg);
  if (already && replaced.length === 0 && contradicting.length === 0) {
    const quieted = quietPalette(ctx, colour);
    ctx.notes.push(
      quieted.length > 0
        ? `The words already made the ${target} ${colour}, so the palette gives way to it: ${quieted.map(quote).join(", ")} became muted neutrals with ${colour} the one strong colour.`
        : `The words already made the ${target} ${colour}, and there was no palette to quiet, so nothing was changed.`,
    );
    return quieted.length > 0;
  }
  const gone = [...replaced.map(quote), ...contradicting.map((s) => quote(s.text))];
  ctx.notes.push(`Made the ${target} ${colour}${gone.length > 0 ? `, replacing ${gone.join(", ")}` : ""}.`);
  return true;
}
