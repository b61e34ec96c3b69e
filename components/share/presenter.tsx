"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { OFFLINE_BACKEND_LABEL } from "@/lib/catalog";
import { isOfflineBackend } from "@/lib/client/format";
import type { Slide } from "./slides";

const NEXT_KEYS = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"]);
const PREV_KEYS = new Set(["ArrowLeft", "ArrowUp", "PageUp"]);

// Quiet controls on the dark surround; a white focus ring, since the page's accent may not show on black.
const BUTTON =
  "inline-flex min-h-10 items-center gap-1.5 rounded-lg border border-white/25 px-3 text-sm font-medium text-white/85 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:cursor-not-allowed disabled:opacity-40";

/** A prompt longer than this reads better ranged left than centred. */
const SHORT_PROMPT = 140;

// Whole class names so Tailwind finds them: one image fills the stage, several share it.
function gridCols(n: number): string {
  if (n <= 1) return "grid-cols-1";
  if (n === 2) return "grid-cols-1 min-[30rem]:grid-cols-2";
  if (n === 3) return "grid-cols-2 sm:grid-cols-3";
  return "grid-cols-2 sm:grid-cols-4";
}

/**
 * The presenter's view: a very dark surround, one slide at a time, the images as large as the
 * screen allows and the prompt beneath in a size a room can read. Full screen where the browser
 * allows it, else a fixed layer over the page. ←/→ (and ↑/↓, Page Up/Down) and Space move, Home
 * and End jump, Esc leaves; Previous, Next and Close are there for touch. "Slide N of M" is
 * announced politely. While it is open, the page behind is inert.
 */
