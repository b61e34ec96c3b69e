import { TIMES } from "../vocab/times";
import { WEATHER, type WeatherEntry } from "../vocab/weather";
import { hasPhrase, phraseRegExp } from "../words";
import { type EditContext, quote } from "./context";
import { allSegments, everySegment, fullText, isLocked } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";
import { applyTime, placeOf } from "./edit-time";

/**
 * "add rain", "foggy", "clear skies": wet weather and clear weather exclude each other, so the
 * new weather removes the other kind; weathers of one kind mix (rain and fog) and stay.
 */
export function applyWeather(ctx: EditContext, weather: WeatherEntry): void {
  const { doc } = ctx;
  const opposite = WEATHER.filter((w) => w.group !== weather.group);
  const removed: string[] = [];

  for (const at of allSegments(doc)) {
    const hits = opposite.filter(
      (w) =>
        w.names.some((n) => hasPhrase(at.seg.text, n)) ||
        hasPhrase(at.seg.text, w.light) ||
        hasPhrase(at.seg.text, w.atmosphere),
    );
    if (hits.length === 0) continue;
    removed.push(at.seg.text);
    const droppable = hits.flatMap((w) => w.names.flatMap((n) => n.split(/[\s-]+/)));
    if (!isLocked(doc, at, undefined, droppable)) {
      // The old weather's own light gives way to the new weather's, in the same place.
      if (hits.some((w) => hasPhrase(at.seg.text, w.light))) replaceSegment(doc, at, weather.light);
      else removeSegment(doc, at.seg);
      continue;
    }
    // The idea's own clause: swap the weather words in place ("on a sunny day" → "on a rainy day").
    let text = at.seg.text;
    for (const w of hits) {
      text = text.replace(phraseRegExp(w.prep), weather.prep).replace(phraseRegExp(w.adjective), weather.adjective);
      for (const n of w.names) text = text.replace(phraseRegExp(n), weather.adjective);
    }
    at.seg.text = text;
  }

  // Indoors the weather is what the window shows: "rain streaking down the windowpanes", never rain in the room.
  const indoors = placeOf(ctx, fullText(doc)) === "interior";
  const shown = indoors ? weather.indoor : weather.atmosphere;
  const present = everySegment(doc).some((l) => weather.names.some((n) => hasPhrase(l.seg.text, n)));
  if (indoors) {
    if (!everySegment(doc).some((l) => hasPhrase(l.seg.text, doc.dialect === "tags" ? weather.indoorTag : shown))) {
      if (doc.dialect === "tags") addSegment(doc, "lead", weather.indoorTag, 1.1);
      else addSegment(doc, "light", shown, undefined, null);
    }
  } else if (!present || !everySegment(doc).some((l) => hasPhrase(l.seg.text, weather.atmosphere))) {
    if (doc.dialect === "tags") {
      if (!present) addSegment(doc, "lead", weather.tag, 1.1);
      addSegment(doc, "light", weather.atmosphere.split(/\s+and\s+(?=\S+\s+\S)/)[0] as string, undefined, null);
    } else addSegment(doc, "light", weather.atmosphere, undefined, null);
  }
  // Sunshine needs the sun: a clear sky asked of a night scene brings the day back.
  if (
    weather.key === "clear" &&
    everySegment(doc).some((l) => /(?<![\w-])(night|nighttime|midnight|moonlit|moonlight)(?![\w-])/i.test(l.seg.text))
  ) {
    const midday = TIMES.find((t) => t.key === "noon");
    if (midday) applyTime(ctx, midday);
  }
  ctx.notes.push(
    removed.length > 0
      ? `Changed the weather to ${weather.key}: took out ${removed.map(quote).join(", ")} and added ${quote(shown)}${indoors ? ", seen through the window since the scene is indoors" : ""}.`
      : indoors
        ? `Added weather: ${weather.key}, seen through the window since the scene is indoors (${quote(shown)}).`
        : `Added weather: ${weather.key} (${quote(shown)}).`,
  );
}
