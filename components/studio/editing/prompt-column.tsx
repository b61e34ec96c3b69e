import { type Dispatch, type RefObject, useEffect, useRef, useState } from "react";
import { CopyMenu } from "@/components/copy/copy-menu";
import { backendLabel } from "@/lib/client/format";
import type { Capabilities, Catalog, CatalogBackend } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";
import { carryOverParts } from "@/lib/studio/parts";
import dynamic from "next/dynamic";
import { CandidateCards } from "../candidates/lazy-candidate-cards";

// "Changes from vN" and its word diff are wanted once a version has a parent: loaded then
// (issue 12: first-load JS). It is a closed disclosure, so nothing shifts while it loads.
const ChangesFromParent = dynamic(() =>
  import("@/components/diff/changes-from-parent").then((m) => m.ChangesFromParent),
);
import { ChecklistPanel, PartChips, StarButton } from "./version-parts";
import type { ComposeSettings } from "../generations/compose-settings";
import { ExampleIdeas } from "./example-ideas";
import { ImportNotice } from "../import/import-notice";
import { imageFrom } from "../import/import-recipe";
import { PromptPanel } from "./prompt-panel";
import { ResultsList } from "../generations/results-list";
import { revealIfOffscreen } from "../reveal";
import type { StudioAction, StudioState } from "../studio-state";
import type { useAutosave } from "./use-autosave";
import { useChecklistSave } from "./use-checklist-save";
import type { useGenerate } from "../generations/use-generate";
import type { useGenerationFollower } from "../generations/use-generation-follower";

type Props = {
  catalog: Catalog;
  state: StudioState;
  dispatch: Dispatch<StudioAction>;
  current: PromptVersion | undefined;
  numbers: Map<string, number>;
  /** A prompt that is no version yet (typed, or read from an image). */
  draft: boolean;
  settings: ComposeSettings;
  caps: Capabilities;
  backend: CatalogBackend | undefined;
  candidateCount: number;
  autosave: ReturnType<typeof useAutosave>;
  generate: ReturnType<typeof useGenerate>;
  follower: ReturnType<typeof useGenerationFollower>;
  /** Where a part lock being saved is kept, so a refinement waits for it. */
  lockSave: RefObject<Promise<unknown> | null>;
  noticeRef: RefObject<HTMLDivElement | null>;
  onBackend: (id: string) => void;
  onRefineAgain: () => void;
  onStop: () => void;
  /** Runs `then` once an unsaved edit is saved. */
  keepEdit: (then: () => void) => void;
  onPickExample: (idea: string) => void;
};

/** The studio's centre column: the Prompt with everything about the loaded version, then the results. */
export function PromptColumn(p: Props) {
  const { state, dispatch, current, numbers, settings, caps, backend, autosave, generate, follower } = p;
  const [showChanges, setShowChanges] = useState(false);
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const refining = state.refining !== null;
  const parent = current?.parentId ? state.versions.find((v) => v.id === current.parentId) : undefined;
  const checklist = useChecklistSave({ dispatch, current, settle: autosave.settle });

  // On a phone the Prompt is a screen below the compose form: follow a refinement there.
  useEffect(() => {
    if (refining) revealIfOffscreen(editorRef.current);
  }, [refining]);

  return (
    <div className="min-w-0 space-y-8">
      <PromptPanel
        editorRef={editorRef}
        prompt={state.prompt}
        negative={state.negative}
        instruction={state.instruction}
        current={current}
        draftLabel={
          p.draft ? (state.imported ? `From ${imageFrom(state.imported.source)}` : "Your prompt, as written") : null
        }
        importNotice={
          <ImportNotice
            noticeRef={p.noticeRef}
            status={state.importStatus}
            recipe={p.draft && state.refining?.mode !== "new" ? state.imported : null}
            caps={caps}
            backendName={backend ? backendLabel(backend.id) : settings.backend}
            backends={p.catalog.backends}
            onSwitchBackend={p.onBackend}
          />
        }
        versionNumber={current ? numbers.get(current.id) : undefined}
        saveStatus={autosave.status}
        numberOf={(id) => numbers.get(id)}
        onSaveVersion={() => void autosave.settle().catch(() => undefined)}
        onEditorBlur={() => autosave.flush()}
        refining={refining}
        refiningMode={state.refining?.mode ?? null}
        candidates={
          state.candidates ? (
            <CandidateCards
              items={state.candidates.items}
              numbers={numbers}
              streaming={refining}
              onUse={(id) => p.keepEdit(() => dispatch({ type: "candidateChosen", id }))}
              onClose={() => dispatch({ type: "candidatesClosed" })}
            />
          ) : null
        }
        candidateCount={state.candidates?.items.length ?? p.candidateCount}
        refineCount={p.candidateCount}
        anatomy={
          current ? (
            <>
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
                  p.lockSave.current = saving;
                }}
              />
              <ChecklistPanel
                key={`checks-${current.id}`}
                checks={current.checks}
                disabled={refining || checklist.saving}
                saving={checklist.saving}
                error={checklist.error}
                onSave={checklist.save}
              />
            </>
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
              prepare={autosave.settle}
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
        starting={generate.starting}
        caps={caps}
        backendId={settings.backend}
        backendLabel={backend ? backendLabel(backend.id) : settings.backend}
        blocked={generate.blocked}
        notice={state.notice}
        refineError={state.refineError}
        generateError={state.generateError}
        empty={<ExampleIdeas onPick={p.onPickExample} />}
        onPrompt={(text) => dispatch({ type: "prompt", text })}
        onNegative={(text) => dispatch({ type: "negative", text })}
        onInstruction={(text) => dispatch({ type: "instruction", text })}
        onGenerate={generate.onGenerate}
        onStop={p.onStop}
        onRefineAgain={p.onRefineAgain}
      />
      <ResultsList
        generations={state.generations}
        versionNumbers={numbers}
        defaultSize={caps.defaultSize}
        onCancel={follower.cancel}
        onRetry={follower.retry}
        stale={follower.stale}
        judge={p.catalog.judge}
      />
    </div>
  );
}
