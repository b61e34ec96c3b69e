"use client";

import { type ReactNode, type RefObject, useId } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import type { ShownError } from "@/lib/client/api-error";
import { sourceLabel } from "@/lib/client/versions";
import { LIMITS } from "@/lib/schemas/limits";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";
import { LengthMeter } from "./length-meter";
import { PromptEditor } from "./prompt-editor";
import { PromptNotes } from "./prompt-notes";
import { RefineAgainForm } from "./refine-again-form";
import { SaveStatusBadge } from "./save-status";
import type { RefineMode } from "../studio-state";
import type { SaveStatus } from "./use-autosave";
import { useTokenCount } from "./use-token-count";
import { isSubmitChord } from "../keys";

type Props = {
  editorRef: RefObject<HTMLTextAreaElement | null>;
  prompt: string;
  negative: string;
  instruction: string;
  current: PromptVersion | undefined;
  /**
   * A prompt waiting to be saved (no version yet), typed or read from an image: its chip, e.g.
   * "From an AUTOMATIC1111 image".
   */
  draftLabel: string | null;
  /** What loading an image did, above the Prompt. */
  importNotice?: ReactNode;
  versionNumber: number | undefined;
  /** Whether the edit on screen is saved (it saves itself), in words for the badge. */
  saveStatus: SaveStatus;
  /** The version number of a version of this idea (for "Saved as v3"). */
  numberOf: (versionId: string) => number | undefined;
  /** "Save as version": saves the edit, or a prompt never saved, now. */
  onSaveVersion: () => void;
  /** The Prompt or Negative prompt lost focus: an edit saves itself. */
  onEditorBlur: () => void;
  refining: boolean;
  refiningMode: RefineMode | null;
  /** Candidates streaming or waiting to be chosen (they take the place of the streamed prompt). */
  candidates: ReactNode;
  candidateCount: number;
  /** The loaded version's parts as lockable chips. */
  anatomy: ReactNode;
  /** "Changes from vN": the loaded version against its parent. */
  changes: ReactNode;
  /** The Library star for the loaded version, beside Generate. */
  star: ReactNode;
  /** Copy and "Copy for…" (Midjourney, Ideogram, Stable Diffusion), beside Generate. */
  copy?: ReactNode;
  /** How many candidates Refine again writes. */
  refineCount: number;
  starting: boolean;
  caps: Capabilities;
  backendId: string;
  backendLabel: string;
  /** Why Generate cannot run now, in words; null when it can. */
  blocked: string | null;
  notice: string;
  refineError: ShownError | null;
  generateError: ShownError | null;
  empty: ReactNode;
  onPrompt: (text: string) => void;
  onNegative: (text: string) => void;
  onInstruction: (text: string) => void;
  onGenerate: () => void;
  onStop: () => void;
  onRefineAgain: () => void;
};

