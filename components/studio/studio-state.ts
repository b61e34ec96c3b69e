import type { ShownError } from "@/lib/client/api-error";
import { byCreated } from "@/lib/client/versions";
import type { ImportedRecipe } from "@/lib/png";
import type {
  Generation,
  GenerationWithImages,
  IdeaDetail,
  Image,
  LibraryEntry,
  PromptVersion,
} from "@/lib/schemas/entities";
import { candidateHandlers } from "./candidates/reduce-candidates";
import { generationHandlers } from "./generations/reduce-generations";
import { importHandlers } from "./import/reduce-import";
import { refineHandlers } from "./editing/reduce-refine";
import { versionHandlers } from "./editing/reduce-versions";

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
  /** A version made elsewhere (a Fix misses round): into History, without moving the editor. */
  | { type: "versionArrived"; version: PromptVersion }
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

/** The handlers of some of the actions, by type: each concern's file (reduce-*.ts) holds its own. */
export type StudioHandlers<T extends StudioAction["type"]> = {
  [K in T]: (s: StudioState, a: Extract<StudioAction, { type: K }>) => StudioState;
};

// Typed as every action's handler: one left out (or a new action without one) does not compile.
const handlers: StudioHandlers<StudioAction["type"]> = {
  ...versionHandlers,
  ...refineHandlers,
  ...candidateHandlers,
  ...importHandlers,
  ...generationHandlers,
};

export function studioReducer(s: StudioState, a: StudioAction): StudioState {
  const handle = handlers[a.type] as (s: StudioState, a: StudioAction) => StudioState;
  return handle(s, a);
}
