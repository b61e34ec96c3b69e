"use client";

import { useId, useRef, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/client/api-error";
import { importStylesFile } from "@/lib/client/styles";
import type { OwnStyle } from "@/lib/schemas/styles";

const MAX_FILE_BYTES = 1_000_000;

/** Export the own styles as a file; import one (all or nothing, every wrong entry named). */
export function StylesTransfer({
  hasStyles,
  onImported,
}: {
  hasStyles: boolean;
  onImported: (items: OwnStyle[], message: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; lines: string[] } | null>(null);

  const importFile = async (file: File) => {
    setProblem(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem({ message: "The file is larger than 1 MB: nothing was imported.", lines: [] });
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        setProblem({ message: `“${file.name}” is not JSON: nothing was imported.`, lines: [] });
        return;
      }
      const result = await importStylesFile(text);
      const said = [
        result.created ? `${result.created} new` : "",
        result.updated ? `${result.updated} updated` : "",
      ].filter(Boolean);
      onImported(result.items, `Imported ${said.length ? said.join(", ") : "nothing (the file has no styles)"}.`);
    } catch (e) {
      const details =
        e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path?: string; message?: string }[]) : [];
      setProblem({
        message: e instanceof Error ? e.message : "The import failed: nothing was imported.",
        lines: details.slice(0, 8).map((d) => `${d.path ? `${d.path}: ` : ""}${d.message ?? ""}`),
      });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  };

  return (
    <>
      {hasStyles ? (
        <a href="/api/styles/export" download="promptsmith-styles.json" className="btn btn-secondary">
          Export styles
        </a>
      ) : null}
      <label htmlFor={inputId} className={`btn btn-secondary cursor-pointer ${busy ? "opacity-60" : ""}`}>
        {busy ? <Spinner /> : null}
        Import styles…
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      {problem ? (
        <div role="alert" className="w-full rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm">
          <p className="font-semibold text-danger">{problem.message}</p>
          {problem.lines.length > 0 ? (
            <ul className="mt-1 list-inside list-disc text-ink">
              {problem.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