export function PromptPanel(p: Props) {
  const promptId = useId();
  const negId = useId();
  const meterId = useId();
  const blockedId = useId();
  const headingId = useId();
  // While a new idea is being refined, the loaded version is on its way out: hide what belongs to it.
  const hasVersion = Boolean(p.current) && p.refiningMode !== "new";
  // A prompt read from an image is not a version yet, but can be edited, generated and refined again.
  const draft = !p.current && p.draftLabel !== null && p.refiningMode !== "new";
  const hasPrompt = hasVersion || draft;
  const choosing = Boolean(p.candidates);
  // Several candidates stream into their own cards; the editor keeps what it had.
  const streamingHere = p.refining && !choosing;
  const exactTokens = useTokenCount(
    p.backendId,
    p.prompt,
    Boolean(p.caps.maxPromptTokens) && !p.refining,
    p.caps.familySource === "workflow" ? null : p.caps.family,
  );

  return (
    <section aria-labelledby={headingId} className="min-w-0 space-y-4">
      <h2 id={headingId} className="sr-only">
        Prompt
      </h2>
      {!hasPrompt && !p.refining && !choosing ? p.empty : null}
      {p.candidates}

      <div>
        {p.importNotice}
        <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <label htmlFor={promptId} className="field-label mb-0 text-sm">
            Prompt
          </label>
          <p className="flex items-center gap-2 text-xs text-muted">
            {hasVersion && p.current && p.versionNumber ? (
              <span className="chip">
                v{p.versionNumber} · {sourceLabel(p.current)}
              </span>
            ) : null}
            {draft ? (
              <span className="chip whitespace-normal border-warning/40 text-warning">{p.draftLabel} · not saved</span>
            ) : null}
            {!p.refining ? <SaveStatusBadge status={p.saveStatus} numberOf={p.numberOf} /> : null}
          </p>
        </div>
        <PromptEditor
          id={promptId}
          editorRef={p.editorRef}
          value={p.prompt}
          onChange={p.onPrompt}
          streaming={streamingHere}
          // Editable before any Refine too: a prompt typed or pasted here is generated as written.
          readOnly={p.refining}
          onBlur={p.onEditorBlur}
          describedBy={`${meterId}${p.blocked ? ` ${blockedId}` : ""}`}
          onSubmit={p.onGenerate}
        />
        <div className="mt-1.5 flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <p role="status" className="min-h-5 text-sm font-medium text-ink">
            {p.refining ? (
              <>
                {choosing
                  ? `Writing ${p.candidateCount} candidates…`
                  : p.refiningMode === "again"
                    ? "Refining again…"
                    : p.refiningMode === "restyle"
                      ? "Restyling…"
                      : "Refining…"}
                <span
                  aria-hidden="true"
                  className="ml-0.5 inline-block h-4 w-0.5 translate-y-0.5 animate-caret bg-accent"
                />
              </>
            ) : (
              p.notice
            )}
          </p>
          <LengthMeter
            id={meterId}
            text={p.prompt}
            maxChars={p.caps.maxPromptChars}
            maxTokens={p.caps.maxPromptTokens}
            exactTokens={exactTokens}
            tokenizer={p.caps.tokenizer}
            backendLabel={p.backendLabel}
          />
        </div>
      </div>

      {p.refineError ? <ErrorAlert error={p.refineError} action="Refine failed" /> : null}
      {hasVersion && !p.refining ? p.anatomy : null}

      {p.caps.negativePrompt && hasPrompt ? (
        <div>
          <label htmlFor={negId} className="field-label">
            Negative prompt
          </label>
          <textarea
            id={negId}
            className="field min-h-16 resize-y text-sm"
            rows={2}
            maxLength={LIMITS.negativePromptChars}
            placeholder="What to keep out: blurry, text, watermark…"
            value={p.negative}
            readOnly={p.refining}
            onChange={(e) => p.onNegative(e.target.value)}
            onBlur={p.onEditorBlur}
            onKeyDown={(e) => {
              if (isSubmitChord(e)) {
                e.preventDefault();
                p.onGenerate();
              }
            }}
          />
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className="btn btn-primary min-w-32"
          onClick={p.onGenerate}
          disabled={!hasPrompt}
          aria-disabled={Boolean(p.blocked) || p.starting || undefined}
          aria-describedby={p.blocked ? blockedId : undefined}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {p.starting ? <Spinner /> : null}
          Generate
        </button>
        {hasVersion && !p.refining ? p.star : null}
        {hasPrompt && !p.refining ? p.copy : null}
        {/* After Star and Copy, and kept while saving: leaving the Prompt (which saves) never moves them under the pointer. */}
        {hasPrompt && !p.refining && (draft || p.saveStatus.kind !== "clean") && p.saveStatus.kind !== "saved" ? (
          <button
            type="button"
            className="btn btn-secondary"
            onClick={p.onSaveVersion}
            aria-disabled={p.saveStatus.kind === "saving" || undefined}
          >
            Save as version
          </button>
        ) : null}
        {p.refining ? (
          <button type="button" className="btn btn-secondary" onClick={p.onStop} aria-keyshortcuts="Escape">
            Stop
          </button>
        ) : null}
        {p.blocked ? (
          <p id={blockedId} className="text-sm text-muted">
            {p.blocked}
          </p>
        ) : (
          <p className="hidden text-xs text-muted sm:block">Ctrl/⌘ + Enter in the prompt generates.</p>
        )}
      </div>

      {p.generateError ? <ErrorAlert error={p.generateError} action="Generate failed" /> : null}
      {hasVersion && p.current && !p.refining ? <PromptNotes notes={p.current.notes} /> : null}
      {hasVersion && !p.refining ? p.changes : null}

      {hasPrompt ? (
        <div className="border-t border-line pt-4">
          <RefineAgainForm
            value={p.instruction}
            onChange={p.onInstruction}
            onSubmit={p.onRefineAgain}
            busy={p.refining}
            versionNumber={hasVersion ? p.versionNumber : undefined}
            candidates={p.refineCount}
          />
        </div>
      ) : null}
    </section>
  );
}
