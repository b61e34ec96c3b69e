import { byCreated, versionNumbers, versionTree } from "@/lib/client/versions";
import type { GenerationWithImages, IdeaDetail } from "@/lib/schemas/entities";
import { VersionNode } from "./version-node";

/** An idea's versions as a tree: each nested under the version it came from. */
export function VersionTree({ detail }: { detail: IdeaDetail }) {
  const numbers = versionNumbers(detail.versions);
  const roots = versionTree(detail.versions);
  const byVersion = new Map<string, GenerationWithImages[]>();
  for (const g of [...detail.generations].sort(byCreated)) {
    byVersion.set(g.promptId, [...(byVersion.get(g.promptId) ?? []), g]);
  }
  if (!roots.length) return <p className="text-sm text-muted">This idea has no versions yet.</p>;
  return (
    <ol className="space-y-3">
      {roots.map((node) => (
        <VersionNode
          key={node.version.id}
          node={node}
          numbers={numbers}
          generationsByVersion={byVersion}
          ideaId={detail.idea.id}
        />
      ))}
    </ol>
  );
}
