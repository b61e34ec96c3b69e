import { PART_NAMES, type PartName, type PromptParts } from "@/lib/schemas/entities";
import { indexOfText, locateText } from "../../anatomy";
import { tagSpans, formatTag } from "../tags";
import { isContentWord, words } from "../words";
import { type Category, classify } from "./classify";
import { type Doc, everySegment, openingRun, type Segment } from "./doc";

/**
 * The anatomy carried through an edit. Before editing, each segment of the parent's prompt
 * is marked with the part it belongs to (segments are split where a part starts or ends
 * inside one: "A lighthouse" + "on a cliff"), and the segments of locked parts are frozen.
 * Edits carry the mark to what replaces a segment; afterwards each part is read back as the
 * run of segments that bear its mark.
 */

type Span = { start: number; end: number };

/** Where each segment sits in the prompt it was parsed from (none when it cannot be found). */
function segmentSpans(doc: Doc, prompt: string): Map<Segment, Span> {
  const spans = new Map<Segment, Span>();
  const segs = everySegment(doc).map((l) => l.seg);
  if (doc.dialect === "tags") {
    const raw = tagSpans(prompt);
    segs.forEach((seg, i) => {
      const span = raw[i];
      if (span) spans.set(seg, span);
    });
    return spans;
  }
  let cursor = 0;
  for (const seg of segs) {
    const exact = prompt.indexOf(seg.text, cursor);
    if (exact >= 0) {
      spans.set(seg, { start: exact, end: exact + seg.text.length });
      cursor = exact + seg.text.length;
      continue;
    }
    const rest = prompt.slice(cursor);
    const loose = locateText(rest, seg.text);
    if (loose) {
      const start = cursor + rest.indexOf(loose);
      spans.set(seg, { start, end: start + loose.length });
      cursor = start + loose.length;
    }
  }
  return spans;
}

/** Pieces with nothing of their own ("lit by", "Captured as") join the piece after them. */
const GLUE =
  /^(?:captured|rendered|drawn|designed|shot|painted|lit|bathed|finished|framed|colou?red)(?:\s+(?:as|by|in|with))?$/i;
function isGlue(text: string): boolean {
  return GLUE.test(text.trim()) || !words(text).some(isContentWord);
}

