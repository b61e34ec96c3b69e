"use client";

import { useMemo } from "react";
import { byCreated, versionNumbers, versionTree } from "@/lib/client/versions";
import type { GenerationWithImages, IdeaDetail, LibraryEntry } from "@/lib/schemas/entities";
import { type CompareBackend, CompareBar } from "./compare-bar";
import { TreeList } from "./tree-list";
import { onTreeKeyDown } from "./tree-keys";
import { useVersionSelection } from "./use-version-selection";
import { VersionNode } from "./version-node";

type Props = {
  detail: IdeaDetail;
  /** The backend "Compare images" renders on. */
  backend: string;
  /** Configured backends, for comparing one version across them. */
  backends?: CompareBackend[];
};

/** An idea's versions as a tree (each nested under the version it came from), with ticks to compare them. */
export function VersionTree({ detail, backend, backends }: Props) {
  const numbers = useMemo(() => versionNumbers(detail.versions), [detail.versions]);
  const roots = useMemo(() => versionTree(detail.versions), [detail.versions]);
  const ids = useMemo(() => detail.versions.map((v) => v.id), [detail.versions]);
  const selection = useVersionSelection(ids);
  const byVersion = useMemo(() => {
    const m = new Map<string, GenerationWithImages[]>();
    for (const g of [...detail.generations].sort(byCreated)) m.set(g.promptId, [...(m.get(g.promptId) ?? []), g]);
    return m;
  }, [detail.generations]);
  const entries = useMemo(() => {
    const m = new Map<string, LibraryEntry>();
    for (const e of detail.library ?? []) if (e.versionId) m.set(e.versionId, e);
    return m;
  }, [detail.library]);
  const latestId = [...detail.versions].sort(byCreated).at(-1)?.id;
  const selected = selection.selected.flatMap((id) => detail.versions.find((v) => v.id === id) ?? []);

  if (!roots.length) return <p className="text-sm text-muted">This idea has no versions yet.</p>;
  return (
    <div className="space-y-4">
      {detail.versions.length > 1 ? (
        <div>
          <CompareBar
            ideaId={detail.idea.id}
            selected={selected}
            numbers={numbers}
            backend={backend}
            backends={backends}
            onClear={selection.clear}
          />
        </div>
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys between the tree's links; each node has a real link */}
      <div onKeyDown={onTreeKeyDown}>
        <TreeList
          nodes={roots}
          elbow="lg"
          renderItem={(v) => {
            const parent = v.parentId ? detail.versions.find((x) => x.id === v.parentId) : undefined;
            return (
              <VersionNode
                version={v}
                number={numbers.get(v.id) ?? 0}
                parent={parent}
                parentNumber={parent ? numbers.get(parent.id) : undefined}
                ideaId={detail.idea.id}
                generations={byVersion.get(v.id) ?? []}
                entry={entries.get(v.id)}
                latest={v.id === latestId}
                selected={selection.selected.includes(v.id)}
                selectionFull={selection.full}
                onToggleSelected={selection.toggle}
              />
            );
          }}
        />
      </div>
    </div>
  );
}
