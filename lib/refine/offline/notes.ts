import type { Dialect } from "@/lib/schemas/common";
import type { IdeaAnalysis } from "./analyze";
import { tagsOf } from "./compose-tags";
import { PART_LABELS, type PartRole, type Parts } from "./parts";
import { hasPhrase } from "./words";

/** Plain sentences saying what the refiner read, kept and added: shown beside each version. */

const NOTE_ORDER: readonly PartRole[] = [
  "medium",
  "lighting",
  "composition",
  "palette",
  "paletteExtra",
  "detail",
  "feel",
  "subjectDetail",
  "settingDetail",
  "atmosphere",
  "quality",
];

export function readingNote(analysis: IdeaAnalysis): string | undefined {
  const found: string[] = [];
  if (analysis.subject) found.push(`subject "${analysis.subject.phrase}"`);
  if (analysis.place) found.push(`setting "${analysis.place.phrase}"${analysis.outside ? " (seen from outside)" : ""}`);
  if (analysis.moods.length > 0) found.push(`mood "${analysis.moods.map((m) => m.key).join(", ")}"`);
  if (analysis.time) found.push(`time of day "${analysis.time.key}"`);
  if (analysis.weather) found.push(`weather "${analysis.weather.key}"`);
  if (analysis.season) found.push(`season "${analysis.season.key}"`);
  if (analysis.colors.length > 0) found.push(`colours "${analysis.colors.join(", ")}"`);
  if (found.length === 0) return undefined;
  return `Read the idea as ${found.join(", ")}.`;
}

/**
 * "Added lighting: warm low lamplight with soft falloff." — phrases as they appear in this
 * dialect. `typed`: a tag prompt typed as the idea; a phrase it already holds was not added.
 */
export function additionNotes(parts: Parts, dialect: Dialect, typed?: string): string[] {
  const notes: string[] = [];
  for (const role of NOTE_ORDER) {
    if (role === "quality" && dialect === "prose") continue;
    const phrases = parts[role];
    if (!phrases || phrases.length === 0) continue;
    // Each phrase exactly as it appears in this dialect's prompt, so a reader can find it there.
    const all = dialect === "tags" ? tagsOf(role, phrases).map((t) => t.text) : phrases.map((p) => p.prose);
    const shown = typed && dialect === "tags" ? all.filter((t) => !hasPhrase(typed, t)) : all;
    if (shown.length === 0) continue;
    const text = shown.join("; ");
    notes.push(`Added ${PART_LABELS[role]}: ${text}.`);
  }
  return notes;
}

export function trimmedNote(trimmed: readonly PartRole[]): string | undefined {
  if (trimmed.length === 0) return undefined;
  return `Shortened to fit the backend's budget, dropping ${trimmed.map((r) => PART_LABELS[r]).join(", ")} first.`;
}
