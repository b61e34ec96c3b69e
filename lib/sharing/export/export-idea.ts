import "server-only";
import { notFound } from "@/lib/http/responses";
import { byCreated, versionNumbers } from "@/lib/client/versions";
import { deps } from "@/lib/studio/deps";
import { getIdeaDetail } from "@/lib/studio/queries";
import { type ExportBundle, orderImages, sortFeedback } from "./export-bundle";

/** What GET /api/ideas/:id/export holds: the idea, its whole version tree, every image, all feedback. 404 when it is gone. */
export async function loadIdeaExport(id: string): Promise<ExportBundle> {
  const detail = await getIdeaDetail(id);
  if (!detail) throw notFound("The idea");
  const feedback = await deps().store.listFeedbackForIdea(id);
  const versions = [...detail.versions].sort(byCreated);
  const numbers = versionNumbers(versions);
  return {
    kind: "idea",
    idea: detail.idea,
    comparison: null,
    versions,
    generations: detail.generations,
    // Step by step, as the story reads.
    images: orderImages(detail.generations, (g) => numbers.get(g.promptId) ?? Number.MAX_SAFE_INTEGER),
    feedback: sortFeedback(feedback),
    exportedAt: new Date().toISOString(),
  };
}
