import type { ShownError } from "@/lib/client/api-error";
import { byCreated, versionNumbers } from "@/lib/client/versions";
import type { ImportedRecipe } from "@/lib/png";
import type {
  Generation,
  GenerationWithImages,
  IdeaDetail,
  Image,
  LibraryEntry,
  PromptVersion,
} from "@/lib/schemas/entities";

/** A generation as the studio shows it: with its images so far and its place in the queue. */
export type GenerationView = GenerationWithImages & {
  ahead?: number | null;
  retry?: { attempt: number; delayMs: number; reason: string } | null;
};

export type RefineMode = "new" | "again" | "restyle";

/** One of several candidates: its text as it streams, then its saved version (or why it failed). */
export type CandidateView = { index: number; text: string; version: PromptVersion | null; error: ShownError | null };

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
  refining: null | { mode: RefineMode; restore: { prompt: string; negative: string } };
  /**
   * Candidates being written or waiting to be chosen (2–4 asked for); null otherwise. They are
   * saved versions as soon as each is done: choosing one only makes it the current version.
   */
  candidates: null | { mode: RefineMode; items: CandidateView[] };
  /** Library entries starred from this idea's versions (for the star markers). */
  library: LibraryEntry[];
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
  | { type: "refineStart"; mode: RefineMode; candidates?: number }
  | { type: "refineDelta"; text: string; reset: boolean; candidate?: number }
  | { type: "refineDone"; version: PromptVersion }
  | { type: "candidateSaved"; index: number; version: PromptVersion }
  | { type: "candidateFailed"; index: number; error: ShownError }
  | { type: "candidatesDone"; items: PromptVersion[]; failed: { index: number; error: ShownError }[] }
  | { type: "candidateChosen"; id: string }
  | { type: "candidatesClosed" }
  | { type: "versionUpdated"; version: PromptVersion }
  | { type: "libraryChanged"; versionId: string; entry: LibraryEntry | null }
  | { type: "refineFail"; error: ShownError }
  | { type: "refineStopped" }
  | { type: "select"; id: string }
  | { type: "versionSaved"; version: PromptVersion }
  /** An edit a reload left unsaved, back in the editor (edit-backup.ts); it then saves itself. */
  | { type: "editRestored"; prompt: string; negative: string }
  | { type: "generateError"; error: ShownError | null }
  | { type: "generationAdded"; generation: Generation }
  | { type: "generationChanged"; generation: Generation & { ahead?: number | null } }
  | { type: "progress"; id: string; progress: number }
  | { type: "image"; id: string; image: Image }
  | { type: "retry"; id: string; retry: { attempt: number; delayMs: number; reason: string } }
  | { type: "generationDone"; generation: GenerationWithImages }
  | { type: "generationError"; id: string; error: { code: string; message: string }; generation?: Generation }
  /** The server answers again after a lost connection (use-generation-follower.ts). */
  | { type: "connectionBack" }
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
    candidates: null,
    library: [],
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
    library: detail.library ?? [],
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

/** The versions with `v` in (replacing an older copy), oldest first. */
function withVersion(versions: readonly PromptVersion[], v: PromptVersion): PromptVersion[] {
  return [...versions.filter((x) => x.id !== v.id), v].sort(byCreated);
}

const numberOf = (versions: readonly PromptVersion[], id: string) =>
  versionNumbers(versions).get(id) ?? versions.length;

function loadVersion(s: StudioState, v: PromptVersion, notice: string): StudioState {
  return {
    ...s,
    currentId: v.id,
    prompt: v.prompt,
    negative: v.negativePrompt ?? "",
    generateError: null,
    notice,
    imported: null,
    importStatus: "",
  };
}

