"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { PartChips } from "@/components/anatomy/part-chips";
import { CopyMenu } from "@/components/copy/copy-menu";
import { ChangesFromParent } from "@/components/diff/changes-from-parent";
import { HistoryPanel } from "@/components/history/history-panel";
import { StarButton } from "@/components/library/star-button";
import { startGeneration } from "@/lib/client/api";
import { toShownError } from "@/lib/client/api-error";
import { backendLabel } from "@/lib/client/format";
import { versionNumbers } from "@/lib/client/versions";
import type { RefineBody } from "@/lib/schemas/api";
import type { Catalog } from "@/lib/schemas/catalog";
import { carryOverParts } from "@/lib/studio/parts";
import type { IdeaDetail, Image, PromptVersion } from "@/lib/schemas/entities";
import { syncAddress, useFreshOnReturn } from "./address";
import { ComposePanel } from "./compose-panel";
import { useRestoreEdit } from "./edit-backup";
import {
  type ComposeSettings,
  capsOf,
  findBackend,
  initialSettings,
  type ReuseImage,
  settingsProblem,
  toGenerateParams,
} from "./compose-settings";
import { CandidateCards } from "./candidate-cards";
import { DropOverlay } from "./drop-overlay";
import { ExampleIdeas } from "./example-ideas";
import { imageFrom } from "./import-recipe";
import { ImportNotice } from "./import-notice";
import { PromptPanel } from "./prompt-panel";
import { ResultsList } from "./results-list";
import { revealIfOffscreen } from "./reveal";
import { currentVersion, initialState, studioReducer } from "./studio-state";
import { useAutosave } from "./use-autosave";
import { useImageImport } from "./use-image-import";
import { useGenerationFollower } from "./use-generation-follower";
import { useLeaveGuard } from "./use-leave-guard";
import { useRefine } from "./use-refine";

type Props = {
  catalog: Catalog;
  /** An idea to open (from ?idea= or ?version=), with the version to load. */
  initial?: { detail: IdeaDetail; versionId?: string; reuse?: ReuseImage };
  /** Idea text to start with (from ?text=). */
  initialIdeaText?: string;
};

/**
 * The studio: compose (left), prompt and results (centre), History (right);
 * stacked on phones in that order: compose, prompt, results, history.
 */
