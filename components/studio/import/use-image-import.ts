"use client";

import { type Dispatch, type SetStateAction, useCallback, useLayoutEffect, useRef } from "react";
import { backendLabel } from "@/lib/client/format";
import { pickRecipeFile, readRecipeFile } from "@/lib/client/recipe-file";
import type { ImportedRecipe } from "@/lib/png";
import type { Catalog } from "@/lib/schemas/catalog";
import { type ComposeSettings, capsOf, dropDefaults, fitToBackend } from "../generations/compose-settings";
import { fitRecipeParams, importSummary, refitSummary, settingsFromRecipe } from "./import-recipe";
import type { StudioAction } from "../studio-state";
import { useFileDrop } from "./use-file-drop";

type Input = {
  catalog: Catalog;
  dispatch: Dispatch<StudioAction>;
  refining: boolean;
  settings: ComposeSettings;
  setSettings: Dispatch<SetStateAction<ComposeSettings>>;
  /** The recipe whose prompt is in the editor, unsaved; null otherwise. */
  recipe: ImportedRecipe | null;
  /** Runs `then` once an unsaved edit is saved, so a load never throws it away. */
  keepEdit: (then: () => void) => void;
};

const WAIT = "Wait for the refinement to finish, or stop it, then load the image.";

/**
 * Loading a PNG's recipe (picked, or dropped anywhere on the page) into the studio, and the
 * Backend choice that refits its settings while it is unsaved. Nothing is saved by a load.
 */
export function useImageImport({ catalog, dispatch, refining, settings, setSettings, recipe, keepEdit }: Input) {
  const noticeRef = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  // What a load runs against: read after the file has been read, so never stale.
  const latest = useRef({ refining, settings, keepEdit });
  useLayoutEffect(() => {
    latest.current = { refining, settings, keepEdit };
  });

  const onBackend = useCallback(
    (id: string) => {
      const nextCaps = capsOf(catalog, id, latest.current.settings);
      if (!recipe) {
        setSettings((s) => fitToBackend(dropDefaults({ ...s, backend: id }, capsOf(catalog, s.backend, s)), nextCaps));
        return;
      }
      // While an imported prompt is unsaved, the image's settings follow the backend chosen.
      setSettings((s) => settingsFromRecipe({ ...s, backend: id }, recipe.params, nextCaps).settings);
      dispatch({
        type: "importStatus",
        status: refitSummary(fitRecipeParams(recipe.params, nextCaps), backendLabel(id)),
      });
    },
    [catalog, recipe, dispatch, setSettings],
  );

  // Bring what the load did into view (on a phone the Prompt is below the compose zone); focus stays put.
  const reveal = () => {
    const go = () => noticeRef.current?.scrollIntoView?.({ block: "nearest" });
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(go);
    else setTimeout(go, 0);
  };

  /** Reads a dropped or picked PNG's recipe into the studio. Nothing is saved. */
  const onImageFile = async (file: File) => {
    const mine = ++seq.current;
    if (latest.current.refining) {
      dispatch({ type: "importStatus", status: WAIT });
      reveal();
      return;
    }
    const result = await readRecipeFile(file);
    // A later file wins; a refinement started meanwhile keeps the editor.
    if (mine !== seq.current) return;
    if (!result.ok || latest.current.refining) {
      dispatch({ type: "importStatus", status: result.ok ? WAIT : result.message });
      reveal();
      return;
    }
    latest.current.keepEdit(() => {
      const now = latest.current.settings;
      const nowCaps = capsOf(catalog, now.backend, now);
      const { settings: next, fit } = settingsFromRecipe(now, result.recipe.params, nowCaps);
      setSettings(next);
      dispatch({ type: "imported", recipe: result.recipe, status: importSummary(result.recipe, fit, nowCaps) });
      reveal();
    });
  };

  const dragging = useFileDrop((files) => {
    const file = pickRecipeFile(files);
    if (file) void onImageFile(file);
  });

  return { noticeRef, onImageFile, onBackend, dragging };
}
