"use client";

import { type Dispatch, useEffect } from "react";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { StudioAction } from "../studio-state";

/*
 * The last resort when a page with an unsaved edit is reloaded or closed: the edit goes out in a
 * keepalive save, but the address still names the version it was made from, and the save may
 * land after the next page has read the idea. So the edit is also kept in this tab's
 * sessionStorage (never sent anywhere), and the next studio that opens the same version finds
 * either the saved child or, failing that, puts the text back as an unsaved edit (which then
 * saves itself).
 */

const KEY = "promptsmith:unsaved-edit";
/**
 * A backup is for the page that opens next, a reload a moment later. It is kept even when the
 * keepalive save answers in time (the reload already asked for the old version), but an old one
 * must not move a later, deliberate visit of the parent to its child.
 */
const FRESH_MS = 60_000;

type Backup = { ideaId: string; versionId: string; prompt: string; negative: string };

export function backupEdit(b: Backup): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ ...b, at: Date.now() }));
  } catch {
    // Storage full or refused (private modes): the keepalive save is still on its way.
  }
}

function takeBackup(): Backup | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const b = raw ? (JSON.parse(raw) as Partial<Backup & { at: number }>) : null;
    if (!b || typeof b.ideaId !== "string" || typeof b.versionId !== "string" || typeof b.prompt !== "string") {
      return null;
    }
    if (typeof b.at !== "number" || Date.now() - b.at > FRESH_MS) return null;
    return { ideaId: b.ideaId, versionId: b.versionId, prompt: b.prompt, negative: String(b.negative ?? "") };
  } catch {
    return null;
  }
}

/** On opening a version, brings back an edit of it that a reload or a closed tab left unsaved. */
export function useRestoreEdit(
  dispatch: Dispatch<StudioAction>,
  current: PromptVersion | undefined,
  versions: readonly PromptVersion[],
): void {
  // Once, on mount: the state a server render started from, before anything is typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the version the page opened with
  useEffect(() => {
    const b = takeBackup();
    if (!b || !current || b.versionId !== current.id || b.ideaId !== current.ideaId) return;
    if (b.prompt.trim() === current.prompt.trim()) return;
    const saved = versions.find(
      (v) => v.parentId === current.id && v.source === "edit" && v.prompt === b.prompt.trim(),
    );
    if (saved) dispatch({ type: "select", id: saved.id });
    else dispatch({ type: "editRestored", prompt: b.prompt, negative: b.negative });
  }, []);
}
