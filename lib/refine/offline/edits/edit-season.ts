import { SEASONS, type SeasonEntry } from "../vocab/seasons";
import { hasPhrase, phraseRegExp } from "../words";
import { type EditContext, quote } from "./context";
import { allSegments, everySegment, isLocked } from "./doc";
import { addSegment, removeSegment, replaceSegment } from "./doc-ops";

/** "in autumn", "make it winter": the season's words, marks and colours replace the old one's. */
export function applySeason(ctx: EditContext, season: SeasonEntry): void {
  const { doc } = ctx;
  const others = SEASONS.filter((s) => s !== season);
  const replaced: string[] = [];
  let markDone = false;

  for (const at of allSegments(doc)) {
    const text = at.seg.text;
    const marks = others.filter((s) => hasPhrase(text, s.atmosphere));
    if (
      marks.length > 0 &&
      !isLocked(
        doc,
        at,
        undefined,
        others.flatMap((s) => s.names),
      )
    ) {
      replaced.push(text);
      if (!markDone) {
        replaceSegment(doc, at, season.atmosphere);
        markDone = true;
      } else removeSegment(doc, at.seg);
      continue;
    }
    let next = text;
    for (const s of others) {
      next = next.replace(phraseRegExp(s.palette.main), season.palette.main);
      for (const n of s.names)
        next = next.replace(phraseRegExp(n), n.endsWith("al") || n === "wintry" ? season.adjective : season.key);
      next = next.replace(/(?<![\w-])(?<=\b(?:in|the|this|late|early)\s+)fall(?![\w-])/gi, season.key);
    }
    if (next !== text) {
      replaced.push(text);
      at.seg.text = next;
    }
  }

  const said = everySegment(doc).some((l) => season.names.some((n) => hasPhrase(l.seg.text, n)));
  if (!said) addSegment(doc, "lead-phrase", doc.dialect === "tags" ? season.key : season.prep);
  if (!markDone) addSegment(doc, "light", season.atmosphere, undefined, null);
  ctx.notes.push(
    replaced.length > 0
      ? `Changed the season to ${season.key}: replaced ${replaced.map(quote).join(", ")}.`
      : `Set the season to ${season.key}, with ${quote(season.atmosphere)}.`,
  );
}
