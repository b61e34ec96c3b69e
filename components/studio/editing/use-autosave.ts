"use client";

import { type Dispatch, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { saveEdit } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import type { PromptVersion } from "@/lib/schemas/entities";
import { syncAddress } from "../address";
import { backupEdit } from "./edit-backup";
import { ideaForImport } from "../import/import-recipe";
import type { StudioAction } from "../studio-state";

/** How long typing must pause before an edit saves itself. */
export const AUTOSAVE_MS = 1500;

export type SaveStatus =
  | { kind: "clean" }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "saved"; versionId: string }
  | { kind: "failed"; error: ShownError };

type Input = {
  dispatch: Dispatch<StudioAction>;
  /** The version shown in the editor; undefined for a prompt that is not a version yet. */
  current: PromptVersion | undefined;
  prompt: string;
  negative: string;
  ideaText: string;
  /** Whether the backend shows a Negative prompt (else an edit keeps its parent's). */
  negativeShown: boolean;
  /** A prompt read from an image (saved as an import) rather than typed (saved as verbatim). */
  imported: boolean;
  /** A refinement owns the editor: nothing is saved meanwhile. */
  refining: boolean;
};

/** The edit on screen differs from the version it was made from. */
export function differs(v: PromptVersion, prompt: string, negative: string, negativeShown: boolean): boolean {
  return prompt.trim() !== v.prompt.trim() || (negativeShown && negative.trim() !== (v.negativePrompt ?? "").trim());
}

/**
 * Never lose an edit. A hand edit of a version saves itself as a child of it: when typing
 * pauses, when the field loses focus, when the page is hidden or left (a keepalive request
 * that outlives the page), and before anything acts on the prompt (`settle`). Each save is a
 * child of the one before: every version anyone saw saved stays as it was (an image, a star
 * or a link may already point at it), and the pause keeps it to one version per burst.
 * A prompt that is not a version yet (typed, or read from an image) is saved only when asked:
 * Save as version, Generate or Refine again make it the first version of a new idea.
 */
export function useAutosave(input: Input) {
  const { dispatch, current, prompt, negative, negativeShown, refining } = input;
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<ShownError | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const latest = useRef(input);
  // What the next save is a child of: moved on as soon as a save answers, before React renders.
  const base = useRef(current);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlightRef = useRef(0);
  useLayoutEffect(() => {
    latest.current = input;
  });
  useEffect(() => {
    base.current = current;
  }, [current]);

  const edited = !!current && !refining && differs(current, prompt, negative, negativeShown);
  const draft = !current && !refining && prompt.trim() !== "";

  const run = useCallback(
    async (keepalive: boolean): Promise<PromptVersion> => {
      const now = latest.current;
      const from = base.current;
      if (from && !differs(from, now.prompt, now.negative, now.negativeShown)) return from;
      if (!from && !now.prompt.trim()) throw new Error("Write or refine a prompt first.");
      inFlightRef.current += 1;
      setInFlight((n) => n + 1);
      try {
        let version: PromptVersion;
        if (from) {
          const neg = now.negativeShown ? now.negative.trim() : (from.negativePrompt ?? undefined);
          version = await saveEdit(
            { parentId: from.id, prompt: now.prompt.trim(), ...(neg !== undefined ? { negativePrompt: neg } : {}) },
            undefined,
            { keepalive },
          );
          dispatch({ type: "versionSaved", version });
        } else {
          // A new idea whose first version is this prompt, as written. The negative prompt is
          // kept even where this backend shows none, as an edit keeps its parent's.
          const idea = ideaForImport(now.ideaText, now.prompt);
          const neg = now.negative.trim();
          version = await saveEdit(
            {
              idea,
              prompt: now.prompt.trim(),
              ...(neg ? { negativePrompt: neg } : {}),
              ...(now.imported ? {} : { source: "verbatim" as const }),
            },
            undefined,
            { keepalive },
          );
          dispatch({ type: "importSaved", version, idea });
        }
        base.current = version;
        // The address follows at once, so a navigation right after this lands back on the saved version.
        syncAddress(version.ideaId, version.id);
        setSavedId(version.id);
        setError(null);
        return version;
      } catch (e) {
        setError(toShownError(e));
        throw e;
      } finally {
        inFlightRef.current -= 1;
        setInFlight((n) => n - 1);
      }
    },
    [dispatch],
  );

  /** Saves what is on screen (after any save under way) and answers with the version to act on. */
  const settle = useCallback(
    (opts: { keepalive?: boolean } = {}): Promise<PromptVersion> => {
      const next = queue.current.catch(() => undefined).then(() => run(opts.keepalive ?? false));
      queue.current = next;
      return next;
    },
    [run],
  );

  // Read by event handlers (leaving the page can come at any moment): current from the commit on.
  const dirty = useRef({ edited, draft, failed: false });
  useLayoutEffect(() => {
    dirty.current = { edited, draft, failed: error !== null };
  });

  /** Saves an edit of a version now, if there is one (a draft waits to be asked). */
  const flush = useCallback(
    (opts: { keepalive?: boolean } = {}) => {
      if (dirty.current.edited) settle(opts).catch(() => undefined);
    },
    [settle],
  );

  // Typing paused: save.
  // biome-ignore lint/correctness/useExhaustiveDependencies: every keystroke (prompt, negative) restarts the pause
  useEffect(() => {
    if (!edited) return;
    const timer = setTimeout(() => flush(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [edited, flush, prompt, negative]);

  // The tab is hidden or the page left: save with a request that outlives the page; if the
  // edit cannot be saved for sure (a save under way or failed, or a prompt never saved), ask.
  useEffect(() => {
    const leave = () => {
      const { current: v, prompt: text, negative: neg } = latest.current;
      if (dirty.current.edited && v) backupEdit({ ideaId: v.ideaId, versionId: v.id, prompt: text, negative: neg });
      flush({ keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") leave();
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const d = dirty.current;
      if (!d.edited && !d.draft && !d.failed && inFlightRef.current === 0) return;
      leave();
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = "";
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [flush]);

  // Leaving the studio inside the app (Back, or a link the guard did not see): save on the way out.
  useEffect(() => () => flush({ keepalive: true }), [flush]);

  let status: SaveStatus = { kind: "clean" };
  if (inFlight > 0) status = { kind: "saving" };
  else if (error && (edited || draft)) status = { kind: "failed", error };
  else if (edited) status = { kind: "unsaved" };
  else if (current && savedId === current.id) status = { kind: "saved", versionId: current.id };

  /** What leaving would lose: an edit (or a save under way) to wait for, or a prompt never saved, to ask about. */
  const unsaved = useCallback((): "edit" | "draft" | null => {
    const d = dirty.current;
    if (d.edited || inFlightRef.current > 0) return "edit";
    return d.draft ? "draft" : null;
  }, []);

  return { status, edited, draft, settle, flush, unsaved };
}
