import { MOODS, type MoodEntry, SWAPPABLE_MOOD_WORDS } from "../vocab/moods";
import { hasPhrase, phraseRegExp, words } from "../words";
import { type EditContext, quote } from "./context";
import { allSegments, everySegment } from "./doc";
import { addSegment } from "./doc-ops";

/**
 * "make it eerie": the new mood takes the old one's place everywhere it shows: its word, its
 * light, its palette, its feel. Phrases this refiner wrote are swapped exactly; mood words in
 * anyone's prose are swapped where they are unambiguous.
 */
export function applyMood(ctx: EditContext, mood: MoodEntry, word: string): void {
  const { doc } = ctx;
  const changes: string[] = [];
  let lightSwapped = false;

  for (const at of allSegments(doc)) {
    let text = at.seg.text;
    for (const other of MOODS) {
      if (other === mood) continue;
      const pairs: [string, string][] = [
        [other.light, mood.light],
        [other.accent, mood.accent],
        [other.feel, mood.feel],
        [other.palette.main, mood.palette.main],
        [other.palette.accent, mood.palette.accent],
      ];
      for (const [from, to] of pairs) {
        if (!hasPhrase(text, from)) continue;
        text = text.replace(phraseRegExp(from), to);
        if (from === other.light || from === other.accent) lightSwapped = true;
      }
    }
    // Mood words of other moods become the new one ("a cozy cabin" → "an eerie cabin").
    for (const w of words(text)) {
      const lower = w.toLowerCase();
      if (SWAPPABLE_MOOD_WORDS.has(lower) && !mood.words.includes(lower)) {
        text = text.replace(phraseRegExp(w), word);
      }
    }
    if (text !== at.seg.text) {
      changes.push(at.seg.text);
      at.seg.text = text;
    }
  }

  if (!everySegment(doc).some((l) => hasPhrase(l.seg.text, word))) {
    if (doc.dialect === "tags") {
      addSegment(doc, "lead", word, 1.2);
      addSegment(doc, "light", `${mood.feel} atmosphere`, undefined, null);
    } else addSegment(doc, "light", `${word} and ${mood.feel}`, undefined, null);
  }
  const lit = everySegment(doc).some((l) => hasPhrase(l.seg.text, mood.light) || hasPhrase(l.seg.text, mood.accent));
  if (!lightSwapped && !lit) addSegment(doc, "light", mood.accent);

  ctx.notes.push(
    changes.length === 0 && lit
      ? `Kept the mood ${word}, which the prompt already carries.`
      : changes.length > 0
        ? `Changed the mood to ${word}: rewrote ${changes.map(quote).join(", ")}.`
        : `Set the mood to ${word}, adding ${quote(mood.accent)}.`,
  );
}
