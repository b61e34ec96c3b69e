import "server-only";
import { byCreated, versionNumbers } from "@/lib/client/versions";
import type { Generation, Image, PromptVersion } from "@/lib/schemas/entities";
import type { Share, SharedImage, SharedStep, SharedView, StepHow } from "@/lib/schemas/shares";
import { getStyle } from "@/lib/styles";
import { deps } from "@/lib/studio/deps";
import { shareNotFound, visitShare } from "./open-share";

/** Where a shared image's bytes are found: a URL scoped to the link, or a path inside an export. */
export type SharedImageSrc = (imageId: string, kind: "file" | "thumb") => string;

/** What a view is made of: a share (a ShareRecord will do), or an export's stand-in for one. */
export type SharedSubject = Pick<Share, "target" | "feedback" | "expiresAt">;

/** The image URLs of a link: /api/s/<token>/images/<id>/file|thumb, which serve only its own images. */
export function shareImageSrc(token: string): SharedImageSrc {
  const base = `/api/s/${encodeURIComponent(token)}/images`;
  return (imageId, kind) => `${base}/${encodeURIComponent(imageId)}/${kind}`;
}

/** GET /api/s/:token: the link's read limit, the link, then what its page shows. */
export async function getSharedView(token: string): Promise<SharedView> {
  return sharedViewOf(await visitShare(token), { token });
}

/**
 * What a shared page shows (SharedViewSchema), and nothing more: no id of an idea, version,
 * generation or comparison; image ids only of the images the share shows, as their URLs need them.
 * `token` gives the link's own image URLs; `src` any other mapping (the export's relative paths).
 * - idea: every version in the order they were made as numbered steps, each with the images of
 *   its generations that succeeded (oldest first);
 * - comparison: its cells in grid order, each with its version as a step (numbered as in the
 *   idea, like the cells' "v2" labels) and the images of the cell's generation; a cell's diff is
 *   against the first cell's prompt (no diff where it renders that same version);
 * - image: the image with its recipe; its step stands alone (number 1, no parent: the parent's
 *   prompt is another version's text, which an image link does not name).
 * Throws `not_found` (as for a link that opens nothing) when the target went while it was being read.
 */
export async function sharedViewOf(
  share: SharedSubject,
  opts: { token: string } | { src: SharedImageSrc },
): Promise<SharedView> {
  const src = "src" in opts ? opts.src : shareImageSrc(opts.token);
  const common = { feedback: share.feedback, expiresAt: share.expiresAt };
  const { kind, id } = share.target;
  if (kind === "idea") return { kind, ...common, ...(await ideaStory(id, src)) };
  if (kind === "comparison") return { kind, ...common, ...(await comparisonGrid(id, src)) };
  return { kind, ...common, ...(await imageRecipe(id, src)) };
}

async function ideaStory(ideaId: string, src: SharedImageSrc) {
  const { store } = deps();
  const idea = await store.getIdea(ideaId);
  if (!idea) throw shareNotFound();
  const [versions, generations] = await Promise.all([store.listVersions(ideaId), store.listGenerationsForIdea(ideaId)]);
  const sorted = [...versions].sort(byCreated);
  const numbers = versionNumbers(sorted);
  const byId = new Map(sorted.map((v) => [v.id, v]));
  const imagesByVersion = new Map<string, SharedImage[]>();
  for (const { generation, images } of await succeededWithImages(generations)) {
    const list = imagesByVersion.get(generation.promptId) ?? [];
    list.push(...images.map((image) => sharedImage(image, generation, src)));
    imagesByVersion.set(generation.promptId, list);
  }
  const steps = sorted.map((v) => {
    const parent = v.parentId ? byId.get(v.parentId) : undefined;
    const images = (imagesByVersion.get(v.id) ?? []).sort(byCreated);
    return step(
      v,
      numbers.get(v.id) ?? 0,
      parent ? { number: numbers.get(parent.id) ?? null, prompt: parent.prompt } : null,
      images,
    );
  });
  return { title: idea.title, ideaText: idea.text, steps };
}

