import type { Feedback, IdeaFeedback } from "@/lib/schemas/shares";

/** A visitor is their name as typed, give or take case and spacing: "Ann" and "ann " are one. */
const who = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The current votes per image: for each (visitor, image) only the last vote counts, so voting
 * again does not count twice and `vote: false` takes a vote back. Images with no vote standing
 * are left out; the most voted first, then in the order their first vote came. Pure.
 */
export function tallyVotes(items: readonly Feedback[]): IdeaFeedback["votes"] {
  const last = new Map<string, Map<string, { name: string; vote: boolean }>>();
  const ordered = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const f of ordered) {
    if (f.vote === null || f.imageId === null) continue;
    const byVisitor = last.get(f.imageId) ?? new Map();
    // Deleting first keeps each visitor at the place of their last word.
    byVisitor.delete(who(f.name));
    byVisitor.set(who(f.name), { name: f.name.trim(), vote: f.vote });
    last.set(f.imageId, byVisitor);
  }
  const votes: IdeaFeedback["votes"] = [];
  for (const [imageId, byVisitor] of last) {
    const names = [...byVisitor.values()].filter((v) => v.vote).map((v) => v.name);
    if (names.length > 0) votes.push({ imageId, count: names.length, names });
  }
  return votes.sort((a, b) => b.count - a.count);
}