export function Studio({ catalog, initial, initialIdeaText }: Props) {
  const [state, dispatch] = useReducer(studioReducer, initial, (i) => {
    const s = initialState(i?.detail, i?.versionId);
    return initialIdeaText && !i ? { ...s, ideaText: initialIdeaText } : s;
  });
  const [settings, setSettings] = useState<ComposeSettings>(() =>
    initialSettings(catalog, initial?.detail, initial?.versionId, initial?.reuse),
  );
  const [starting, setStarting] = useState(false);
  const [candidateCount, setCandidateCount] = useState(1);
  const [showChanges, setShowChanges] = useState(false);
  const router = useRouter();
  const ideaRef = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  // A lock being saved: a refinement waits for it, so the locked part is kept.
  const lockSave = useRef<Promise<unknown> | null>(null);

  const refining = state.refining !== null;
  const refine = useRefine(dispatch, refining);
  const follower = useGenerationFollower(dispatch, state.generations);

  const caps = capsOf(catalog, settings.backend);
  const backend = findBackend(catalog, settings.backend);
  const current = currentVersion(state);
  const numbers = useMemo(() => versionNumbers(state.versions), [state.versions]);
  const configuredBackends = useMemo(
    () =>
      catalog.backends
        .filter((b) => b.configured)
        .map((b) => ({ id: b.id, label: backendLabel(b.id), capabilities: b.capabilities })),
    [catalog.backends],
  );
  const parent = current?.parentId ? state.versions.find((v) => v.id === current.parentId) : undefined;
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
  const stale = useFreshOnReturn(initial?.versionId);
  // A prompt that is no version yet (typed, or read from an image): Generate, Save as version or Refine again saves it first.
  const draft = !current && (state.imported !== null || autosave.draft);
  const many = candidateCount >= 2 ? { candidates: candidateCount } : {};

  // Loading a version brings its style into the Style combobox; changing it afterwards offers "Apply style".
  const currentStyleKey = current ? `${current.id}:${current.style ?? ""}` : "";
  useEffect(() => {
    if (!currentStyleKey) return;
    const style = (currentStyleKey.slice(currentStyleKey.indexOf(":") + 1) || null) as ComposeSettings["style"];
    setSettings((s) => (s.style === style ? s : { ...s, style }));
  }, [currentStyleKey]);

  const imagesByVersion = useMemo(() => {
    const map = new Map<string, Image[]>();
    for (const g of [...state.generations].reverse()) {
      for (const img of g.images) map.set(img.promptId, [...(map.get(img.promptId) ?? []), img]);
    }
    return map;
  }, [state.generations]);

  useEffect(() => {
    if (!stale) syncAddress(state.ideaId, state.currentId);
  }, [stale, state.ideaId, state.currentId]);
  // On a phone the Prompt is a screen below the compose form: follow a refinement there.
  useEffect(() => {
    if (refining) revealIfOffscreen(editorRef.current);
  }, [refining]);

  const blocked = useMemo((): string | null => {
    if (!current && !draft) return state.candidates ? "Choose a candidate first." : "Refine an idea first.";
    if (refining) return "Wait for the refinement to finish, or stop it.";
    if (!backend?.configured)
      return `${backend?.label ?? "This backend"} is not set up: set ${backend?.enableWith ?? "OPENAI_API_KEY"}.`;
    if (!state.prompt.trim()) return "The prompt is empty.";
    if (caps.maxPromptChars && state.prompt.length > caps.maxPromptChars) {
      return `Shorten the prompt to ${caps.maxPromptChars} characters for this backend.`;
    }
    return settingsProblem(settings, caps);
  }, [current, draft, refining, backend, state.prompt, caps, settings, state.candidates]);

  const onSettings = useCallback((patch: Partial<ComposeSettings>) => setSettings((s) => ({ ...s, ...patch })), []);
  const settle = autosave.settle;
  /** Saves an edit (not a prompt never saved) before the editor shows something else. */
  const keepEdit = (then: () => void) => {
    if (!autosave.edited) return then();
    // A failed save stays on screen with its edit; the badge beside the Prompt says why.
    settle().then(then, () => undefined);
  };
  const { noticeRef, onImageFile, onBackend, dragging } = useImageImport({
    catalog,
    dispatch,
    refining,
    settings,
    setSettings,
    recipe: state.imported,
    keepEdit,
  });

  const onRefine = () => {
    if (refining || !state.ideaText.trim()) return;
    keepEdit(
      () =>
        void refine.run(
          { idea: state.ideaText.trim(), style: settings.style, backend: settings.backend, ...many },
          "new",
        ),
    );
  };

  /** Refines from the loaded version (saving an edit first): a child, so from an older version a branch. */
  const refineFrom = async (
    body: Omit<Extract<RefineBody, { parentId: string }>, "parentId">,
    mode: "again" | "restyle",
  ) => {
    let from: PromptVersion;
    try {
      await lockSave.current?.catch(() => undefined);
      from = await settle();
    } catch (e) {
      dispatch({ type: "refineFail", error: toShownError(e) });
      return;
    }
    // A restyle makes one child; candidates are for instructions.
    const count = mode === "again" ? many : {};
    void refine.run({ parentId: from.id, ...body, backend: settings.backend, ...count } as RefineBody, mode);
  };

  const onRefineAgain = () => {
    if (refining || (!current && !draft) || !state.instruction.trim()) return;
    void refineFrom({ instruction: state.instruction.trim(), style: settings.style }, "again");
  };

  const restyle = current && !refining && settings.style !== current.style ? { from: current.style } : null;
  const onApplyStyle = () => {
    if (refining || !current || settings.style === current.style) return;
    void refineFrom({ style: settings.style }, "restyle");
  };

  const onGenerate = async () => {
    if (starting || blocked || (!current && !draft)) return;
    setStarting(true);
    dispatch({ type: "generateError", error: null });
    try {
      const version = await settle();
      const generation = await startGeneration({
        promptId: version.id,
        backend: settings.backend,
        params: toGenerateParams(settings, caps),
      });
      dispatch({ type: "generationAdded", generation });
      follower.follow(generation.id);
    } catch (e) {
      dispatch({ type: "generateError", error: toShownError(e) });
    } finally {
      setStarting(false);
    }
  };

  const onPickExample = (idea: string) => {
    dispatch({ type: "ideaText", text: idea });
    ideaRef.current?.focus();
  };

  // The page gives the studio a fresh key on every visit, so this starts blank.
  const onNewIdea = () => router.push("/");

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
          onBackend={onBackend}
          refining={refining}
          onRefine={onRefine}
          hasIdea={state.ideaId !== null}
          onNewIdea={onNewIdea}
          onImageFile={(file) => void onImageFile(file)}
          candidates={candidateCount}
          onCandidates={setCandidateCount}
          restyle={restyle && current ? { ...restyle, versionNumber: numbers.get(current.id) ?? 0 } : null}
          onApplyStyle={onApplyStyle}
        />
      </div>

      <div className="min-w-0 space-y-8">
        <PromptPanel
          editorRef={editorRef}
          prompt={state.prompt}
          negative={state.negative}
          instruction={state.instruction}
          current={current}
          draftLabel={
            draft ? (state.imported ? `From ${imageFrom(state.imported.source)}` : "Your prompt, as written") : null
          }
          importNotice={
            <ImportNotice
              noticeRef={noticeRef}
              status={state.importStatus}
              recipe={draft && state.refining?.mode !== "new" ? state.imported : null}
              caps={caps}
              backendName={backend ? backendLabel(backend.id) : settings.backend}
              backends={catalog.backends}
              onSwitchBackend={onBackend}
            />
          }
          versionNumber={current ? numbers.get(current.id) : undefined}
          saveStatus={autosave.status}
          numberOf={(id) => numbers.get(id)}
          onSaveVersion={() => void settle().catch(() => undefined)}
          onEditorBlur={() => autosave.flush()}
          refining={refining}
          refiningMode={state.refining?.mode ?? null}
          candidates={
            state.candidates ? (
              <CandidateCards
                items={state.candidates.items}
                numbers={numbers}
                streaming={refining}
                onUse={(id) => keepEdit(() => dispatch({ type: "candidateChosen", id }))}
                onClose={() => dispatch({ type: "candidatesClosed" })}
              />
            ) : null
          }
          candidateCount={state.candidates?.items.length ?? candidateCount}
          refineCount={candidateCount}
          anatomy={
            current ? (
              <PartChips
                key={current.id}
                // While an edit is unsaved, only the parts still in its text (what saving it will keep).
                version={
                  autosave.edited ? { ...current, ...carryOverParts(current, state.prompt, state.negative) } : current
                }
                editing={autosave.edited}
                disabled={refining}
                onSaved={(version) => dispatch({ type: "versionUpdated", version })}
                onSaving={(saving) => {
                  lockSave.current = saving;
                }}
              />
            ) : null
          }
          changes={
            current && parent ? (
              <ChangesFromParent
                version={current}
                parent={parent}
                parentNumber={numbers.get(parent.id) ?? 0}
                open={showChanges}
                onToggle={setShowChanges}
              />
            ) : null
          }
          star={
            current ? (
              <StarButton
                version={current}
                prepare={settle}
                entry={state.library.find((e) => e.versionId === current.id)}
                onChange={(entry) => dispatch({ type: "libraryChanged", versionId: current.id, entry })}
              />
            ) : null
          }
          copy={
            <CopyMenu
              size="md"
              source={{
                prompt: state.prompt,
                negativePrompt: state.negative,
                size: settings.size,
                dialect: current?.dialect ?? caps.dialect,
              }}
            />
          }
          starting={starting}
          caps={caps}
          backendId={settings.backend}
          backendLabel={backend ? backendLabel(backend.id) : settings.backend}
          blocked={blocked}
          notice={state.notice}
          refineError={state.refineError}
          generateError={state.generateError}
          empty={<ExampleIdeas onPick={onPickExample} />}
          onPrompt={(text) => dispatch({ type: "prompt", text })}
          onNegative={(text) => dispatch({ type: "negative", text })}
          onInstruction={(text) => dispatch({ type: "instruction", text })}
          onGenerate={onGenerate}
          onStop={refine.stop}
          onRefineAgain={onRefineAgain}
        />
        <ResultsList
          generations={state.generations}
          versionNumbers={numbers}
          defaultSize={caps.defaultSize}
          onCancel={follower.cancel}
          onRetry={follower.retry}
          stale={follower.stale}
        />
      </div>

      <div className="min-w-0 lg:col-span-2 xl:sticky xl:top-20 xl:col-span-1 xl:max-h-[calc(100dvh-6rem)] xl:self-start xl:overflow-y-auto xl:pr-1">
        <HistoryPanel
          key={state.ideaId ?? "none"}
          ideaId={state.ideaId}
          library={state.library}
          backend={settings.backend}
          backends={configuredBackends}
          params={compareParams(toGenerateParams(settings, caps))}
          versions={state.versions}
          numbers={numbers}
          currentId={state.currentId}
          imagesByVersion={imagesByVersion}
          disabled={refining}
          ideaHref={state.ideaId ? `/ideas/${encodeURIComponent(state.ideaId)}` : null}
          onSelect={(id) => keepEdit(() => dispatch({ type: "select", id }))}
        />
      </div>
      <DropOverlay visible={dragging} />
    </div>
  );
}

/** The studio's parameters for "Compare images": one image per cell, so no count. */
function compareParams(params: ReturnType<typeof toGenerateParams>): Record<string, unknown> {
  const { n: _n, ...rest } = params;
  return rest;
}
