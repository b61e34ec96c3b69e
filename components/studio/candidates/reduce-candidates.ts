import type { PromptVersion } from "@/lib/schemas/entities";
import type { StudioHandlers, StudioState } from "../studio-state";
import { loadVersion, numberOf, withVersion } from "../editing/reduce-versions";

export function saved(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

/** After a stop or failure: the candidates already saved stay on screen to be chosen. */
export function keptCandidates(s: StudioState): StudioState["candidates"] {
  const items = s.candidates?.items.filter((c) => c.version) ?? [];
  return items.length && s.candidates ? { mode: s.candidates.mode, items } : null;
}

function candidateSaved(s: StudioState, a: { index: number; version: PromptVersion }): StudioState {
  if (!s.candidates) return s;
  const firstOfNewIdea = s.candidates.mode === "new" && !s.candidates.items.some((c) => c.version);
  const base: StudioState = firstOfNewIdea
    ? {
        ...s,
        ideaId: a.version.ideaId,
        versions: [a.version],
        generations: [],
        library: [],
        currentId: null,
        imported: null,
        refining: s.refining ? { ...s.refining, restore: { prompt: "", negative: "" } } : null,
      }
    : { ...s, versions: withVersion(s.versions, a.version) };
  return {
    ...base,
    candidates: {
      ...s.candidates,
      items: s.candidates.items.map((c) =>
        c.index === a.index ? { ...c, text: a.version.prompt, version: a.version, error: null } : c,
      ),
    },
  };
}

/** Several candidates from one refinement: each saved (or failed) as it ends, then one chosen or all closed. */
export const candidateHandlers: StudioHandlers<
  "candidateSaved" | "candidateFailed" | "candidatesDone" | "candidateChosen" | "candidatesClosed"
> = {
  candidateSaved,
  candidateFailed: (s, a) => {
    if (!s.candidates) return s;
    return {
      ...s,
      candidates: {
        ...s.candidates,
        items: s.candidates.items.map((c) => (c.index === a.index && !c.version ? { ...c, error: a.error } : c)),
      },
    };
  },
  candidatesDone: (s, a) => {
    let next: StudioState = s;
    const known = new Set(s.candidates?.items.flatMap((c) => (c.version ? [c.version.id] : [])) ?? []);
    // The final list is the truth: take any candidate whose own event was missed.
    for (const [i, v] of a.items.entries()) {
      if (known.has(v.id)) continue;
      const slot = next.candidates?.items.find((c) => !c.version && !c.error)?.index ?? i;
      next = candidateSaved(next, { index: slot, version: v });
    }
    const items = (next.candidates?.items ?? []).map((c) => {
      const f = a.failed.find((x) => x.index === c.index);
      return f && !c.version ? { ...c, error: f.error } : c;
    });
    const ok = items.filter((c) => c.version).length;
    return {
      ...next,
      refining: null,
      instruction: ok ? "" : next.instruction,
      candidates: ok ? { mode: next.candidates?.mode ?? "again", items } : null,
      notice: ok
        ? `${saved(ok, "candidate")} saved${a.failed.length ? `, ${a.failed.length} failed` : ""}. Choose one to use.`
        : "No candidate could be written.",
      refineError: ok ? null : (a.failed[0]?.error ?? null),
      prompt: next.currentId ? next.prompt : "",
    };
  },
  candidateChosen: (s, a) => {
    const v = s.versions.find((x) => x.id === a.id);
    if (!v || s.refining) return s;
    const label = v.direction ? ` (${v.direction})` : "";
    return { ...loadVersion(s, v, `Using v${numberOf(s.versions, v.id)}${label}.`), candidates: null };
  },
  candidatesClosed: (s) => (s.refining ? s : { ...s, candidates: null }),
};
