import { useCallback, useEffect, useState } from "react";
import type { Catalog } from "@/lib/schemas/catalog";
import type { IdeaDetail, PromptVersion } from "@/lib/schemas/entities";
import { type ComposeSettings, initialSettings, type ReuseImage } from "./compose-settings";

type Opened = { detail: IdeaDetail; versionId?: string; reuse?: ReuseImage };

/**
 * The compose form's settings (style, backend, parameters), starting from the opened version or
 * image; loading a version brings its style into the Style combobox.
 */
export function useComposeSettings(catalog: Catalog, initial: Opened | undefined, current: PromptVersion | undefined) {
  const [settings, setSettings] = useState<ComposeSettings>(() =>
    initialSettings(catalog, initial?.detail, initial?.versionId, initial?.reuse),
  );

  // Changing the style afterwards offers "Apply style": only a newly loaded version (or its new style) resets it.
  const currentStyleKey = current ? `${current.id}:${current.style ?? ""}` : "";
  useEffect(() => {
    if (!currentStyleKey) return;
    const style = (currentStyleKey.slice(currentStyleKey.indexOf(":") + 1) || null) as ComposeSettings["style"];
    setSettings((s) => (s.style === style ? s : { ...s, style }));
  }, [currentStyleKey]);

  const onSettings = useCallback((patch: Partial<ComposeSettings>) => setSettings((s) => ({ ...s, ...patch })), []);
  return { settings, setSettings, onSettings };
}
