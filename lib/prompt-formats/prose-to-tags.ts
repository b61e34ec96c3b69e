import { joinTags, parseTags } from "@/lib/refine/offline/tags";

/**
 * A prose prompt as a Stable Diffusion tag list: sentences and clauses become tags, leading
 * articles and linking words go, weights already written as "(x:1.2)" stay. Reading tags,
 * weights and repeats is the offline refiner's own code (lib/refine/offline/tags.ts); this only
 * cuts the prose into clauses first.
 * "A red fox in deep snow. Soft light, with a shallow depth of field." →
 * "red fox in deep snow, Soft light, shallow depth of field".
 */
export function proseToTags(prose: string): string {
  // Sentence ends become commas (not the dot in "1.2", which no space follows).
  const clauses = prose.replace(/[.;!?]+(?=\s|$)/g, ",");
  const tags = parseTags(clauses).map((t) => ({ ...t, text: clauseTag(t.text) }));
  return joinTags(tags);
}

// Case is left as written: CLIP's tokenizer lowercases everything anyway.
function clauseTag(clause: string): string {
  return clause
    .replace(/^(?:and|with|while|featuring)\s+(?=\S)/i, "")
    .replace(/^(?:a|an|the)\s+(?=\S)/i, "")
    .replace(/[.:]+$/, "")
    .trim();
}
