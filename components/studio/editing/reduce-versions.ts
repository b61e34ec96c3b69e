import { byCreated, versionNumbers } from "@/lib/client/versions";
import type { PromptVersion } from "@/lib/schemas/entities";
import type { StudioHandlers, StudioState } from "../studio-state";

/** The versions with `v` in (replacing an older copy), oldest first. */
export function withVersion(versions: readonly PromptVersion[], v: PromptVersion): PromptVersion[] {
  return [...versions.filter((x) => x.id !== v.id), v].sort(byCreated);
}

export const numberOf = (versions: readonly PromptVersion[], id: string) =>
  versionNumbers(versions).get(id) ?? versions.length;

export function loadVersion(s: StudioState, v: PromptVersion, notice: string): StudioState {
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

/** The editor's fields, and the idea's versions: loading, saving, restoring and starring them. */
export const versionHandlers: StudioHandlers<
  | "ideaText"
  | "prompt"
  | "negative"
  | "instruction"
  | "versionUpdated"
  | "versionArrived"
  | "libraryChanged"
  | "select"
  | "versionSaved"
  | "editRestored"
> = {
  ideaText: (s, a) => ({ ...s, ideaText: a.text }),
  // Typing makes the last event's notice ("Saved as v3.") stale: the badge says where the edit stands.
  prompt: (s, a) => (s.refining ? s : { ...s, prompt: a.text, notice: "" }),
  negative: (s, a) => ({ ...s, negative: a.text, notice: "" }),
  instruction: (s, a) => ({ ...s, instruction: a.text }),

  versionUpdated: (s, a) => {
    if (!s.versions.some((x) => x.id === a.version.id)) return s;
    return { ...s, versions: s.versions.map((x) => (x.id === a.version.id ? a.version : x)) };
  },
  versionArrived: (s, a) => {
    if (a.version.ideaId !== s.ideaId || s.versions.some((x) => x.id === a.version.id)) return s;
    return { ...s, versions: withVersion(s.versions, a.version) };
  },
  libraryChanged: (s, a) => {
    const rest = s.library.filter((e) => e.versionId !== a.versionId);
    return { ...s, library: a.entry ? [...rest, a.entry] : rest };
  },

  select: (s, a) => {
    const v = s.versions.find((x) => x.id === a.id);
    if (!v || s.refining) return s;
    return { ...loadVersion(s, v, `Loaded v${numberOf(s.versions, v.id)}.`), candidates: null };
  },
  versionSaved: (s, a) => {
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
  },
  editRestored: (s, a) => {
    if (s.refining || !s.currentId) return s;
    return { ...s, prompt: a.prompt, negative: a.negative, notice: "Your unsaved edit is back; it is being saved." };
  },
};