export function Presenter({ slides, label, onClose }: { slides: Slide[]; label: string; onClose: () => void }) {
  const root = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const count = slides.length;
  const slide = slides[Math.min(index, count - 1)];
  const titleId = useId();

  const go = useCallback((delta: number) => setIndex((i) => Math.min(count - 1, Math.max(0, i + delta))), [count]);

  // Full screen when allowed (the click that opened this is the user gesture); leaving full
  // screen by the browser's own means (Esc, a gesture) closes the presenter too.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    el.focus();
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement === el) entered = true;
      else if (entered) onClose();
    };
    document.addEventListener("fullscreenchange", onChange);
    if (typeof el.requestFullscreen === "function" && document.fullscreenEnabled !== false) {
      el.requestFullscreen({ navigationUI: "hide" }).catch(() => {
        // Refused (an iframe, a setting): the fixed layer already covers the window.
      });
    }
    return () => {
      document.removeEventListener("fullscreenchange", onChange);
      if (document.fullscreenElement === el) void document.exitFullscreen?.().catch(() => {});
    };
  }, [onClose]);

  // The page behind: inert (no focus, no reading) and still while the presenter is up.
  useEffect(() => {
    const el = root.current;
    const others = [...document.body.children].filter(
      (c): c is HTMLElement => c instanceof HTMLElement && c !== el && !c.contains(el) && !c.inert,
    );
    for (const o of others) o.inert = true;
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    return () => {
      for (const o of others) o.inert = false;
      document.body.style.overflow = overflow;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      } else if (NEXT_KEYS.has(e.key)) {
        e.preventDefault();
        go(1);
      } else if (PREV_KEYS.has(e.key)) {
        e.preventDefault();
        go(-1);
      } else if (e.key === "Home") {
        e.preventDefault();
        setIndex(0);
      } else if (e.key === "End") {
        e.preventDefault();
        setIndex(count - 1);
      } else if (e.key === "Tab") {
        trapTab(e, root.current);
      }
    };
    // Space on a focused button would also click it on key-up: the slide has already moved.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === " " || e.key === "Spacebar") e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("keyup", onKeyUp);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("keyup", onKeyUp);
    };
  }, [go, onClose, count]);

  if (!slide) return null;
  const position = `Slide ${index + 1} of ${count}`;

  return (
    <div
      ref={root}
      role="dialog"
      aria-modal="true"
      aria-label={label}
      tabIndex={-1}
      className="fixed inset-0 z-[100] flex h-dvh w-screen flex-col bg-[#0a0a0c] text-[#f2f2f5] outline-none"
    >
      <div
        className="h-[3px] w-full shrink-0 bg-white/12"
        role="progressbar"
        aria-label="Progress through the slides"
        aria-valuemin={1}
        aria-valuemax={count}
        aria-valuenow={index + 1}
        aria-valuetext={position}
      >
        <div className="h-full bg-white/70 transition-[width]" style={{ width: `${((index + 1) / count) * 100}%` }} />
      </div>

      <div
        key={slide.key}
        className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 px-3 pt-3 pb-2 sm:gap-5 sm:px-8 sm:pt-6"
      >
        {slide.kind === "idea" ? (
          <div className="max-h-full max-w-5xl space-y-4 overflow-auto text-center sm:space-y-6">
            <p className="text-xs font-semibold tracking-[0.08em] text-white/60 uppercase sm:text-sm">The idea</p>
            <h2
              id={titleId}
              className="text-3xl font-semibold tracking-tight text-balance [overflow-wrap:anywhere] sm:text-5xl"
            >
              {slide.title}
            </h2>
            {slide.text !== slide.title ? (
              <p className="text-lg leading-snug text-pretty whitespace-pre-wrap text-white/85 [overflow-wrap:anywhere] sm:text-3xl">
                {slide.text}
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <p className="shrink-0 text-center text-sm text-white/70 sm:text-base">
              <span id={titleId} className="font-semibold text-white">
                {slide.heading}
              </span>
              {slide.approved ? <span className="ms-2 text-[#86efac]">✓ Approved</span> : null}
              <span className="ms-2 max-[30rem]:block max-[30rem]:ms-0">{slide.how}</span>
              {slide.images.some((i) => isOfflineBackend(i.backend)) ? (
                <span className="ms-2 text-white/60">· {OFFLINE_BACKEND_LABEL}</span>
              ) : null}
            </p>
            {slide.images.length ? (
              <div
                className={`grid min-h-0 w-full flex-1 auto-rows-fr gap-2 sm:gap-4 ${gridCols(slide.images.length)}`}
              >
                {slide.images.map((image) => (
                  <div key={image.id} className="flex min-h-0 min-w-0 items-center justify-center">
                    {/* biome-ignore lint/performance/noImgElement: bytes served by the share's own scoped URL */}
                    <img
                      src={image.src}
                      width={image.width}
                      height={image.height}
                      alt={image.alt}
                      className="h-full max-h-full w-full max-w-full object-contain"
                    />
                  </div>
                ))}
              </div>
            ) : (
              <p className="text-white/60">No images were made from this step.</p>
            )}
            {/* A long prompt scrolls in its box: focusable, so a keyboard can scroll it too. */}
            <section
              aria-label="Prompt"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
              tabIndex={0}
              className={`max-h-[28dvh] w-full max-w-6xl shrink-0 overflow-auto rounded-md ${slide.prompt.length > SHORT_PROMPT ? "text-left" : "text-center"} text-base leading-snug text-pretty whitespace-pre-wrap text-white/90 [overflow-wrap:anywhere] focus-visible:outline-2 focus-visible:outline-white sm:text-xl lg:text-2xl`}
            >
              {slide.prompt}
            </section>
          </>
        )}
      </div>

      <div className="flex shrink-0 items-center justify-between gap-2 px-3 pt-1 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-6">
        <button type="button" className={BUTTON} onClick={() => go(-1)} disabled={index === 0}>
          <span aria-hidden="true">←</span> Previous
        </button>
        <p aria-live="polite" aria-atomic="true" className="text-sm text-white/70 tabular-nums">
          {position}
        </p>
        <div className="flex gap-2">
          <button type="button" className={BUTTON} onClick={() => go(1)} disabled={index === count - 1}>
            Next <span aria-hidden="true">→</span>
          </button>
          <button type="button" className={BUTTON} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

/** Keeps Tab and Shift+Tab among the presenter's own controls. */
function trapTab(e: KeyboardEvent, root: HTMLElement | null) {
  if (!root) return;
  const focusable = [...root.querySelectorAll<HTMLElement>("button:not(:disabled), [href], [tabindex='0']")];
  if (!focusable.length) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || active === root)) {
    e.preventDefault();
    last?.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first?.focus();
  }
}
