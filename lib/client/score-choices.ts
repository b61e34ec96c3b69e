/** The score floor's choices (issue 11), for the gallery and the Ideas page alike. */
export const SCORE_CHOICES = [
  { value: "", label: "Any score" },
  { value: "0.5", label: "Score ≥ 50%" },
  { value: "0.8", label: "Score ≥ 80%" },
  { value: "1", label: "All passed" },
] as const;

/** The choices, plus one for a floor the menu does not offer (typed into the address), so it is kept. */
export function scoreChoices(minScore: number | undefined): ReadonlyArray<{ value: string; label: string }> {
  const value = minScore === undefined ? "" : String(minScore);
  return SCORE_CHOICES.some((c) => c.value === value)
    ? SCORE_CHOICES
    : [...SCORE_CHOICES, { value, label: `Score ≥ ${Math.round((minScore ?? 0) * 100)}%` }];
}
