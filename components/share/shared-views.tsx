import type { ReactNode } from "react";
import { PromptDiff, SamePrompt } from "@/components/compare/prompt-diff";
import { VisitorFeedbackForm } from "@/components/feedback/visitor-feedback-form";
import { LocalTime } from "@/components/ui/local-time";
import { backendLabel, formatDuration, formatSize } from "@/lib/client/format";
import type { SharedView } from "@/lib/schemas/shares";
import { PresentButton } from "./present-button";
import { SharedFigure } from "./shared-figure";
import { slidesFor } from "./slides";
import { ApprovedBadge, SharedStepSection } from "./shared-step";
import { sharedTitle, stepTitle, styleName } from "./step-words";

type View<K extends SharedView["kind"]> = Extract<SharedView, { kind: K }>;

/**
 * What /s/<token> shows, for someone who has never seen the app: the idea in its owner's words
 * on top, then the story (an idea's steps, a comparison's grid, or one image with its recipe),
 * Present, and the feedback form at the foot where the owner allowed it. Every text from the
 * owner or a visitor is rendered as text.
 */
export function SharedViewPage({ view, token }: { view: SharedView; token: string }) {
  if (view.kind === "idea") return <IdeaStory view={view} token={token} />;
  if (view.kind === "comparison") return <ComparisonStory view={view} token={token} />;
  return <ImageStory view={view} token={token} />;
}

function Intro({ eyebrow, view }: { eyebrow: string; view: SharedView }) {
  return (
    <header className="space-y-3">
      <p className="eyebrow">{eyebrow}</p>
      <h1 className="text-2xl font-semibold tracking-tight text-balance [overflow-wrap:anywhere] sm:text-3xl">
        {sharedTitle(view)}
      </h1>
      <figure>
        <figcaption className="text-xs text-muted">The idea, as it was first typed</figcaption>
        <blockquote className="mt-1 border-l-2 border-accent pl-3 text-lg whitespace-pre-wrap [overflow-wrap:anywhere]">
          {view.ideaText}
        </blockquote>
      </figure>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 pt-1">
        <PresentButton slides={slidesFor(view)} title={sharedTitle(view)} />
        {view.expiresAt ? (
          <p className="text-sm text-muted">
            This link works until <LocalTime iso={view.expiresAt} />.
          </p>
        ) : null}
      </div>
    </header>
  );
}

function Foot({ view, token, imageId }: { view: SharedView; token: string; imageId?: string }) {
  return (
    <footer className="space-y-6 border-t border-line pt-8">
      {view.feedback ? (
        <VisitorFeedbackForm
          token={token}
          imageId={imageId}
          label={imageId ? "Leave a note on this image" : "Leave a note for the owner"}
        />
      ) : null}
      <p className="text-xs text-muted">Shared read-only with Promptsmith.</p>
    </footer>
  );
}

function Shell({ children }: { children: ReactNode }) {
  return <article className="mx-auto w-full max-w-3xl space-y-12">{children}</article>;
}