function isWordBoundary(prompt: string, at: number): boolean {
  const letter = /[\p{L}\p{N}'’-]/u;
  return !(letter.test(prompt[at - 1] ?? "") && letter.test(prompt[at] ?? ""));
}

/** Splits a prose segment where a part starts or ends inside it. */
function splitAt(seg: Segment, span: Span, cuts: number[], prompt: string): (Segment & { span: Span })[] {
  const bounds = [span.start, ...cuts, span.end];
  const pieces: (Segment & { span: Span })[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const from = bounds[i] as number;
    const to = bounds[i + 1] as number;
    const raw = prompt.slice(from, to);
    const text = raw.trim();
    if (!text) continue;
    const start = from + raw.indexOf(text);
    const piece = { ...seg, text, span: { start, end: start + text.length } };
    if (pieces.length > 0) piece.joinBefore = " ";
    pieces.push(piece);
  }
  // Glue joins its neighbour, so no piece is only "lit by".
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Segment & { span: Span };
    if (pieces.length < 2 || !isGlue(piece.text)) continue;
    const next = pieces[i + 1];
    const prev = pieces[i - 1];
    if (next) {
      next.text = prompt.slice(piece.span.start, next.span.end);
      next.span = { start: piece.span.start, end: next.span.end };
      next.joinBefore = piece.joinBefore;
    } else if (prev) {
      prev.text = prompt.slice(prev.span.start, piece.span.end);
      prev.span = { start: prev.span.start, end: piece.span.end };
    }
    pieces.splice(i, 1);
    i--;
  }
  return pieces;
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The part a span of the prompt belongs to: the one that holds it, or covers most of it. */
function partOf(span: Span, parts: readonly { name: PartName; span: Span }[]): PartName | undefined {
  let best: { name: PartName; share: number } | undefined;
  for (const p of parts) {
    const share = overlap(span, p.span) / Math.max(1, span.end - span.start);
    if (share > 0 && (!best || share > best.share)) best = { name: p.name, share };
  }
  // A part that covers under half a segment is a mention inside it, not the segment.
  return best && best.share >= 0.5 ? best.name : undefined;
}

const FALLBACK: Partial<Record<PartName, Category>> = {
  medium: "medium",
  lighting: "light",
  composition: "framing",
  palette: "palette",
  details: "detail",
};

/**
 * Marks each segment of `doc` (parsed from `prompt`) with its part, from the parent's parts
 * where it has them and from the words of each segment where it does not, and freezes the
 * locked parts.
 */
export function attachParts(
  doc: Doc,
  prompt: string,
  parts: PromptParts | null | undefined,
  locks: ReadonlySet<PartName>,
): void {
  const known: { name: PartName; span: Span }[] = [];
  for (const name of PART_NAMES) {
    const text = parts?.[name];
    if (name === "negative" || !text) continue;
    const start = indexOfText(prompt, text);
    const found = locateText(prompt, text);
    if (start >= 0 && found) known.push({ name, span: { start, end: start + found.length } });
  }

  const spans = segmentSpans(doc, prompt);
  for (const group of doc.groups) {
    for (let i = 0; i < group.length; i++) {
      const seg = group[i] as Segment;
      const span = spans.get(seg);
      if (!span) continue;
      const exact = prompt.slice(span.start, span.end) === seg.text;
      const cuts =
        // Typed prompt syntax is one piece: "<lora:x:0.8> BREAK forest" is never split into two.
        doc.dialect === "prose" && exact && !seg.verbatim
          ? [...new Set(known.flatMap((p) => [p.span.start, p.span.end]))]
              .filter((x) => x > span.start && x < span.end && isWordBoundary(prompt, x))
              .sort((a, b) => a - b)
          : [];
      const pieces = cuts.length > 0 ? splitAt(seg, span, cuts, prompt) : [{ ...seg, span }];
      const marked = pieces.map(({ span: s, ...piece }) => {
        const name = partOf(s, known);
        return name ? { ...piece, part: name } : piece;
      });
      group.splice(i, 1, ...marked);
      i += marked.length - 1;
    }
  }

  // Parts the parent did not name are found by their words, in segments no part holds yet.
  const named = new Set(everySegment(doc).flatMap((l) => (l.seg.part ? [l.seg.part] : [])));
  const opening = openingRun(doc);
  if (!named.has("subject") && !parts?.subject && opening[0] && !opening[0].part) opening[0].part = "subject";
  for (const [name, category] of Object.entries(FALLBACK) as [PartName, Category][]) {
    if (named.has(name) || parts?.[name]) continue;
    for (const { seg } of everySegment(doc)) {
      if (!seg.part && !opening.includes(seg) && classify(seg.text) === category) seg.part = name;
    }
  }

  for (const { seg } of everySegment(doc)) if (seg.part && locks.has(seg.part)) seg.frozen = true;
}

/** Connecting words a prose clause opens with, which belong to the sentence, not the part. */
const CONNECTOR =
  /^(?:lit by|bathed in|captured as|rendered as|shot as|painted as|drawn as|designed as|finished with|framed as|colou?red in|rich detail throughout,? with|with|in|as)\s+/i;

function runText(doc: Doc, run: Segment[]): string {
  if (doc.dialect === "tags") return run.map(formatTag).join(", ");
  return run.map((s, i) => (i === 0 ? s.text : `${s.joinBefore ?? ", "}${s.text}`)).join("");
}

/** The first unbroken run of segments marked with `name`. */
function firstRun(doc: Doc, name: PartName): Segment[] {
  for (const group of doc.groups) {
    const start = group.findIndex((s) => s.part === name);
    if (start < 0) continue;
    let end = start;
    while (end + 1 < group.length && group[end + 1]?.part === name) end++;
    return group.slice(start, end + 1);
  }
  return [];
}

/** Each part of the edited prompt, as the rendered `prompt` spells it. */
export function readParts(doc: Doc, prompt: string, negativePrompt: string | undefined): PromptParts {
  const out: PromptParts = {};
  for (const name of PART_NAMES) {
    if (name === "negative") continue;
    const run = firstRun(doc, name);
    if (run.length === 0) continue;
    let text = runText(doc, run);
    if (doc.dialect === "prose" && name !== "subject" && name !== "setting") {
      const bare = text.replace(CONNECTOR, "");
      if (/[\p{L}\p{N}]/u.test(bare)) text = bare;
    }
    const found = locateText(prompt, text) ?? locateText(prompt, text.replace(/^(?:a|an|the)\s+/i, ""));
    if (found) out[name] = found;
  }
  const negative = negativePrompt?.trim();
  if (negative) out.negative = negative;
  return out;
}
