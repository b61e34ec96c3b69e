"use client";

import { useId } from "react";
import { capabilitiesFor } from "@/lib/prompt-formats/guess-dialect";
import { FAMILY_PROFILES, MODEL_FAMILY_IDS, type ModelFamily } from "@/lib/prompt-formats/model-family";
import type { Capabilities } from "@/lib/schemas/catalog";

/** How the prompt is written for a family, in words: what a person needs to know before refining. */
export function familyHint(caps: Capabilities): string {
  if (!caps.family) return "";
  const words =
    caps.dialect === "prose"
      ? `Writes sentences for its T5 encoder (${caps.maxPromptTokens} tokens); no negative prompt.`
      : `Writes weighted tags for CLIP (${caps.maxPromptTokens} tokens) and a negative prompt.`;
  return words;
}

/**
 * The model family a Stable Diffusion-style backend runs: followed from the checkpoint's name
 * and hash (or the server's setting) unless chosen here. It decides the dialect, the budget,
 * whether there is a negative prompt, and the sizes offered. A ComfyUI workflow that declares
 * its family shows it, unchangeable.
 */
export function FamilySelect({
  baseCaps,
  caps,
  value,
  checkpoint,
  onChange,
}: {
  /** The backend's own capabilities (the catalog's), before any choice. */
  baseCaps: Capabilities;
  /** The capabilities in force. */
  caps: Capabilities;
  value: ModelFamily | null | undefined;
  checkpoint: string | null;
  onChange: (family: ModelFamily | null) => void;
}) {
  const id = useId();
  const hintId = useId();
  if (!baseCaps.family || !caps.family) return null;
  const label = FAMILY_PROFILES[caps.family].label;

  if (baseCaps.familySource === "workflow") {
    return (
      <div>
        <p className="field-label">Model family</p>
        <p className="text-sm">{label}, as the workflow declares</p>
        <p className="field-hint mt-1">{familyHint(caps)}</p>
      </div>
    );
  }

  const followed = capabilitiesFor(baseCaps, { checkpoint }).family ?? baseCaps.family;
  const from =
    baseCaps.familySource === "setting"
      ? "the server's setting"
      : checkpoint
        ? "the checkpoint's name"
        : "the backend's default";
  return (
    <div>
      <label htmlFor={id} className="field-label">
        Model family
      </label>
      <select
        id={id}
        className="field"
        value={value ?? ""}
        aria-describedby={hintId}
        onChange={(e) => onChange((e.target.value || null) as ModelFamily | null)}
      >
        <option value="">
          {FAMILY_PROFILES[followed].label} (from {from})
        </option>
        {MODEL_FAMILY_IDS.map((f) => (
          <option key={f} value={f}>
            {FAMILY_PROFILES[f].label}
          </option>
        ))}
      </select>
      <p id={hintId} className="field-hint mt-1">
        {familyHint(caps)}
      </p>
    </div>
  );
}
