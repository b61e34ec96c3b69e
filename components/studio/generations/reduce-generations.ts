import type { ShownError } from "@/lib/client/api-error";
import type { GenerationView, StudioHandlers, StudioState } from "../studio-state";

function patchGeneration(s: StudioState, id: string, fn: (g: GenerationView) => GenerationView): StudioState {
  return { ...s, generations: s.generations.map((g) => (g.id === id ? fn(g) : g)) };
}

const FINISHED = new Set(["succeeded", "failed", "canceled"]);

const stripStop = (s: string) => s.replace(/[.\s]+$/, "");

/** Generations in view: started, followed (progress, images, retries) and settled, with what happened in words. */
export const generationHandlers: StudioHandlers<
  | "generateError"
  | "generationAdded"
  | "generationChanged"
  | "progress"
  | "retry"
  | "image"
  | "generationDone"
  | "connectionBack"
  | "generationError"
> = {
  generateError: (s, a) => ({ ...s, generateError: a.error }),
  generationAdded: (s, a) => {
    if (s.generations.some((g) => g.id === a.generation.id)) return s;
    return {
      ...s,
      generateError: null,
      generations: [{ ...a.generation, images: [] }, ...s.generations],
      notice: "Queued.",
    };
  },
  generationChanged: (s, a) =>
    patchGeneration(s, a.generation.id, (g) =>
      FINISHED.has(g.status) ? g : { ...g, ...a.generation, images: g.images },
    ),
  progress: (s, a) =>
    patchGeneration(s, a.id, (g) =>
      FINISHED.has(g.status)
        ? g
        : {
            ...g,
            // A poll of a job still waiting reports 0: only real progress means it has started.
            status: g.status === "queued" && a.progress > 0 ? "running" : g.status,
            progress: Math.max(g.progress, a.progress),
          },
    ),
  retry: (s, a) => patchGeneration(s, a.id, (g) => (FINISHED.has(g.status) ? g : { ...g, retry: a.retry })),
  image: (s, a) =>
    patchGeneration(s, a.id, (g) =>
      g.images.some((i) => i.id === a.image.id) ? g : { ...g, images: [...g.images, a.image] },
    ),
  generationDone: (s, a) => {
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
  },
  connectionBack: (s) => {
    // "Could not be reached" is no longer true: those banners go; any other error stays.
    const gone = (e: ShownError | null) => (e?.code === "network" ? null : e);
    const refineError = gone(s.refineError);
    const generateError = gone(s.generateError);
    return refineError === s.refineError && generateError === s.generateError
      ? s
      : { ...s, refineError, generateError };
  },
  generationError: (s, a) => ({
    ...patchGeneration(s, a.id, (g) => ({
      ...g,
      ...(a.generation ?? {}),
      images: g.images,
      status: a.generation?.status && FINISHED.has(a.generation.status) ? a.generation.status : "failed",
      error: a.error,
    })),
    notice: `Generation failed: ${stripStop(a.error.message)}.`,
  }),
};