async function comparisonGrid(comparisonId: string, src: SharedImageSrc) {
  const { store } = deps();
  const comparison = await store.getComparison(comparisonId);
  const idea = comparison ? await store.getIdea(comparison.ideaId) : undefined;
  if (!comparison || !idea) throw shareNotFound();
  const versions = await store.listVersions(idea.id);
  const numbers = versionNumbers(versions);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const cells = [...comparison.cells].sort((a, b) => a.position - b.position);
  const first = cells[0] ? byId.get(cells[0].versionId) : undefined;
  const out = await Promise.all(
    cells.map(async (cell) => {
      const version = byId.get(cell.versionId);
      if (!version) throw shareNotFound();
      const generation = await store.getGeneration(cell.generationId);
      const images =
        generation?.status === "succeeded"
          ? (await store.listImagesForGeneration(generation.id))
              .sort(byCreated)
              .map((i) => sharedImage(i, generation, src))
          : [];
      const against =
        first && first.id !== version.id ? { number: numbers.get(first.id) ?? null, prompt: first.prompt } : null;
      return {
        label: cell.label,
        backend: cell.backend,
        step: step(version, numbers.get(version.id) ?? 0, against, images),
      };
    }),
  );
  return {
    title: comparison.title,
    ideaText: idea.text,
    comparisonKind: comparison.kind,
    seed: comparison.seed,
    params: comparison.params,
    cells: out,
  };
}

async function imageRecipe(imageId: string, src: SharedImageSrc) {
  const { store } = deps();
  const image = await store.getImage(imageId);
  if (!image) throw shareNotFound();
  const [idea, version, generation] = await Promise.all([
    store.getIdea(image.ideaId),
    store.getVersion(image.promptId),
    store.getGeneration(image.generationId),
  ]);
  if (!idea || !version || !generation) throw shareNotFound();
  const shown = sharedImage(image, generation, src);
  return {
    title: idea.title,
    ideaText: idea.text,
    image: shown,
    step: step(version, 1, null, [shown]),
    params: generation.params,
    durationMs: generation.durationMs,
  };
}

/** The generations that succeeded, each with its images. */
async function succeededWithImages(generations: Generation[]): Promise<{ generation: Generation; images: Image[] }[]> {
  const { store } = deps();
  const done = generations.filter((g) => g.status === "succeeded");
  return Promise.all(
    done.map(async (generation) => ({ generation, images: await store.listImagesForGeneration(generation.id) })),
  );
}

/** How a version came to be, in the words of lib/client/versions.ts sourceLabel. */
export function stepHow(v: Pick<PromptVersion, "source" | "parentId" | "instruction">): StepHow {
  if (v.source === "edit") return v.parentId === null ? "imported" : "edit";
  if (v.source === "verbatim") return "verbatim";
  if (!v.parentId) return "refined";
  return v.instruction === null ? "restyle" : "instruction";
}

function step(
  v: PromptVersion,
  number: number,
  parent: { number: number | null; prompt: string } | null,
  images: SharedImage[],
): SharedStep {
  return {
    number,
    parentNumber: parent?.number ?? null,
    how: stepHow(v),
    instruction: v.instruction,
    // The preset's label ("Watercolor"), as the Style menu says it, for someone who never saw the app.
    // An own style (issue 13) by the name it had when the step was made.
    style: v.style ? (v.styleUsed?.label ?? getStyle(v.style)?.label ?? v.style) : null,
    prompt: v.prompt,
    negativePrompt: v.negativePrompt,
    parentPrompt: parent?.prompt ?? null,
    notes: [...v.notes],
    approvedAt: v.approvedAt ?? null,
    createdAt: v.createdAt,
    images,
  };
}

function sharedImage(image: Image, generation: Generation, src: SharedImageSrc): SharedImage {
  return {
    id: image.id,
    width: image.width,
    height: image.height,
    alt: image.prompt,
    src: src(image.id, "file"),
    thumbSrc: src(image.id, "thumb"),
    backend: generation.backend,
    model: generation.model,
    seed: image.seed,
    createdAt: image.createdAt,
  };
}
