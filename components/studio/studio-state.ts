import type { ShownError } from "@/lib/client/api-error";
import { byCreated } from "@/lib/client/versions";
import type { ImportedRecipe } from "@/lib/png";
import type { Generation, GenerationWithImages, IdeaDetail, Image, PromptVersion } from "@/lib/schemas/entities";

/** A generation as the studio shows it: with its images so far and its place in the queue. */
export type GenerationView = GenerationWithImages & {
  ahead?: number | null;
  retry?: { attempt: number; delayMs: number; reason: string } | null;
};

/** The studio's working state: one idea, its versions, the editor, and the generations in view. */
export type StudioState = {
  ideaId: string | null;
  ideaText: string;
  /** Oldest first. */
  versions: PromptVersion[];
  currentId: string | null;
  prompt: string;
  negative: string;
  instruction: string;
  refining: null | { mode: "new" | "again"; restore: { prompt: string; negative: string } };
  refineError: ShownError | null;
  generateError: ShownError | null;
  /** Newest first. */
  generations: GenerationView[];
  /** What just happened, in words, for the live region. */
  notice: string;
  /**
   * A recipe read from an image whose prompt is in the editor and not saved yet (it becomes
   * the first version of a new idea on Generate or Refine again); null otherwise.
   */
  imported: ImportedRecipe | null;
  /** What the last image load did or why it could not, in words, for its own live region. */
  importStatus: string;
};

export type StudioAction =
  | { type: "ideaText"; text: string }
  | { type: "prompt"; text: string }
  | { type: "negative"; text: string }
  | { type: "instruction"; text: string }
  | { type: "refineStart"; mode: "new" | "again" }
  | { type: "refineDelta"; text: string; reset: boolean }
  | { type: "refineDone"; version: PromptVersion }
  | { type: "refineFail"; error: ShownError }
  | { type: "refineStopped" }
  | { type: "select"; id: string }
  | { type: "versionSaved"; version: PromptVersion }
  | { type: "generateError"; error: ShownError | null }
  | { type: "generationAdded"; generation: Generation }
  | { type: "generationChanged"; generation: Generation & { ahead?: number | null } }
  | { type: "progress"; id: string; progress: number }
  | { type: "image"; id: string; image: Image }
  | { type: "retry"; id: string; retry: { attempt: number; delayMs: number; reason: string } }
  | { type: "generationDone"; generation: GenerationWithImages }
  | { type: "generationError"; id: string; error: { code: string; message: string }; generation?: Generation }
  | { type: "imported"; recipe: ImportedRecipe; status: string }
  | { type: "importStatus"; status: string }
  | { type: "importSaved"; version: PromptVersion; idea: string };

export function initialState(detail: IdeaDetail | undefined, versionId: string | undefined): StudioState {
  const base: StudioState = {
    ideaId: null,
    ideaText: "",
    versions: [],
    currentId: null,
    prompt: "",
    negative: "",
    instruction: "",
    refining: null,
    refineError: null,
    generateError: null,
    generations: [],
    notice: "",
    imported: null,
    importStatus: "",
  };
  if (!detail) return base;
  const versions = [...detail.versions].sort(byCreated);
  const current = versions.find((v) => v.id === versionId) ?? versions.at(-1);
  return {
    ...base,
    ideaId: detail.idea.id,
    ideaText: detail.idea.text,
    versions,
    currentId: current?.id ?? null,
    prompt: current?.prompt ?? "",
    negative: current?.negativePrompt ?? "",
    generations: [...detail.generations].sort((a, b) => -byCreated(a, b)),
  };
}

export function currentVersion(s: StudioState): PromptVersion | undefined {
  return s.versions.find((v) => v.id === s.currentId);
}

function patchGeneration(s: StudioState, id: string, fn: (g: GenerationView) => GenerationView): StudioState {
  return { ...s, generations: s.generations.map((g) => (g.id === id ? fn(g) : g)) };
}

const FINISHED = new Set(["succeeded", "failed", "canceled"]);

const stripStop = (s: string) => s.replace(/[.\s]+$/, "");

