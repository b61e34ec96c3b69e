"use client";

import { useId } from "react";
import { formatSize, orientation } from "@/lib/client/format";
import type { Capabilities } from "@/lib/schemas/catalog";
import { CheckpointSelect } from "./checkpoint-select";
import { capabilitiesFor } from "@/lib/prompt-formats/guess-dialect";
import { type ComposeSettings, MAX_SEED, modelChoice } from "./compose-settings";
import { FamilySelect } from "./family-select";

type Props = {
  backendId: string;
  /** Only a configured backend can be asked for its checkpoints. */
  configured: boolean;
  caps: Capabilities;
  /** The backend's own capabilities, before the checkpoint's family is applied. */
  baseCaps?: Capabilities;
  value: ComposeSettings;
  onChange: (patch: Partial<ComposeSettings>) => void;
  disabled?: boolean;
};

/** Only the parameters the chosen backend takes. */
export function ParamsFields({ backendId, configured, caps, baseCaps, value, onChange, disabled }: Props) {
  /**
   * A new checkpoint or family may bring another family: its sizes and defaults follow (an SDXL
   * checkpoint moves 512² to 1024²); what the person set and still fits is kept.
   */
  const onModel = (patch: Pick<Partial<ComposeSettings>, "checkpoint" | "family">) => {
    if (!baseCaps) return onChange(patch);
    const next = capabilitiesFor(baseCaps, modelChoice({ ...value, ...patch }));
    const keep = (text: string, before?: { default: number }, after?: { default: number }) =>
      !after ? text : text === "" || (before && text === String(before.default)) ? String(after.default) : text;
    onChange({
      ...patch,
      size: next.sizes.includes(value.size) ? value.size : next.defaultSize,
      steps: keep(value.steps, caps.steps, next.steps),
      guidance: keep(value.guidance, caps.guidance, next.guidance),
    });
  };
  const ids = {
    size: useId(),
    n: useId(),
    seed: useId(),
    random: useId(),
    quality: useId(),
    sampler: useId(),
    steps: useId(),
    guidance: useId(),
  };
  const counts = Array.from({ length: caps.maxImages }, (_, i) => i + 1);

  return (
    <fieldset className="min-w-0 space-y-3" disabled={disabled}>
      <legend className="eyebrow mb-2">Parameters</legend>
      <div>
        <label htmlFor={ids.size} className="field-label">
          Size
        </label>
        <select id={ids.size} className="field" value={value.size} onChange={(e) => onChange({ size: e.target.value })}>
          {caps.sizes.map((s) => (
            <option key={s} value={s}>
              {formatSize(s)} · {orientation(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div className="min-w-0">
          <label htmlFor={ids.n} className="field-label">
            Images
          </label>
          <select
            id={ids.n}
            className="field"
            value={value.n}
            onChange={(e) => onChange({ n: Number(e.target.value) })}
          >
            {counts.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        {caps.quality ? (
          <div className="min-w-0">
            <label htmlFor={ids.quality} className="field-label">
              Quality
            </label>
            <select
              id={ids.quality}
              className="field"
              value={value.quality ?? ""}
              onChange={(e) => onChange({ quality: e.target.value })}
            >
              {caps.quality.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>

      {caps.checkpoints && configured ? (
        <CheckpointSelect
          backendId={backendId}
          value={value.checkpoint}
          onChange={(checkpoint) => onModel({ checkpoint })}
        />
      ) : null}

      {baseCaps ? (
        <FamilySelect
          baseCaps={baseCaps}
          caps={caps}
          value={value.family}
          checkpoint={value.checkpoint}
          onChange={(family) => onModel({ family })}
        />
      ) : null}

      {caps.samplers?.length ? (
        <div>
          <label htmlFor={ids.sampler} className="field-label">
            Sampler
          </label>
          <select
            id={ids.sampler}
            className="field"
            value={value.sampler ?? ""}
            onChange={(e) => onChange({ sampler: e.target.value || null })}
          >
            <option value="">Backend default</option>
            {caps.samplers.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {caps.seed ? (
        <div>
          <label htmlFor={ids.seed} className="field-label">
            Seed
          </label>
          <div className="flex items-center gap-3">
            <input
              id={ids.seed}
              type="number"
              inputMode="numeric"
              min={0}
              max={MAX_SEED}
              step={1}
              className="field min-w-0 flex-1 font-mono"
              placeholder="random"
              value={value.randomSeed ? "" : value.seed}
              disabled={value.randomSeed}
              onChange={(e) => onChange({ seed: e.target.value })}
            />
            <span className="flex shrink-0 items-center gap-1.5 text-sm">
              <input
                id={ids.random}
                type="checkbox"
                className="size-4 accent-accent"
                checked={value.randomSeed}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? { randomSeed: true }
                      : { randomSeed: false, seed: value.seed || String(Math.floor(Math.random() * 1_000_000_000)) },
                  )
                }
              />
              <label htmlFor={ids.random}>Random</label>
            </span>
          </div>
        </div>
      ) : null}

      {caps.steps || caps.guidance ? (
        <div className="grid grid-cols-2 gap-3">
          {caps.steps ? (
            <NumberField
              id={ids.steps}
              label="Steps"
              range={caps.steps}
              step={1}
              value={value.steps}
              onChange={(steps) => onChange({ steps })}
            />
          ) : null}
          {caps.guidance ? (
            <NumberField
              id={ids.guidance}
              label="Guidance"
              range={caps.guidance}
              step={0.5}
              value={value.guidance}
              onChange={(guidance) => onChange({ guidance })}
            />
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

/** A bounded number box; the text is kept as typed and checked when the form is read. */
function NumberField(p: {
  id: string;
  label: string;
  range: { min: number; max: number };
  step: number;
  value: string;
  onChange: (text: string) => void;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={p.id} className="field-label">
        {p.label}
      </label>
      <input
        id={p.id}
        type="number"
        inputMode={Number.isInteger(p.step) ? "numeric" : "decimal"}
        min={p.range.min}
        max={p.range.max}
        step={p.step}
        className="field"
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
    </div>
  );
}
