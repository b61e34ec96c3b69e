"use client";

import type { RefObject } from "react";
import { backendLabel } from "@/lib/client/format";
import type { ImportedRecipe } from "@/lib/png";
import type { Capabilities, CatalogBackend } from "@/lib/schemas/catalog";
import { fitRecipeParams, negativeHint, notUsedSentence } from "./import-recipe";

type Props = {
  /** What the last load did, in words; "" for nothing. Always rendered: a live region must exist before it speaks. */
  status: string;
  /** The unsaved imported recipe whose leftovers to explain, or null. */
  recipe: ImportedRecipe | null;
  caps: Capabilities;
  backendName: string;
  backends: readonly CatalogBackend[];
  onSwitchBackend: (id: string) => void;
  noticeRef?: RefObject<HTMLDivElement | null>;
};

/**
 * Above the Prompt: what loading an image did (role status), and what the image carries that
 * the chosen backend cannot use, with a way to a backend that can.
 */
export function ImportNotice({ status, recipe, caps, backendName, backends, onSwitchBackend, noticeRef }: Props) {
  const skipped = recipe ? fitRecipeParams(recipe.params, caps).skipped : [];
  const negative = recipe ? negativeHint(recipe, caps, backends) : null;
  const notes = recipe && (skipped.length > 0 || negative);
  // Said with the status, for screen readers; on screen the notes below carry it, with reasons.
  const notUsed = recipe && status ? notUsedSentence(recipe, caps, backendName) : "";

  return (
    <div ref={noticeRef} className="scroll-mt-24">
      <p role="status" className={status ? "mb-2 text-sm font-medium text-ink" : ""}>
        {status}
        {notUsed ? <span className="sr-only"> {notUsed}</span> : null}
      </p>
      {notes ? (
        <div className="mb-3 rounded-lg border border-line bg-surface px-3 py-2.5 text-sm">
          <p className="font-semibold text-ink">From the image, not used by {backendName}:</p>
          <ul className="mt-1 space-y-1 text-muted">
            {negative ? <Note>{negative.note}</Note> : null}
            {skipped.map((s) => (
              <Note key={s.key}>{s.note}</Note>
            ))}
          </ul>
          {negative?.switchTo.length ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {negative.switchTo.map((b) => (
                <button
                  key={b.id}
                  type="button"
                  className="btn btn-secondary btn-sm"
                  onClick={() => onSwitchBackend(b.id)}
                >
                  Switch to {backendLabel(b.id)}
                </button>
              ))}
            </div>
          ) : negative?.enableWith.length ? (
            <p className="field-hint mt-2">
              Backends that take a negative prompt are turned on with {negative.enableWith.join(" or ")}.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Note({ children }: { children: string }) {
  return (
    <li className="flex gap-2">
      <span aria-hidden="true" className="mt-2 size-1 shrink-0 rounded-full bg-muted" />
      <span className="min-w-0 break-words">{children}</span>
    </li>
  );
}
