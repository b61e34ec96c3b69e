"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { onVersionAnnounced } from "@/lib/client/version-events";
import { versionNumbers } from "@/lib/client/versions";
import type { Catalog } from "@/lib/schemas/catalog";
import type { IdeaDetail } from "@/lib/schemas/entities";
import { ComposePanel } from "./generations/compose-panel";
import { capsOf, findBackend, type ReuseImage } from "./generations/compose-settings";
import { DropOverlay } from "./import/drop-overlay";
import { useRestoreEdit } from "./editing/edit-backup";
import { HistoryColumn } from "./editing/history-column";
import { keepEditWith } from "./editing/keep-edit";
import { PromptColumn } from "./editing/prompt-column";
import { currentVersion, initialState, studioReducer } from "./studio-state";
import { useAddressSync } from "./use-address-sync";
import { usePreloadParts } from "./use-preload-parts";
import { useAutosave } from "./editing/use-autosave";
import { useComposeSettings } from "./generations/use-compose-settings";
import { useGenerate } from "./generations/use-generate";
import { useGenerateAsTyped } from "./generations/use-generate-as-typed";
import { useGenerationFollower } from "./generations/use-generation-follower";
import { useImageImport } from "./import/use-image-import";
import { useLeaveGuard } from "./editing/use-leave-guard";
import { useRefine } from "./editing/use-refine";
import { useRefineFlow } from "./editing/use-refine-flow";

type Props = {
  catalog: Catalog;
  /** An idea to open (from ?idea= or ?version=), with the version to load. */
  initial?: { detail: IdeaDetail; versionId?: string; reuse?: ReuseImage };
  /** Idea text to start with (from ?text=). */
  initialIdeaText?: string;
  /** Issue 13: the current house rules, when there are any to follow. */
  houseRules?: { version: number; text: string } | null;
};

/**
 * The studio: compose (left), prompt and results (centre), History (right);
 * stacked on phones in that order: compose, prompt, results, history.
 */
export function Studio({ catalog, initial, initialIdeaText, houseRules = null }: Props) {
  const [state, dispatch] = useReducer(studioReducer, initial, (i) => {
    const s = initialState(i?.detail, i?.versionId);
    return initialIdeaText && !i ? { ...s, ideaText: initialIdeaText } : s;
  });
  const current = currentVersion(state);
  const { settings, setSettings, onSettings } = useComposeSettings(catalog, initial, current);
  const [candidateCount, setCandidateCount] = useState(1);
  const [followHouseRules, setFollowHouseRules] = useState(true);
  const router = useRouter();
  const ideaRef = useRef<HTMLTextAreaElement>(null);

  const refining = state.refining !== null;
  const refine = useRefine(dispatch, refining);
  const follower = useGenerationFollower(dispatch, state.generations);

  const caps = capsOf(catalog, settings.backend, settings);
  const backend = findBackend(catalog, settings.backend);
  const numbers = useMemo(() => versionNumbers(state.versions), [state.versions]);
  const autosave = useAutosave({
    dispatch,
    current,
    prompt: state.prompt,
    negative: state.negative,
    ideaText: state.ideaText,
    negativeShown: caps.negativePrompt,
    imported: state.imported !== null,
    refining,
  });
  useLeaveGuard(autosave.unsaved, autosave.settle);
  useRestoreEdit(dispatch, current, state.versions);
  useAddressSync(state.ideaId, state.currentId, initial?.versionId);
  useEffect(() => onVersionAnnounced((version) => dispatch({ type: "versionArrived", version })), []);
  // A prompt that is no version yet (typed, or read from an image): Generate, Save as version or Refine again saves it first.
  const draft = !current && (state.imported !== null || autosave.draft);
  usePreloadParts({
    idea: state.ideaText.trim() !== "",
    prompt: refining || draft || current !== undefined,
    candidates: candidateCount,
  });

  const settle = autosave.settle;
  const keepEdit = keepEditWith(autosave);
  const imports = useImageImport({
    catalog,
    dispatch,
    refining,
    settings,
    setSettings,
    recipe: state.imported,
    keepEdit,
  });
  const flow = useRefineFlow({
    dispatch,
    refine,
    state,
    current,
    draft,
    settings,
    candidateCount,
    settle,
    keepEdit,
    houseRulesOff: houseRules !== null && !followHouseRules,
  });
  const asTyped = useGenerateAsTyped({
    caps,
    dispatch,
    ideaText: state.ideaText,
    settings,
    refining,
    follow: follower.follow,
  });
  const generate = useGenerate({ catalog, dispatch, state, current, draft, settings, settle, follow: follower.follow });

  const onPickExample = (idea: string) => {
    dispatch({ type: "ideaText", text: idea });
    ideaRef.current?.focus();
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(16rem,20rem)_minmax(0,1fr)] lg:gap-10 xl:grid-cols-[minmax(16rem,20rem)_minmax(0,1fr)_minmax(15rem,19rem)]">
      <h1 className="sr-only">Studio</h1>
      <div className="min-w-0">
        <ComposePanel
          catalog={catalog}
          ideaText={state.ideaText}
          onIdeaText={(text) => dispatch({ type: "ideaText", text })}
          ideaRef={ideaRef}
          settings={settings}
          onSettings={onSettings}
          onBackend={imports.onBackend}
          refining={refining}
          onRefine={flow.onRefine}
          hasIdea={state.ideaId !== null}
          // The page gives the studio a fresh key on every visit, so this starts blank.
          onNewIdea={() => router.push("/")}
          onImageFile={(file) => void imports.onImageFile(file)}
          candidates={candidateCount}
          onCandidates={setCandidateCount}
          restyle={flow.restyle && current ? { ...flow.restyle, versionNumber: numbers.get(current.id) ?? 0 } : null}
          onApplyStyle={flow.onApplyStyle}
          asTyped={{
            disabled: asTyped.disabled,
            busy: asTyped.busy,
            onClick: () => keepEdit(() => void asTyped.onGenerateAsTyped()),
          }}
          houseRules={{ rules: houseRules, on: followHouseRules, onChange: setFollowHouseRules }}
        />
      </div>

      <PromptColumn
        catalog={catalog}
        state={state}
        dispatch={dispatch}
        current={current}
        numbers={numbers}
        draft={draft}
        settings={settings}
        caps={caps}
        backend={backend}
        candidateCount={candidateCount}
        autosave={autosave}
        generate={generate}
        follower={follower}
        lockSave={flow.lockSave}
        noticeRef={imports.noticeRef}
        onBackend={imports.onBackend}
        onRefineAgain={flow.onRefineAgain}
        onStop={refine.stop}
        keepEdit={keepEdit}
        onPickExample={onPickExample}
      />

      <HistoryColumn
        state={state}
        backends={catalog.backends}
        settings={settings}
        caps={caps}
        numbers={numbers}
        refining={refining}
        onSelect={(id) => keepEdit(() => dispatch({ type: "select", id }))}
      />
      <DropOverlay visible={imports.dragging} />
    </div>
  );
}
