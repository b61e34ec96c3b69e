"use client";

import dynamic from "next/dynamic";
import { useMemo } from "react";
import { versionTree } from "@/lib/client/versions";
import type { Image, LibraryEntry, PromptVersion } from "@/lib/schemas/entities";
import type { CompareBackend } from "./compare-bar";
import { HistoryItem } from "./history-item";
import { TreeList } from "./tree-list";
import { onTreeKeyDown } from "./tree-keys";
import { useVersionSelection } from "./use-version-selection";

// The compare bar shows once two versions are ticked: loaded then (issue 12: first-load JS).
const CompareBar = dynamic(() => import("./compare-bar").then((m) => m.CompareBar));

export type HistoryTreeProps = {
  ideaId: string | null;
  versions: PromptVersion[];
  numbers: Map<string, number>;
  currentId: string | null;
  imagesByVersion: Map<string, Image[]>;
  library: LibraryEntry[];
  disabled: boolean;
  /** The backend and parameters "Compare images" renders with (the studio's current ones). */
  backend: string;
  params?: Record<string, unknown>;
  /** Configured backends, for comparing one version across them. */
  backends?: CompareBackend[];
  onSelect: (id: string) => void;
};

/** The idea's versions as a tree (branches nested under the version they came from), and the compare bar. */
export function HistoryTree(p: HistoryTreeProps) {
  const roots = useMemo(() => versionTree(p.versions), [p.versions]);
  const ids = useMemo(() => p.versions.map((v) => v.id), [p.versions]);
  const selection = useVersionSelection(ids);
  const entries = useMemo(() => {
    const m = new Map<string, LibraryEntry>();
    for (const e of p.library) if (e.versionId) m.set(e.versionId, e);
    return m;
  }, [p.library]);
  const selected = selection.selected.flatMap((id) => p.versions.find((v) => v.id === id) ?? []);

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys between the tree's buttons; each node is a real button */}
      <div onKeyDown={onTreeKeyDown}>
        <TreeList
          nodes={roots}
          maxIndent={3}
          renderItem={(v) => (
            <HistoryItem
              version={v}
              number={p.numbers.get(v.id) ?? 0}
              parentNumber={v.parentId ? p.numbers.get(v.parentId) : undefined}
              current={v.id === p.currentId}
              images={p.imagesByVersion.get(v.id) ?? []}
              entry={entries.get(v.id)}
              selected={selection.selected.includes(v.id)}
              selectionFull={selection.full}
              disabled={p.disabled}
              onSelect={p.onSelect}
              onToggleSelected={selection.toggle}
            />
          )}
        />
      </div>
      {p.ideaId && p.versions.length > 1 ? (
        <CompareBar
          ideaId={p.ideaId}
          selected={selected}
          numbers={p.numbers}
          backend={p.backend}
          params={p.params}
          backends={p.backends}
          onClear={selection.clear}
        />
      ) : null}
    </div>
  );
}