export function studioReducer(s: StudioState, a: StudioAction): StudioState {
  switch (a.type) {
    case "ideaText":
      return { ...s, ideaText: a.text };
    case "prompt":
      return s.refining ? s : { ...s, prompt: a.text };
    case "negative":
      return { ...s, negative: a.text };
    case "instruction":
      return { ...s, instruction: a.text };

    case "refineStart":
      return {
        ...s,
        refining: { mode: a.mode, restore: { prompt: s.prompt, negative: s.negative } },
        prompt: "",
        refineError: null,
        generateError: null,
        notice: "Refining…",
        importStatus: "",
      };
    case "refineDelta":
      if (!s.refining) return s;
      return { ...s, prompt: a.reset ? a.text : s.prompt + a.text };
    case "refineDone": {
      const v = a.version;
      const fresh = s.refining?.mode === "new" || v.ideaId !== s.ideaId;
      const versions = fresh ? [v] : [...s.versions.filter((x) => x.id !== v.id), v];
      return {
        ...s,
        refining: null,
        ideaId: v.ideaId,
        versions,
        currentId: v.id,
        prompt: v.prompt,
        negative: v.negativePrompt ?? "",
        instruction: "",
        generations: fresh ? [] : s.generations,
        notice: `Saved as v${versions.length}.`,
        imported: null,
      };
    }
    case "refineFail":
      return {
        ...s,
        refining: null,
        prompt: s.refining?.restore.prompt ?? s.prompt,
        negative: s.refining?.restore.negative ?? s.negative,
        refineError: a.error,
        notice: "",
      };
    case "refineStopped":
      return {
        ...s,
        refining: null,
        prompt: s.refining?.restore.prompt ?? s.prompt,
        negative: s.refining?.restore.negative ?? s.negative,
        notice: "Stopped. Nothing was saved.",
      };

    case "select": {
      const v = s.versions.find((x) => x.id === a.id);
      if (!v || s.refining) return s;
      const n = s.versions.indexOf(v) + 1;
      return {
        ...s,
        currentId: v.id,
        prompt: v.prompt,
        negative: v.negativePrompt ?? "",
        generateError: null,
        notice: `Loaded v${n}.`,
        imported: null,
        importStatus: "",
      };
    }
    case "versionSaved": {
      const versions = [...s.versions.filter((x) => x.id !== a.version.id), a.version];
      return {
        ...s,
        versions,
        currentId: a.version.id,
        prompt: a.version.prompt,
        negative: a.version.negativePrompt ?? "",
        notice: `Your edit was saved as v${versions.length}.`,
        imported: null,
      };
    }

    case "imported": {
      // A refinement owns the editor until it ends; the studio says so before it gets here.
      if (s.refining) return s;
      const r = a.recipe;
      return {
        ...s,
        // The editor no longer shows a saved version; History stays in view until a new idea is saved.
        currentId: null,
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
    }
    case "importStatus":
      return { ...s, importStatus: a.status };
    case "importSaved": {
      const v = a.version;
      return {
        ...s,
        ideaId: v.ideaId,
        ideaText: a.idea,
        versions: [v],
        currentId: v.id,
        prompt: v.prompt,
        negative: v.negativePrompt ?? "",
        generations: [],
        imported: null,
        importStatus: "",
        notice: "Saved as v1 of a new idea.",
      };
    }

    case "generateError":
      return { ...s, generateError: a.error };
    case "generationAdded":
      if (s.generations.some((g) => g.id === a.generation.id)) return s;
      return {
        ...s,
        generateError: null,
        generations: [{ ...a.generation, images: [] }, ...s.generations],
        notice: "Queued.",
      };
    case "generationChanged":
      return patchGeneration(s, a.generation.id, (g) =>
        FINISHED.has(g.status) ? g : { ...g, ...a.generation, images: g.images },
      );
    case "progress":
      return patchGeneration(s, a.id, (g) =>
        FINISHED.has(g.status)
          ? g
          : { ...g, status: g.status === "queued" ? "running" : g.status, progress: Math.max(g.progress, a.progress) },
      );
    case "retry":
      return patchGeneration(s, a.id, (g) => (FINISHED.has(g.status) ? g : { ...g, retry: a.retry }));
    case "image":
      return patchGeneration(s, a.id, (g) =>
        g.images.some((i) => i.id === a.image.id) ? g : { ...g, images: [...g.images, a.image] },
      );
    case "generationDone": {
      const done = a.generation;
      const words =
        done.status === "succeeded"
          ? `Done: ${done.images.length} ${done.images.length === 1 ? "image" : "images"}.`
          : done.status === "canceled"
            ? "Generation canceled."
            : `Generation failed: ${stripStop(done.error?.message ?? "no reason given")}.`;
      return { ...patchGeneration(s, done.id, () => ({ ...done, ahead: null, retry: null })), notice: words };
    }
    case "generationError":
      return {
        ...patchGeneration(s, a.id, (g) => ({
          ...g,
          ...(a.generation ?? {}),
          images: g.images,
          status: a.generation?.status && FINISHED.has(a.generation.status) ? a.generation.status : "failed",
          error: a.error,
        })),
        notice: `Generation failed: ${stripStop(a.error.message)}.`,
      };
  }
}