function IdeaStory({ view, token }: { view: View<"idea">; token: string }) {
  return (
    <Shell>
      <Intro eyebrow="An idea, step by step" view={view} />
      {view.steps.length ? (
        <ol className="space-y-14">
          {view.steps.map((step, i) => (
            <li key={step.number}>
              <SharedStepSection step={step} token={token} feedback={view.feedback} eager={i === 0} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-muted">There are no prompts for this idea yet.</p>
      )}
      <Foot view={view} token={token} />
    </Shell>
  );
}

function cellLabel(view: View<"comparison">, cell: View<"comparison">["cells"][number]): string {
  return view.comparisonKind === "versions" ? stepTitle(cell.step) : backendLabel(cell.backend);
}

// Whole class names, so Tailwind finds them: two across on a tablet, up to four on a wide screen.
const GRID_COLS: Record<number, string> = {
  1: "",
  2: "sm:grid-cols-2",
  3: "sm:grid-cols-2 lg:grid-cols-3",
  4: "sm:grid-cols-2 lg:grid-cols-4",
};

function ComparisonStory({ view, token }: { view: View<"comparison">; token: string }) {
  const size = view.params.size;
  const facts = [`The same seed (${view.seed})`];
  if (size) facts.push(formatSize(size));
  if (view.comparisonKind === "versions" && view.cells[0]) facts.push(backendLabel(view.cells[0].backend));
  const first = view.cells[0];
  const cols = Math.min(4, Math.max(1, view.cells.length));
  return (
    <article className="mx-auto w-full max-w-6xl space-y-12">
      <div className="mx-auto max-w-3xl">
        <Intro
          eyebrow={view.comparisonKind === "versions" ? "Steps side by side" : "One prompt on several image makers"}
          view={view}
        />
      </div>
      <section aria-labelledby="grid-heading" className="space-y-3">
        <h2 id="grid-heading" className="text-xl font-semibold tracking-tight">
          Side by side
        </h2>
        <p className="text-sm text-muted">{facts.join(" · ")}, so only what differs shows.</p>
        <ul className={`grid gap-4 ${GRID_COLS[cols]}`}>
          {view.cells.map((cell, i) => (
            <li key={`${i}-${cell.label}`} className="min-w-0 space-y-2">
              <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                {cellLabel(view, cell)}
                {cell.step.approvedAt ? <ApprovedBadge /> : null}
              </h3>
              {cell.step.images.length ? (
                cell.step.images.map((image) => (
                  <SharedFigure key={image.id} image={image} token={token} feedback={view.feedback} eager={i < 2} />
                ))
              ) : (
                <p className="text-sm text-muted">No image was made for this one.</p>
              )}
            </li>
          ))}
        </ul>
      </section>
      <div className="mx-auto max-w-6xl">
        {view.comparisonKind === "versions" ? (
          <PromptDiff
            items={view.cells.map((cell, i) => ({
              id: String(i),
              label: cellLabel(view, cell),
              prompt: cell.step.prompt,
            }))}
          />
        ) : first ? (
          <SamePrompt prompt={first.step.prompt} negativePrompt={first.step.negativePrompt} />
        ) : null}
      </div>
      <div className="mx-auto max-w-3xl">
        <Foot view={view} token={token} />
      </div>
    </article>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-3 py-2">
      <dt className="text-sm text-muted">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function ImageStory({ view, token }: { view: View<"image">; token: string }) {
  const { image, step, params } = view;
  const style = styleName(step.style);
  return (
    <article className="mx-auto grid w-full max-w-6xl gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(18rem,24rem)] lg:gap-10">
      <div className="min-w-0 space-y-8 lg:col-start-1">
        <Intro eyebrow="An image and how it was made" view={view} />
        <SharedFigure image={image} token={token} feedback={view.feedback} eager />
      </div>
      <section aria-labelledby="recipe-heading" className="min-w-0 space-y-5 lg:pt-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="recipe-heading" className="text-lg font-semibold">
            How it was made
          </h2>
          {step.approvedAt ? <ApprovedBadge /> : null}
        </div>
        <div>
          <h3 className="eyebrow">Idea</h3>
          <p className="mt-1 text-[0.9375rem] whitespace-pre-wrap [overflow-wrap:anywhere]">{view.ideaText}</p>
        </div>
        <div>
          <h3 className="eyebrow">Prompt</h3>
          <p className="mt-1 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
            {step.prompt}
          </p>
        </div>
        {step.negativePrompt ? (
          <div>
            <h3 className="eyebrow">Negative prompt</h3>
            <p className="mt-1 text-sm leading-relaxed whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">
              {step.negativePrompt}
            </p>
          </div>
        ) : null}
        <dl className="divide-y divide-line border-y border-line">
          <Row term="Backend">{backendLabel(image.backend)}</Row>
          <Row term="Model">{image.model || "—"}</Row>
          <Row term="Seed">
            {image.seed != null ? (
              <span className="font-mono">{image.seed}</span>
            ) : (
              <span className="text-muted">Not recorded</span>
            )}
          </Row>
          <Row term="Size">{formatSize({ width: image.width, height: image.height })}</Row>
          <Row term="Time taken">{formatDuration(view.durationMs)}</Row>
          {params.steps != null ? <Row term="Steps">{params.steps}</Row> : null}
          {params.guidance != null ? <Row term="Guidance">{params.guidance}</Row> : null}
          {params.quality ? <Row term="Quality">{params.quality}</Row> : null}
          {style ? <Row term="Style">{style}</Row> : null}
          <Row term="Made">
            <LocalTime iso={image.createdAt} />
          </Row>
        </dl>
      </section>
      <div className="min-w-0 lg:col-span-2">
        <div className="mx-auto max-w-3xl">
          <Foot view={view} token={token} imageId={image.id} />
        </div>
      </div>
    </article>
  );
}
