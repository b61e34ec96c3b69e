import type { StudioHandlers } from "../studio-state";
import { keptCandidates, saved } from "../candidates/reduce-candidates";
import { numberOf, withVersion } from "./reduce-versions";

/** A refinement: it starts, streams into the editor (or its candidates), and ends saved, failed or stopped. */
export const refineHandlers: StudioHandlers<
  "refineStart" | "refineDelta" | "refineDone" | "refineFail" | "refineStopped"
> = {
  refineStart: (s, a) => {
    const n = a.candidates ?? 1;
    const many = n >= 2;
    return {
      ...s,
      refining: { mode: a.mode, restore: { prompt: s.prompt, negative: s.negative } },
      candidates: many
        ? {
            mode: a.mode,
            items: Array.from({ length: n }, (_, index) => ({ index, text: "", version: null, error: null })),
          }
        : null,
      // Candidates stream into their own cards: a follow-up keeps the loaded version in the editor.
      prompt: many && a.mode !== "new" ? s.prompt : "",
      refineError: null,
      generateError: null,
      notice: many ? `Writing ${n} candidates…` : a.mode === "restyle" ? "Restyling…" : "Refining…",
      importStatus: "",
    };
  },
  refineDelta: (s, a) => {
    if (!s.refining) return s;
    if (a.candidate !== undefined) {
      if (!s.candidates) return s;
      return {
        ...s,
        candidates: {
          ...s.candidates,
          items: s.candidates.items.map((c) =>
            c.index === a.candidate && !c.version ? { ...c, text: a.reset ? a.text : c.text + a.text } : c,
          ),
        },
      };
    }
    return { ...s, prompt: a.reset ? a.text : s.prompt + a.text };
  },
  refineDone: (s, a) => {
    const v = a.version;
    const fresh = s.refining?.mode === "new" || v.ideaId !== s.ideaId;
    const versions = fresh ? [v] : withVersion(s.versions, v);
    return {
      ...s,
      refining: null,
      candidates: null,
      ideaId: v.ideaId,
      versions,
      currentId: v.id,
      prompt: v.prompt,
      negative: v.negativePrompt ?? "",
      instruction: "",
      generations: fresh ? [] : s.generations,
      library: fresh ? [] : s.library,
      notice: `Saved as v${numberOf(versions, v.id)}.`,
      imported: null,
    };
  },
  refineFail: (s, a) => {
    const kept = keptCandidates(s);
    return {
      ...s,
      refining: null,
      candidates: kept,
      prompt: s.refining?.restore.prompt ?? s.prompt,
      negative: s.refining?.restore.negative ?? s.negative,
      refineError: a.error,
      notice: kept ? `${saved(kept.items.length, "candidate")} saved before it failed.` : "",
    };
  },
  refineStopped: (s) => {
    const kept = keptCandidates(s);
    return {
      ...s,
      refining: null,
      candidates: kept,
      prompt: s.refining?.restore.prompt ?? s.prompt,
      negative: s.refining?.restore.negative ?? s.negative,
      notice: kept
        ? `Stopped. ${saved(kept.items.length, "candidate")} had been saved; choose one or close.`
        : "Stopped. Nothing was saved.",
    };
  },
};
