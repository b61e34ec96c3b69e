import { DiffCounts, WordDiffText } from "@/components/diff/word-diff-text";
import { diffCounts, wordDiff } from "@/lib/diff/word-diff";
import type { SharedStep } from "@/lib/schemas/shares";
import { SharedFigure } from "./shared-figure";
import { stepHow, stepTitle } from "./step-words";

/** "Approved", with a tick: the owner's mark on the step they settled on. */
export function ApprovedBadge() {
  return (
    <span className="chip border-success/40 bg-transparent text-success">
      <span aria-hidden="true">✓</span> Approved
    </span>
  );
}

/**
 * One step of a shared story: what was asked, how it was made, the prompt with the words it
 * changed from the step before (quietly marked, and said in words), its notes, and its images large.
 */
export function SharedStepSection({
  step,
  token,
  feedback,
  eager = false,
}: {
  step: SharedStep;
  token: string;
  feedback: boolean;
  eager?: boolean;
}) {
  const headingId = `step-${step.number}`;
  const segments = step.parentPrompt !== null ? wordDiff(step.parentPrompt, step.prompt) : null;
  const counts = segments ? diffCounts(segments) : null;
  const changed = counts ? counts.added + counts.removed > 0 : false;

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h2 id={headingId} className="text-xl font-semibold tracking-tight">
            {stepTitle(step)}
          </h2>
          {step.approvedAt ? <ApprovedBadge /> : null}
        </div>
        <p className="text-sm text-muted">{stepHow(step)}</p>
      </header>

      {step.instruction ? (
        <div>
          <h3 className="eyebrow">What was asked</h3>
          <p className="mt-1 border-l-2 border-line-strong pl-3 text-[0.9375rem] whitespace-pre-wrap [overflow-wrap:anywhere]">
            {step.instruction}
          </p>
        </div>
      ) : null}

      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <h3 className="eyebrow">Prompt</h3>
          {counts && step.parentNumber !== null ? (
            <p className="text-xs text-muted">
              Changes from step {step.parentNumber}: <DiffCounts {...counts} />
            </p>
          ) : null}
        </div>
        <p className="mt-1 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
          {segments && changed ? <WordDiffText segments={segments} /> : step.prompt}
        </p>
        {segments && changed ? (
          <p className="mt-1 text-xs text-muted">Added words are underlined; removed words are struck through.</p>
        ) : null}
        {step.negativePrompt ? (
          <p className="mt-2 text-sm text-muted [overflow-wrap:anywhere]">
            <span className="font-medium text-ink">Avoid: </span>
            {step.negativePrompt}
          </p>
        ) : null}
      </div>

      {step.notes.length ? (
        <div>
          <h3 className="eyebrow">Notes</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm [overflow-wrap:anywhere]">
            {step.notes.map((note, i) => (
              // Notes are plain strings that may repeat; their order is their identity.
              <li key={i}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {step.images.length ? (
        <div className={`grid gap-4 ${step.images.length > 1 ? "sm:grid-cols-2" : ""}`}>
          {step.images.map((image, i) => (
            <SharedFigure key={image.id} image={image} token={token} feedback={feedback} eager={eager && i === 0} />
          ))}
        </div>
      ) : (
        <p className="text-sm text-muted">No images were made from this step.</p>
      )}
    </section>
  );
}
