"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { COPY_TARGETS, type CopySource, type CopyTarget } from "@/lib/prompt-formats/copy-targets";
import { useClipboard } from "./use-clipboard";

type Formatter = typeof import("@/lib/prompt-formats/copy-formats").formatFor;
let formatter: Formatter | undefined;
let loading: Promise<Formatter> | undefined;

/**
 * The formatters (and the infotext writer they use) load when the menu is about to be used, not
 * with the page (issue 12): a pointer over the buttons, focus on them, or the copy itself. A
 * failed load is forgotten, so the next try loads again.
 */
function loadFormatter(): Promise<Formatter> {
  loading ??= import("@/lib/prompt-formats/copy-formats").then(
    (m) => {
      formatter = m.formatFor;
      return m.formatFor;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
const warm = () => void loadFormatter().catch(() => undefined);

type Props = {
  /** Read when a copy is asked for, so the text is what is on screen at that moment. */
  source: CopySource;
  /** Which edge the menu lines up with: "end" where the buttons sit at the right of their row. */
  align?: "start" | "end";
  /** Small buttons (beside a heading) or full-size ones (in a row of actions such as Generate). */
  size?: "sm" | "md";
  className?: string;
};

/**
 * "Copy" (the prompt as it is) and a menu button "Copy for…" with Midjourney, Ideogram and
 * Stable Diffusion: each writes the prompt in that tool's own form (lib/prompt-formats). A
 * status says "Copied" in words; when the browser refuses, the text is shown to copy by hand.
 * Keyboard: the menu opens with Enter, Space or the arrow keys, moves with the arrows, Home
 * and End, closes with Esc or Tab, and gives focus back to its button.
 */
export function CopyMenu({ source, align = "start", size = "sm", className }: Props) {
  const [open, setOpen] = useState(false);
  const { state, copy, reset } = useClipboard();
  const menuId = useId();
  const fallbackId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const fallbackRef = useRef<HTMLTextAreaElement>(null);
  // Which item takes focus once the menu is rendered: 0 the first, -1 the last (opened with ↑).
  const [focusOnOpen, setFocusOnOpen] = useState(0);

  useEffect(() => {
    if (open) itemRefs.current.at(focusOnOpen)?.focus();
  }, [open, focusOnOpen]);

  // A click or tap anywhere else closes the menu, leaving focus where it went.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  useEffect(() => {
    // Focus and select it, so Ctrl/⌘+C copies at once.
    if (state.kind === "failed") {
      fallbackRef.current?.focus();
      fallbackRef.current?.select();
    }
  }, [state]);

  const openMenu = (focus: number) => {
    warm();
    setFocusOnOpen(focus);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const run = (target: CopyTarget, said: string) => {
    // As on screen needs no formatter. Once loaded, a format is written in the click itself (the
    // browser's permission to copy lasts only a moment after it); before that, after the load.
    if (target === "plain") void copy(source.prompt.trim(), said);
    else if (formatter) void copy(formatter(target, source), said);
    else
      void loadFormatter().then(
        (format) => copy(format(target, source), said),
        // The server went away before the formats loaded: the prompt as written, saying so.
        () => copy(source.prompt.trim(), "Copied as written: the formats could not load"),
      );
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      openMenu(0);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      openMenu(-1);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = itemRefs.current.filter((el): el is HTMLButtonElement => el !== null);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => items.at(((to % items.length) + items.length) % items.length)?.focus();
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        move(at + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        move(at - 1);
        break;
      case "Home":
        e.preventDefault();
        move(0);
        break;
      case "End":
        e.preventDefault();
        move(-1);
        break;
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        close(true);
        break;
      case "Tab":
        close(false);
        break;
    }
  };

  const empty = !source.prompt.trim();
  const btn = `btn btn-secondary ${size === "sm" ? "btn-sm" : ""}`;
  const status =
    state.kind === "copied"
      ? state.said
      : state.kind === "failed"
        ? "Could not copy: the browser did not allow it."
        : "";

  return (
    <div ref={rootRef} className={`relative inline-flex flex-wrap items-center gap-x-2 gap-y-1 ${className ?? ""}`}>
      <div className="inline-flex">
        <button
          type="button"
          className={`${btn} rounded-r-none`}
          disabled={empty}
          onClick={() => run("plain", "Copied")}
        >
          Copy
        </button>
        <button
          ref={buttonRef}
          type="button"
          className={`${btn} -ml-px rounded-l-none px-3`}
          aria-haspopup="menu"
          onPointerEnter={warm}
          onFocus={warm}
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          disabled={empty}
          onClick={() => (open ? close(false) : openMenu(0))}
          onKeyDown={onButtonKey}
        >
          Copy for…
        </button>
      </div>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Copy for"
          tabIndex={-1}
          onKeyDown={onMenuKey}
          className={`absolute top-full z-30 mt-1 flex min-w-56 flex-col rounded-lg border border-line bg-surface p-1 shadow-lg ${
            align === "end" ? "right-0" : "left-0"
          }`}
        >
          {COPY_TARGETS.map((t, i) => (
            <button
              key={t.target}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="btn btn-ghost btn-sm justify-start text-left focus-visible:bg-surface-2"
              onClick={() => {
                run(t.target, `Copied for ${t.name}`);
                close(true);
              }}
            >
              {t.label}
            </button>
          ))}
        </div>
      ) : null}
      {/* On the side away from the buttons, so words appearing never move them. */}
      <span role="status" className={`text-xs text-muted ${align === "end" ? "order-first" : ""}`}>
        {status}
      </span>
      {state.kind === "failed" ? (
        <div className="w-full basis-full">
          <label htmlFor={fallbackId} className="field-hint">
            Select and copy it by hand (Ctrl/⌘ + C):
          </label>
          <textarea
            id={fallbackId}
            ref={fallbackRef}
            readOnly
            rows={3}
            value={state.text}
            className="field mt-1 font-mono text-xs"
            onKeyDown={(e) => {
              if (e.key === "Escape") reset();
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
