import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach } from "vitest";

// React only checks that updates are wrapped in act() when it is told it runs under test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Where a jsdom test renders: `root` may be replaced mid-test (a "reload"); the last one is unmounted. */
export interface Mounted {
  root: Root;
  host: HTMLDivElement;
}

/**
 * A fresh React root in its own <div> for every test, unmounted and removed after it; `cleanup`
 * runs after that. The hooks are registered where this is called, so a file keeps its hook order.
 */
export function mountEach(cleanup?: () => void): Mounted {
  const dom = {} as Mounted;
  beforeEach(() => {
    dom.host = document.createElement("div");
    document.body.append(dom.host);
    dom.root = createRoot(dom.host);
  });
  afterEach(() => {
    act(() => dom.root.unmount());
    dom.host.remove();
    cleanup?.();
  });
  return dom;
}

/** The element a <label> names, the way a screen reader finds it. */
export function byLabel<T extends HTMLElement>(text: string): T {
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim() === text);
  const el = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  if (!el) throw new Error(`no control labelled "${text}"`);
  return el as T;
}

/** The first button whose accessible name (aria-label, else text) is `name`, or matches it. */
export function button(name: string | RegExp): HTMLButtonElement | undefined {
  return [...document.querySelectorAll("button")].find((b) => {
    const n = (b.getAttribute("aria-label") ?? b.textContent ?? "").trim();
    return typeof name === "string" ? n === name : name.test(n);
  });
}

/** Types into a React-controlled field: the native setter, then the `input` event React listens for. */
export function typeInto(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}
