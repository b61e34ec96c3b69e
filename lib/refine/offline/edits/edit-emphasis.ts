import { PART_WORDS } from "../../anatomy";
import { decapitalize } from "../english";
import { moodFor } from "../vocab/moods";
import { findWeather, WEATHER } from "../vocab/weather";
import { hasPhrase, hasWord, phraseRegExp } from "../words";
import { type EditContext, quote } from "./context";
import { allSegments, everySegment } from "./doc";
import { addSegment, findCategory, removeSegment } from "./doc-ops";
import { applyMood } from "./edit-mood";
import { applyWeather } from "./edit-weather";

/**
 * "more X" / "less X" for things that are not a mood, colour or weather (those have their own
 * edits). Tags get heavier or lighter weights; prose gets a word of emphasis. Detail, light
 * and contrast have phrases of their own.
 */

const SPECIAL: { test: RegExp; label: string; more: string; less: string; category?: "detail" }[] = [
  {
    test: /^(detail|details|detailed|sharp|sharper|texture|textures)$/i,
    label: "detail",
    more: "intricate fine detail and crisp focus",
    less: "simple clean shapes",
    category: "detail",
  },
  {
    test: /^(light|bright|brighter|lighter|brightness)$/i,
    label: "light",
    more: "bright high-key lighting",
    less: "low-key lighting with deep shadows",
  },
  {
    test: /^(dark|darker|shadow|shadows|darkness)$/i,
    label: "darkness",
    more: "low-key lighting with deep shadows",
    less: "bright high-key lighting",
  },
  { test: /^(contrast|contrasty|punchy)$/i, label: "contrast", more: "bold high contrast", less: "soft low contrast" },
];

function reweight(ctx: EditContext, target: string, more: boolean): boolean {
  let found = false;
  for (const at of allSegments(ctx.doc)) {
    if (!hasWord(at.seg.text, target) && !at.seg.text.toLowerCase().includes(target.toLowerCase())) continue;
    found = true;
    const w = at.seg.weight ?? 1;
    at.seg.weight = Math.round((more ? Math.min(1.5, w + 0.2) : Math.max(0.5, w - 0.2)) * 100) / 100;
  }
  return found;
}

function emphasiseProse(ctx: EditContext, target: string, more: boolean): boolean {
  for (const at of allSegments(ctx.doc)) {
    if (!hasWord(at.seg.text, target)) continue;
    if (moodFor(target)) {
      // A mood word takes an adverb: "deeply cozy", "subtly eerie".
      at.seg.text = at.seg.text.replace(
        phraseRegExp(target, "iu"),
        (m) => `${more ? "deeply" : "subtly"} ${decapitalize(m)}`,
      );
      return true;
    }
    if (more) {
      addSegment(ctx.doc, "lead", `with even more ${target}`);
      return true;
    }
    // "the fog" → "a hint of fog": the determiner goes with the emphasis.
    at.seg.text = at.seg.text.replace(
      new RegExp(`\\b(?:(?:a|an|the|some)\\s+)?(${phraseRegExp(target).source})`, "iu"),
      "a hint of $1",
    );
    return true;
  }
  return false;
}

export function applyEmphasis(ctx: EditContext, target: string, more: boolean): void {
  const { doc } = ctx;
  const holder = everySegment(doc).find((l) => l.seg.frozen && hasWord(l.seg.text, target))?.seg;
  if (holder && !allSegments(doc).some((l) => hasWord(l.seg.text, target))) {
    ctx.notes.push(
      holder.verbatim
        ? `${quote(target)} is in your own prompt syntax ${quote(holder.text)}, kept as typed, so its emphasis was left as it was; change its weight in the Prompt box.`
        : `${quote(target)} is in the locked ${holder.part ? PART_WORDS[holder.part] : "part"}, so its emphasis was left as it was.`,
    );
    return;
  }
  // "more eerie" on a prompt that is not eerie yet: first make it so.
  const mood = moodFor(target);
  if (mood && more && !everySegment(doc).some((l) => hasWord(l.seg.text, target))) {
    applyMood(ctx, mood, target.toLowerCase());
    return;
  }
  // "more fog" on a clear scene: bring the weather in first.
  const weather =
    findWeather(target) ?? (/^snow/i.test(target) ? WEATHER.find((w) => w.key === "snowfall") : undefined);
  if (weather && more && !everySegment(doc).some((l) => weather.names.some((n) => hasPhrase(l.seg.text, n)))) {
    applyWeather(ctx, weather);
    return;
  }
  const special = SPECIAL.find((s) => s.test.test(target));
  if (special) {
    if (special.category === "detail" && !more) {
      for (const at of findCategory(doc, "detail")) if (!at.seg.frozen) removeSegment(doc, at.seg);
    }
    addSegment(doc, special.category ?? "light", more ? special.more : special.less);
    const removed = special.category === "detail" && !more ? " and took out the finishing detail" : "";
    ctx.notes.push(
      `For ${more ? "more" : "less"} ${special.label}, added ${quote(more ? special.more : special.less)}${removed}.`,
    );
    return;
  }
  if (doc.dialect === "tags") {
    if (reweight(ctx, target, more)) {
      ctx.notes.push(`${more ? "Raised" : "Lowered"} the weight of ${quote(target)}.`);
    } else if (more) {
      addSegment(doc, "lead", target, 1.2);
      ctx.notes.push(`Added ${quote(target)} with extra weight.`);
    } else ctx.notes.push(`Found no ${quote(target)} to reduce.`);
    return;
  }
  if (emphasiseProse(ctx, target, more)) {
    ctx.notes.push(`${more ? "Emphasised" : "Softened"} ${quote(target)}.`);
  } else if (more) {
    addSegment(doc, "lead", `with plenty of ${target}`);
    ctx.notes.push(`Added ${quote(`plenty of ${target}`)}.`);
  } else ctx.notes.push(`Found no ${quote(target)} to reduce.`);
}
