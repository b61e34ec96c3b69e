import "server-only";
import { byCreated } from "@/lib/client/versions";
import { deps } from "@/lib/studio/deps";
import { getComparisonDetail } from "@/lib/studio/compare";
import { type ExportBundle, orderImages, sortFeedback } from "./export-bundle";

/**
 * What GET /api/comparisons/:id/export holds: the comparison, its idea with the whole version
 * tree (the cells' versions in context), the cells' images in grid order, and the feedback on
 * them or given through a link to this comparison. 404 when it is gone.
 */
export async function loadComparisonExport(id: string): Promise<ExportBundle> {
  const { store } = deps();
  const detail = await getComparisonDetail(id);
  // The cells' own versions are among the idea's, which go in whole.
  const { idea, versions: _cells, generations, ...comparison } = detail;
  const [versions, feedback, shares] = await Promise.all([
    store.listVersions(idea.id),
    store.listFeedbackForIdea(idea.id),
    store.listShares({ kind: "comparison", id }),
  ]);
  const position = new Map(comparison.cells.map((c) => [c.generationId, c.position]));
  const imageIds = new Set(generations.flatMap((g) => g.images.map((i) => i.id)));
  const shareIds = new Set(shares.map((s) => s.id));
  return {
    kind: "comparison",
    idea,
    comparison,
    versions: [...versions].sort(byCreated),
    generations,
    images: orderImages(generations, (g) => position.get(g.id) ?? Number.MAX_SAFE_INTEGER),
    feedback: sortFeedback(
      feedback.filter((f) => shareIds.has(f.shareId) || (f.imageId !== null && imageIds.has(f.imageId))),
    ),
    exportedAt: new Date().toISOString(),
  };
}
