import { versionNumbers } from "@/lib/client/versions";
import { stepHow } from "@/lib/sharing/shared-view";
import { tallyVotes } from "@/lib/sharing/tally-votes";
import type { ExportBundle } from "./export-bundle";

/** Bumped when a field changes meaning or goes; new fields may appear without a bump. */
export const EXPORT_FORMAT_VERSION = 1;

/**
 * `idea.json`: the whole record for a program to read back. The idea; every version of its tree
 * with its parent, instruction, parts, notes and approval; under each version the exported
 * generations with their parameters, backend and model, and their images with seed and the
 * archive path of the file (null when the bytes were missing from storage); then the visitors'
 * feedback and the votes standing per image.
 */
export function ideaJson(bundle: ExportBundle, written: ReadonlySet<string>): string {
  const numbers = versionNumbers(bundle.versions);
  const pathOf = new Map(bundle.images.map((i) => [i.image.id, i.path]));
  const votes = tallyVotes(bundle.feedback);
  const votesOf = new Map(votes.map((v) => [v.imageId, v.count]));

  const versions = bundle.versions.map((v) => ({
    ...v,
    step: numbers.get(v.id) ?? null,
    parentStep: v.parentId ? (numbers.get(v.parentId) ?? null) : null,
    how: stepHow(v),
    generations: bundle.generations
      .filter((g) => g.promptId === v.id)
      .map(({ images, ...g }) => ({
        id: g.id,
        backend: g.backend,
        model: g.model,
        params: g.params,
        status: g.status,
        error: g.error,
        createdAt: g.createdAt,
        finishedAt: g.finishedAt,
        durationMs: g.durationMs,
        images: images.map((image) => ({
          id: image.id,
          file: written.has(image.id) ? (pathOf.get(image.id) ?? null) : null,
          seed: image.seed,
          width: image.width,
          height: image.height,
          mime: image.mime,
          byteSize: image.byteSize,
          favorite: image.favorite,
          votes: votesOf.get(image.id) ?? 0,
          createdAt: image.createdAt,
        })),
      })),
  }));

  const doc = {
    format: "promptsmith-export",
    formatVersion: EXPORT_FORMAT_VERSION,
    kind: bundle.kind,
    exportedAt: bundle.exportedAt,
    idea: bundle.idea,
    comparison: bundle.comparison,
    versions,
    feedback: { items: bundle.feedback, votes },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
