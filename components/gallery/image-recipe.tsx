import Link from "next/link";
import type { ReactNode } from "react";
import { CopyMenu } from "@/components/copy/copy-menu";
import { StyleUsed } from "@/components/styles/style-used";
import { LocalTime } from "@/components/ui/local-time";
import { REFINERS } from "@/lib/catalog";
import { backendLabel, formatBytes, formatDuration, formatSize } from "@/lib/client/format";
import type { ImageDetail } from "@/lib/schemas/entities";
import { getStyle } from "@/lib/styles";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-3 py-2">
      <dt className="text-sm text-muted">{term}</dt>
      <dd className="min-w-0 text-sm break-words">{children}</dd>
    </div>
  );
}

function refinerLabel(id: string): string {
  return (REFINERS as Record<string, { label: string } | undefined>)[id]?.label ?? id;
}

/** The refinement a prompt comes from (its own, or its nearest refined ancestor's); null if none. */
export type PromptRefinement = { refiner: string; model: string };

/** A refiner and the model it used, e.g. "OpenAI chat model (gpt-4o-mini)"; the model only when it says more. */
function refinerWithModel({ refiner, model }: PromptRefinement): string {
  const label = refinerLabel(refiner);
  return model && model !== refiner ? `${label} (${model})` : label;
}

/**
 * Who wrote the prompt, in a few words. A hand edit saves refiner "manual" (its own words), so
 * what it was edited from comes from `refinement`, found up the version tree.
 */
export function promptOrigin(version: ImageDetail["version"], refinement: PromptRefinement | null): string {
  if (version.source === "refine") return `Refined by ${refinerWithModel(version)}`;
  return refinement ? `Refined by ${refinerWithModel(refinement)}, then edited by hand` : "Written by hand";
}

/**
 * How the image was made: idea, prompt, negative prompt, backend and model, seed, size, time.
 * `refinement` says which refiner the prompt comes from when the version itself was edited by hand.
 */
export function ImageRecipe({
  image,
  refinement,
  houseRules = null,
}: {
  image: ImageDetail;
  refinement: PromptRefinement | null;
  /** Issue 13: the house rules version the prompt's refinement followed, with its text. */
  houseRules?: { version: number; text: string } | null;
}) {
  const { version, idea, generation } = image;
  // What the version was refined in, as it was then (issue 13); older versions name a built-in only.
  const style = version.styleUsed ?? getStyle(version.style);
  return (
    <div className="space-y-5">
      <div>
        <h2 className="eyebrow">Idea</h2>
        <p className="mt-1">
          <Link href={`/ideas/${encodeURIComponent(idea.id)}`} className="link text-[0.9375rem]">
            {idea.text}
          </Link>
        </p>
      </div>

      <div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="eyebrow">Prompt</h2>
          <CopyMenu
            align="end"
            className="justify-end"
            source={{
              prompt: version.prompt,
              negativePrompt: version.negativePrompt,
              width: image.width,
              height: image.height,
              dialect: version.dialect,
            }}
          />
        </div>
        <p className="mt-1 text-[0.9375rem] leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]">
          {version.prompt}
        </p>
      </div>

      {version.negativePrompt ? (
        <div>
          <h2 className="eyebrow">Negative prompt</h2>
          <p className="mt-1 text-sm leading-relaxed whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">
            {version.negativePrompt}
          </p>
        </div>
      ) : null}

      <dl className="divide-y divide-line border-y border-line">
        <Row term="Backend">{backendLabel(generation.backend)}</Row>
        <Row term="Model">{generation.model || "—"}</Row>
        <Row term="Seed">
          {image.seed != null ? (
            <span className="font-mono">{image.seed}</span>
          ) : (
            <span className="text-muted">Not recorded</span>
          )}
        </Row>
        <Row term="Size">{formatSize({ width: image.width, height: image.height })}</Row>
        <Row term="Time taken">{formatDuration(generation.durationMs)}</Row>
        {generation.params.quality ? <Row term="Quality">{generation.params.quality}</Row> : null}
        {generation.params.checkpoint ? <Row term="Checkpoint">{generation.params.checkpoint}</Row> : null}
        {generation.params.sampler ? <Row term="Sampler">{generation.params.sampler}</Row> : null}
        {generation.params.steps != null ? <Row term="Steps">{generation.params.steps}</Row> : null}
        {generation.params.guidance != null ? <Row term="Guidance">{generation.params.guidance}</Row> : null}
        {style ? (
          <Row term="Style">
            <StyleUsed style={style} />
          </Row>
        ) : null}
        {houseRules ? (
          <Row term="House rules">
            <details>
              <summary className="cursor-pointer">House rules v{houseRules.version}</summary>
              <p className="mt-1 whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">{houseRules.text}</p>
            </details>
          </Row>
        ) : null}
        <Row term="Prompt">{promptOrigin(version, refinement)}</Row>
        <Row term="Created">
          <LocalTime iso={image.createdAt} />
        </Row>
        <Row term="File">
          {image.mime.replace("image/", "").toUpperCase()}, {formatBytes(image.byteSize)}
        </Row>
      </dl>
    </div>
  );
}
