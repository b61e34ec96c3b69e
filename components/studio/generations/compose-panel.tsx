"use client";

import { type RefObject, useId } from "react";
import type { Catalog } from "@/lib/schemas/catalog";
import type { StyleId } from "@/lib/schemas/styles";
import { Spinner } from "@/components/ui/spinner";
import { ApplyStyle } from "../editing/apply-style";
import { HouseRulesToggle } from "../editing/house-rules-toggle";
import { BackendSelect } from "./backend-select";
import { CandidatesSelect } from "../candidates/candidates-select";
import { type ComposeSettings, capsOf } from "./compose-settings";
import { IdeaLength, ideaTooLong } from "../editing/idea-length";
import { isSubmitChord } from "../keys";
import { LoadImageButton } from "../import/load-image-button";
import { ParamsFields } from "./params-fields";
import { StyleSelect } from "../editing/style-select";

type Props = {
  catalog: Catalog;
  ideaText: string;
  onIdeaText: (text: string) => void;
  ideaRef: RefObject<HTMLTextAreaElement | null>;
  settings: ComposeSettings;
  onSettings: (patch: Partial<ComposeSettings>) => void;
  onBackend: (id: string) => void;
  refining: boolean;
  onRefine: () => void;
  /** A loaded idea can be left for a blank one. */
  hasIdea: boolean;
  onNewIdea: () => void;
  /** A PNG chosen with "Load from image…", to read its recipe from. */
  onImageFile: (file: File) => void;
  /** How many refinements Refine (and Refine again) write at once. */
  candidates: number;
  onCandidates: (n: number) => void;
  /** The loaded version's style when the Style combobox differs from it: "Apply style" is offered. */
  restyle: { from: StyleId | null; versionNumber: number } | null;
  onApplyStyle: () => void;
  /** Issue 13: Generate as typed (the idea as the prompt, no refinement). */
  asTyped?: { disabled: boolean; busy: boolean; onClick: () => void };
  /** Issue 13: the current house rules (null: none set) and whether this refinement follows them. */
  houseRules?: { rules: { version: number; text: string } | null; on: boolean; onChange: (on: boolean) => void };
};

export function ComposePanel(p: Props) {
  const ideaId = useId();
  const hintId = useId();
  const lengthId = useId();
  const asTypedHintId = useId();
  const tooLong = ideaTooLong(p.ideaText);
  const caps = capsOf(p.catalog, p.settings.backend, p.settings);
  const refiner = p.catalog.refiners.find((r) => r.id === p.catalog.defaults.refiner);
  const canRefine = p.ideaText.trim().length > 0 && !tooLong && !p.refining;

  return (
    <section aria-labelledby={`${ideaId}-h`} className="min-w-0 space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${ideaId}-h`} className="eyebrow">
          Compose
        </h2>
        <div className="-my-1 flex flex-wrap items-center gap-2">
          <LoadImageButton onFile={p.onImageFile} />
          {p.hasIdea ? (
            <button type="button" className="btn btn-ghost btn-sm" onClick={p.onNewIdea} disabled={p.refining}>
              New idea
            </button>
          ) : null}
        </div>
      </div>

      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (canRefine) p.onRefine();
        }}
      >
        <div>
          <label htmlFor={ideaId} className="field-label">
            Idea
          </label>
          <textarea
            id={ideaId}
            ref={p.ideaRef}
            className="field min-h-28 resize-y text-base"
            rows={4}
            placeholder="A few words are enough: a fox in the snow, cozy"
            value={p.ideaText}
            aria-describedby={`${lengthId} ${hintId}`}
            aria-invalid={tooLong || undefined}
            onChange={(e) => p.onIdeaText(e.target.value)}
            onKeyDown={(e) => {
              if (isSubmitChord(e)) {
                e.preventDefault();
                if (canRefine) p.onRefine();
              }
            }}
          />
          <IdeaLength id={lengthId} text={p.ideaText} />
          <p id={hintId} className="field-hint mt-1">
            Ctrl/⌘ + Enter refines. Each Refine starts a new idea.
          </p>
        </div>

        <StyleSelect value={p.settings.style} onChange={(style) => p.onSettings({ style })} disabled={p.refining} />
        {p.restyle ? (
          <ApplyStyle
            from={p.restyle.from}
            to={p.settings.style}
            versionNumber={p.restyle.versionNumber}
            busy={p.refining}
            onApply={p.onApplyStyle}
          />
        ) : null}

        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 pt-1">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!p.ideaText.trim() || tooLong}
            aria-disabled={p.refining || undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            {p.refining ? <Spinner /> : null}
            Refine
          </button>
          {p.asTyped ? (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={p.asTyped.disabled}
              aria-describedby={asTypedHintId}
              onClick={p.asTyped.onClick}
            >
              {p.asTyped.busy ? <Spinner /> : null}
              Generate as typed
            </button>
          ) : null}
          <CandidatesSelect value={p.candidates} onChange={p.onCandidates} disabled={p.refining} />
        </div>
        {p.asTyped ? (
          <p id={asTypedHintId} className="sr-only">
            Generates the idea word for word, with no refinement, as a new idea.
          </p>
        ) : null}
        {p.houseRules?.rules ? (
          <HouseRulesToggle
            rules={p.houseRules.rules}
            on={p.houseRules.on}
            onChange={p.houseRules.onChange}
            offlineRefiner={Boolean(refiner?.offline)}
            disabled={p.refining}
          />
        ) : null}
        {refiner ? (
          <p className="field-hint">
            Written by {refiner.label}
            {refiner.offline || !refiner.model ? "" : ` (${refiner.model})`}.
          </p>
        ) : null}
      </form>

      <div className="space-y-3 border-t border-line pt-5">
        <BackendSelect backends={p.catalog.backends} value={p.settings.backend} onChange={p.onBackend} />
        <ParamsFields
          backendId={p.settings.backend}
          configured={p.catalog.backends.some((b) => b.id === p.settings.backend && b.configured)}
          caps={caps}
          baseCaps={capsOf(p.catalog, p.settings.backend)}
          value={p.settings}
          onChange={p.onSettings}
        />
      </div>
    </section>
  );
}
