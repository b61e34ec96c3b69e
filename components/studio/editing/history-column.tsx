import { useMemo } from "react";
import { HistoryPanel } from "@/components/history/history-panel";
import { backendLabel } from "@/lib/client/format";
import type { Capabilities, Catalog } from "@/lib/schemas/catalog";
import type { Image } from "@/lib/schemas/entities";
import { type ComposeSettings, toGenerateParams } from "../generations/compose-settings";
import type { StudioState } from "../studio-state";

type Props = {
  state: StudioState;
  backends: Catalog["backends"];
  settings: ComposeSettings;
  caps: Capabilities;
  numbers: Map<string, number>;
  refining: boolean;
  onSelect: (versionId: string) => void;
};

/** The studio's right column (below on smaller screens): History, the idea's versions and their images. */
export function HistoryColumn({ state, backends, settings, caps, numbers, refining, onSelect }: Props) {
  const configuredBackends = useMemo(
    () =>
      backends
        .filter((b) => b.configured)
        .map((b) => ({ id: b.id, label: backendLabel(b.id), capabilities: b.capabilities })),
    [backends],
  );
  const imagesByVersion = useMemo(() => {
    const map = new Map<string, Image[]>();
    for (const g of [...state.generations].reverse()) {
      for (const img of g.images) map.set(img.promptId, [...(map.get(img.promptId) ?? []), img]);
    }
    return map;
  }, [state.generations]);

  return (
    <div className="min-w-0 lg:col-span-2 xl:sticky xl:top-20 xl:col-span-1 xl:max-h-[calc(100dvh-6rem)] xl:self-start xl:overflow-y-auto xl:pr-1">
      <HistoryPanel
        key={state.ideaId ?? "none"}
        ideaId={state.ideaId}
        library={state.library}
        backend={settings.backend}
        backends={configuredBackends}
        params={compareParams(toGenerateParams(settings, caps))}
        versions={state.versions}
        numbers={numbers}
        currentId={state.currentId}
        imagesByVersion={imagesByVersion}
        disabled={refining}
        ideaHref={state.ideaId ? `/ideas/${encodeURIComponent(state.ideaId)}` : null}
        onSelect={onSelect}
      />
    </div>
  );
}

/** The studio's parameters for "Compare images": one image per cell, so no count. */
function compareParams(params: ReturnType<typeof toGenerateParams>): Record<string, unknown> {
  const { n: _n, ...rest } = params;
  return rest;
}
