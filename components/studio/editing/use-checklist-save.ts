"use client";

import { type Dispatch, useCallback, useState } from "react";
import { saveEdit } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import type { CheckItem } from "@/lib/schemas/checks";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { DraftItem } from "./checklist-panel";
import type { StudioAction } from "../studio-state";

type Input = {
  dispatch: Dispatch<StudioAction>;
  current: PromptVersion | undefined;
  /** Saves a prompt edit still on screen first (use-autosave.ts), answering the version it landed on. */
  settle: () => Promise<PromptVersion>;
};

const same = (a: readonly CheckItem[], b: readonly DraftItem[]) =>
  a.length === b.length &&
  a.every((c, i) => c.id === b[i]?.id && c.text === b[i]?.text.trim() && c.kind === b[i]?.kind);

/**
 * Saves an edited checklist as a new version, as a prompt edit is saved: POST /api/prompts with
 * the version's prompt and the new checks, and the answer becomes the current version.
 */
export function useChecklistSave({ dispatch, current, settle }: Input) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const save = useCallback(
    async (items: DraftItem[]): Promise<boolean> => {
      if (current && same(current.checks, items)) return true;
      setSaving(true);
      setError(null);
      try {
        // The checklist goes on the version the person sees, with any prompt edit on screen saved first.
        const base = await settle();
        const checks = items.map(({ id, text, kind, words }) => ({
          ...(id ? { id } : {}),
          text: text.trim(),
          kind,
          words,
        }));
        const version = await saveEdit({ parentId: base.id, prompt: base.prompt, checks });
        dispatch({ type: "versionSaved", version });
        return true;
      } catch (e) {
        setError(toShownError(e));
        return false;
      } finally {
        setSaving(false);
      }
    },
    [current, dispatch, settle],
  );
  return { save, saving, error };
}
