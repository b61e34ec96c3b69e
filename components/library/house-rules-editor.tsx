"use client";

import { useId, useState } from "react";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Spinner } from "@/components/ui/spinner";
import { LocalTime } from "@/components/ui/local-time";
import { type ShownError, toShownError } from "@/lib/client/api-error";
import { saveHouseRules } from "@/lib/client/house-rules";
import type { HouseRulesState } from "@/lib/schemas/house-rules";
import { HOUSE_RULES_MAX_CHARS } from "@/lib/schemas/limits";

const thousands = (n: number) => n.toLocaleString("en-US");

/**
 * Issue 13: the team's house rules, added to every refinement as a preference (never above the
 * safety rules or the answer format). Each save is a new version; earlier ones stay listed and
 * can be brought back into the box.
 */
export function HouseRulesEditor({ initial, offlineRefiner }: { initial: HouseRulesState; offlineRefiner: boolean }) {
  const [state, setState] = useState(initial);
  const [text, setText] = useState(initial.current?.text ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [status, setStatus] = useState("");
  const fieldId = useId();
  const countId = useId();
  const hintId = useId();
  const current = state.current;
  const over = text.trim().length > HOUSE_RULES_MAX_CHARS;
  const unchanged = text.trim() === (current?.text ?? "");

  const onSave = async () => {
    if (busy || over || unchanged) return;
    setBusy(true);
    setError(null);
    try {
      const next = await saveHouseRules(text);
      setState(next);
      setText(next.current?.text ?? "");
      setStatus(
        next.current?.text ? `Saved as v${next.current.version}.` : `Cleared (v${next.current?.version ?? 0}).`,
      );
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="house-rules" className="space-y-3 rounded-xl border border-line bg-surface p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="house-rules" className="text-lg font-semibold tracking-tight">
          House rules
        </h2>
        <p className="text-sm text-muted">
          {current ? (
            <>
              v{current.version}, saved <LocalTime iso={current.createdAt} />
            </>
          ) : (
            "None yet"
          )}
        </p>
      </div>
      <p id={hintId} className="text-sm text-muted">
        Standing preferences added to every refinement, such as “our brand palette is navy and coral” or “no
        photorealistic people”. They are a preference: they never override the safety rules or the answer format, and
        the Studio can switch them off for a refinement. Each version a prompt followed shows in its recipe.
        {offlineRefiner
          ? " The offline refiner applies only “no …” rules (to the negative prompt of tag prompts) and notes the rest; a chat model follows all of them."
          : ""}
      </p>
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
      >
        <label htmlFor={fieldId} className="sr-only">
          House rules
        </label>
        <textarea
          id={fieldId}
          className="field min-h-28 resize-y"
          rows={4}
          value={text}
          placeholder={"our brand palette is navy and coral\nno photorealistic people"}
          aria-describedby={`${countId} ${hintId}`}
          aria-invalid={over || undefined}
          onChange={(e) => {
            setText(e.target.value);
            setStatus("");
          }}
        />
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="btn btn-primary" disabled={busy || over || unchanged}>
            {busy ? <Spinner /> : null}
            Save house rules
          </button>
          <span id={countId} className={`text-sm ${over ? "font-medium text-danger" : "text-muted"}`}>
            {over
              ? `${thousands(text.trim().length)} characters; the limit is ${thousands(HOUSE_RULES_MAX_CHARS)}`
              : `${thousands(text.trim().length)} / ${thousands(HOUSE_RULES_MAX_CHARS)}`}
          </span>
          <span role="status" className="text-sm text-muted">
            {status}
          </span>
        </div>
        {error ? <ErrorAlert error={error} action="Saving the house rules failed" /> : null}
      </form>
      {state.history.length > 1 ? (
        <details className="group">
          <summary className="cursor-pointer text-sm font-medium">
            Earlier versions ({state.history.length - 1})
          </summary>
          <ol className="mt-2 divide-y divide-line border-y border-line">
            {state.history.slice(1).map((v) => (
              <li key={v.version} className="space-y-1 py-2">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span className="text-sm font-medium">v{v.version}</span>
                  <span className="text-xs text-muted">
                    <LocalTime iso={v.createdAt} />
                  </span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm ml-auto"
                    aria-label={`Restore v${v.version}`}
                    onClick={() => {
                      setText(v.text);
                      setStatus(`v${v.version} is in the box; save to make it current.`);
                    }}
                  >
                    Restore
                  </button>
                </div>
                <p className="text-sm whitespace-pre-wrap [overflow-wrap:anywhere]">
                  {v.text || <span className="text-muted">(cleared)</span>}
                </p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
