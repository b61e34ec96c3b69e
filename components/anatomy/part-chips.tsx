"use client";

import { useId, useState } from "react";
import { saveLocks } from "@/lib/client/api";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import type { PartName, PromptVersion } from "@/lib/schemas/entities";
import { PART_NAMES } from "@/lib/schemas/names";
import { LockIcon } from "./lock-icon";
import { PART_LABELS } from "./part-labels";

type Props = {
  version: PromptVersion;
  /** The version as saved with its new locks. */
  onSaved: (version: PromptVersion) => void;
  /** Told of each save as it starts, so a refinement can wait for the locks it must honour. */
  onSaving?: (saving: Promise<unknown>) => void;
  disabled?: boolean;
  /**
   * The text on screen is an unsaved edit of `version` (whose parts are then only those still
   * in the text): the chips follow it, and locks wait until the edit is saved.
   */
  editing?: boolean;
};

/**
 * The loaded version's anatomy as chips under the Prompt, each with a lock toggle: a locked
 * part comes back word for word from every later refinement (children inherit the locks).
 */
export function PartChips({ version, onSaved, onSaving, disabled: busy, editing }: Props) {
  const hintId = useId();
  const [pending, setPending] = useState<PartName[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const parts = version.parts;
  const disabled = busy || editing;

  if (!parts) {
    return (
      <p className="text-xs text-muted">
        {editing
          ? "Your edit rewrote every part."
          : version.source === "edit"
            ? "Parts unknown for a hand edit."
            : version.source === "verbatim"
              ? "Parts unknown for a prompt written by hand."
              : "Parts unknown for this version."}
      </p>
    );
  }
  const present = PART_NAMES.filter((n) => parts[n]?.trim());
  if (!present.length) return null;
  const locks = pending ?? version.locks;

  const toggle = async (name: PartName) => {
    if (pending || disabled) return;
    const next = locks.includes(name)
      ? locks.filter((n) => n !== name)
      : PART_NAMES.filter((n) => n === name || locks.includes(n));
    setPending(next);
    setError(null);
    try {
      const saving = saveLocks(version.id, next);
      onSaving?.(saving);
      onSaved(await saving);
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setPending(null);
    }
  };

  return (
    <div className="min-w-0">
      <div className="mb-1.5 flex flex-wrap items-baseline gap-x-2">
        <h3 className="eyebrow">Parts</h3>
        <p id={hintId} className="text-xs text-muted">
          {editing
            ? "Only the parts your edit kept; locks can change once it is saved."
            : "Lock a part to keep it word for word when you refine again."}
        </p>
      </div>
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari drops list semantics from unstyled lists unless the role is explicit */}
      <ul role="list" className="flex flex-wrap gap-1.5">
        {present.map((name) => {
          const text = parts[name] ?? "";
          const locked = locks.includes(name);
          return (
            <li
              key={name}
              className={`group flex max-w-full min-w-0 items-center gap-1 rounded-full border py-0.5 pr-0.5 pl-2.5 text-xs ${
                locked ? "border-accent bg-accent-soft text-accent-soft-ink" : "border-line bg-surface text-ink"
              }`}
            >
              <span className="shrink-0 font-semibold">{PART_LABELS[name]}</span>
              {/* Truncated to one line; the whole text is in the title, and shown while the chip has focus. */}
              <span
                title={text}
                className="max-w-[14rem] min-w-0 truncate text-muted group-focus-within:max-w-none group-focus-within:whitespace-normal sm:max-w-[18rem]"
              >
                {text}
              </span>
              <button
                type="button"
                aria-pressed={locked}
                aria-label={`Lock ${name}`}
                aria-describedby={hintId}
                aria-disabled={disabled || pending !== null || undefined}
                title={locked ? `Unlock ${PART_LABELS[name].toLowerCase()}` : `Lock ${PART_LABELS[name].toLowerCase()}`}
                onClick={() => void toggle(name)}
                className={`flex size-7 shrink-0 items-center justify-center rounded-full ${
                  locked ? "text-accent hover:bg-surface/60" : "text-muted hover:bg-surface-2 hover:text-ink"
                } aria-disabled:cursor-not-allowed`}
              >
                <LockIcon locked={locked} />
              </button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p role="alert" className="mt-1.5 text-xs text-danger">
          The lock was not saved: {error.message}
        </p>
      ) : null}
    </div>
  );
}
