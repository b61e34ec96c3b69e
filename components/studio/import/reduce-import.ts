import type { StudioHandlers } from "../studio-state";

/** A recipe read from an image: into the editor unsaved, then saved as the first version of a new idea. */
export const importHandlers: StudioHandlers<"imported" | "importStatus" | "importSaved"> = {
  imported: (s, a) => {
    // A refinement owns the editor until it ends; the studio says so before it gets here.
    if (s.refining) return s;
    const r = a.recipe;
    return {
      ...s,
      // The editor no longer shows a saved version; History stays in view until a new idea is saved.
      currentId: null,
      candidates: null,
      prompt: r.prompt,
      negative: r.negativePrompt ?? "",
      // The image's idea, if it has one; else keep only what the user typed for no idea yet.
      ideaText: r.idea ?? (s.ideaId || s.imported ? "" : s.ideaText),
      instruction: "",
      refineError: null,
      generateError: null,
      notice: "",
      imported: r,
      importStatus: a.status,
    };
  },
  importStatus: (s, a) => ({ ...s, importStatus: a.status }),
  importSaved: (s, a) => {
    const v = a.version;
    return {
      ...s,
      ideaId: v.ideaId,
      ideaText: a.idea,
      versions: [v],
      currentId: v.id,
      generations: [],
      library: [],
      imported: null,
      importStatus: "",
      notice:
        v.source === "verbatim"
          ? "Your prompt was saved as written, as v1 of a new idea."
          : "Saved as v1 of a new idea.",
    };
  },
};