function saved(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

export function studioReducer(s: StudioState, a: StudioAction): StudioState {
  switch (a.type) {
    case "ideaText":
      return { ...s, ideaText: a.text };
    // Typing makes the last event's notice ("Saved as v3.") stale: the badge says where the edit stands.
    case "prompt":
      return s.refining ? s : { ...s, prompt: a.text, notice: "" };
    case "negative":
      return { ...s, negative: a.text, notice: "" };
    case "instruction":
      return { ...s, instruction: a.text };

    case "refineStart": {
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
    }
    case "refineDelta":
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
    case "refineDone": {
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
    }
    case "candidateSaved": {
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
    case "candidateFailed":
      if (!s.candidates) return s;
      return {
        ...s,
        candidates: {
          ...s.candidates,
          items: s.candidates.items.map((c) => (c.index === a.index && !c.version ? { ...c, error: a.error } : c)),
        },
      };
    case "candidatesDone": {
      let next: StudioState = s;
      const known = new Set(s.candidates?.items.flatMap((c) => (c.version ? [c.version.id] : [])) ?? []);
      // The final list is the truth: take any candidate whose own event was missed.
      for (const [i, v] of a.items.entries()) {
        if (known.has(v.id)) continue;
        const slot = next.candidates?.items.find((c) => !c.version && !c.error)?.index ?? i;
        next = studioReducer(next, { type: "candidateSaved", index: slot, version: v });
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
    }
    case "candidateChosen": {
      const v = s.versions.find((x) => x.id === a.id);
      if (!v || s.refining) return s;
      const label = v.direction ? ` (${v.direction})` : "";
      return { ...loadVersion(s, v, `Using v${numberOf(s.versions, v.id)}${label}.`), candidates: null };
    }
    case "candidatesClosed":
      return s.refining ? s : { ...s, candidates: null };
    case "versionUpdated": {
      if (!s.versions.some((x) => x.id === a.version.id)) return s;
      return { ...s, versions: s.versions.map((x) => (x.id === a.version.id ? a.version : x)) };
    }
    case "libraryChanged": {
      const rest = s.library.filter((e) => e.versionId !== a.versionId);
      return { ...s, library: a.entry ? [...rest, a.entry] : rest };
    }
    case "refineFail": {
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
    }
    case "refineStopped": {
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
    }

    case "select": {
      const v = s.versions.find((x) => x.id === a.id);
      if (!v || s.refining) return s;
      return { ...loadVersion(s, v, `Loaded v${numberOf(s.versions, v.id)}.`), candidates: null };
    }
    case "versionSaved": {
      const versions = withVersion(s.versions, a.version);
      // The editor keeps what is typed in it: a save lands while the person may still be typing.
      return {
        ...s,
        versions,
        candidates: null,
        currentId: a.version.id,
        notice: `Your edit was saved as v${numberOf(versions, a.version.id)}.`,
        imported: null,
      };
    }
    case "editRestored":
      if (s.refining || !s.currentId) return s;
      return { ...s, prompt: a.prompt, negative: a.negative, notice: "Your unsaved edit is back; it is being saved." };

    case "imported": {
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
        generations: [],
        library: [],
        imported: null,
        importStatus: "",
        notice:
          v.source === "verbatim"
            ? "Your prompt was saved as written, as v1 of a new idea."
            : "Saved as v1 of a new idea.",
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
          : {
              ...g,
              // A poll of a job still waiting reports 0: only real progress means it has started.
              status: g.status === "queued" && a.progress > 0 ? "running" : g.status,
              progress: Math.max(g.progress, a.progress),
            },
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
            : done.error?.code === "interrupted"
              ? "Generation interrupted: the server restarted while it ran."
              : `Generation failed: ${stripStop(done.error?.message ?? "no reason given")}.`;
      return { ...patchGeneration(s, done.id, () => ({ ...done, ahead: null, retry: null })), notice: words };
    }
    case "connectionBack": {
      // "Could not be reached" is no longer true: those banners go; any other error stays.
      const gone = (e: ShownError | null) => (e?.code === "network" ? null : e);
      const refineError = gone(s.refineError);
      const generateError = gone(s.generateError);
      return refineError === s.refineError && generateError === s.generateError
        ? s
        : { ...s, refineError, generateError };
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

/** After a stop or failure: the candidates already saved stay on screen to be chosen. */
function keptCandidates(s: StudioState): StudioState["candidates"] {
  const items = s.candidates?.items.filter((c) => c.version) ?? [];
  return items.length && s.candidates ? { mode: s.candidates.mode, items } : null;
}
