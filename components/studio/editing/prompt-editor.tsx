"use client";

import { type RefObject, useEffect } from "react";
import { isSubmitChord } from "../keys";

type Props = {
  id: string;
  value: string;
  onChange: (text: string) => void;
  streaming: boolean;
  readOnly: boolean;
  describedBy?: string;
  onSubmit: () => void;
  onBlur?: () => void;
  editorRef: RefObject<HTMLTextAreaElement | null>;
};

/**
 * The prompt: fills in while it streams (read-only, with a moving sheen and a caret at the
 * end of the status line), then is yours to edit.
 */
export function PromptEditor({
  id,
  value,
  onChange,
  streaming,
  readOnly,
  describedBy,
  onSubmit,
  onBlur,
  editorRef,
}: Props) {
  // Keep the newest words in view while they stream in.
  useEffect(() => {
    const el = editorRef.current;
    if (streaming && el && value) el.scrollTop = el.scrollHeight;
  }, [value, streaming, editorRef]);

  return (
    <textarea
      id={id}
      ref={editorRef}
      value={value}
      readOnly={readOnly || streaming}
      aria-busy={streaming || undefined}
      aria-describedby={describedBy}
      rows={8}
      spellCheck={!streaming}
      placeholder={streaming ? undefined : "The refined prompt appears here, word by word. Or write or paste your own."}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      onKeyDown={(e) => {
        if (isSubmitChord(e)) {
          e.preventDefault();
          onSubmit();
        }
      }}
      className={`field max-h-[28rem] min-h-44 resize-y text-[1.0625rem] leading-relaxed ${
        streaming ? "shimmer caret-transparent" : ""
      } ${readOnly && !streaming ? "bg-surface-2" : ""}`}
    />
  );
}
