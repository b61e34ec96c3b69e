"use client";

import { useId, useState } from "react";
import { ChecklistItems } from "@/components/checks/checklist-items";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { ShownError } from "@/lib/client/api-error";
import type { CheckItem, CheckKind } from "@/lib/schemas/checks";
import { MAX_CHECKS } from "@/lib/schemas/limits";
import { CHECK_KINDS } from "@/lib/schemas/names";

/** An item being edited: a new one has no id yet (the server numbers it). */
export type DraftItem = { key: string; id?: string; text: string; kind: CheckKind; words: string[] };

type Props = {
  checks: readonly CheckItem[];
  /** A refinement or a save owns the version: no editing meanwhile. */
  disabled: boolean;
  saving: boolean;
  error: ShownError | null;
  /** Saves the list as a new version (POST /api/prompts); resolves once it is current. */
  onSave: (items: DraftItem[]) => Promise<boolean>;
};

let drafted = 0;
const toDraft = (c: CheckItem): DraftItem => ({ key: c.id, ...c, words: [...c.words] });

/**
 * The version's checklist under the prompt (issue 11): what the idea demands, item by item, each
 * with its kind. Edit checklist changes, removes and adds items; Save checklist saves them as a
 * new version, as a prompt edit does.
 */
export function ChecklistPanel({ checks, disabled, saving, error, onSave }: Props) {
  const [items, setItems] = useState<DraftItem[] | null>(null);
  const [newText, setNewText] = useState("");
  const [newKind, setNewKind] = useState<CheckKind>("entity");
  const headingId = useId();
  const editing = items !== null;

  const update = (key: string, text: string) =>
    setItems((list) => list?.map((i) => (i.key === key ? { ...i, text } : i)) ?? null);
  const add = () => {
    const text = newText.trim();
    if (!text || !items || items.length >= MAX_CHECKS) return;
    setItems([...items, { key: `new-${++drafted}`, text, kind: newKind, words: [] }]);
    setNewText("");
  };
  const save = async () => {
    if (!items) return;
    if (await onSave(items.filter((i) => i.text.trim()))) setItems(null);
  };

  if (!editing && checks.length === 0 && disabled) return null;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="eyebrow">
          Checklist
        </h3>
        {!editing ? (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            disabled={disabled}
            onClick={() => setItems(checks.map(toDraft))}
          >
            Edit checklist
          </button>
        ) : null}
      </div>
      {!editing ? (
        checks.length > 0 ? (
          <ChecklistItems checks={checks} />
        ) : (
          <p className="text-sm text-muted">No checklist yet: add what the picture must show.</p>
        )
      ) : (
        <div className="space-y-3">
          <ul aria-label="Checklist" className="space-y-2">
            {items.map((item, n) => (
              <li key={item.key} className="flex items-center gap-2">
                <input
                  className="field min-w-0 flex-1 text-sm"
                  aria-label={`Item ${n + 1}`}
                  value={item.text}
                  maxLength={200}
                  onChange={(e) => update(item.key, e.target.value)}
                />
                <span className="chip shrink-0">{item.kind}</span>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm shrink-0"
                  aria-label={`Remove item ${n + 1}`}
                  onClick={() => setItems(items.filter((i) => i.key !== item.key))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <input
              className="field min-w-0 flex-1 basis-48 text-sm"
              aria-label="New item"
              placeholder="e.g. the umbrella is red"
              value={newText}
              maxLength={200}
              onChange={(e) => setNewText(e.target.value)}
            />
            <select
              className="field w-auto text-sm"
              aria-label="Kind"
              value={newKind}
              onChange={(e) => setNewKind(e.target.value as CheckKind)}
            >
              {CHECK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="btn btn-secondary btn-sm"
              disabled={!newText.trim() || items.length >= MAX_CHECKS}
            >
              Add item
            </button>
          </form>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn btn-primary btn-sm"
              onClick={() => void save()}
              aria-disabled={saving || disabled || undefined}
              disabled={saving || disabled}
            >
              Save checklist
            </button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setItems(null)} disabled={saving}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error ? <ErrorAlert error={error} action="Saving the checklist failed" /> : null}
    </section>
  );
}
