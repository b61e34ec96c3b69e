// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CopySource } from "@/lib/prompt-formats/copy-formats";

const { CopyMenu } = await import("@/components/copy/copy-menu");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const source: CopySource = {
  prompt: "A neon sign above a rainy diner door, at night.",
  negativePrompt: "blurry, watermark",
  width: 1024,
  height: 1536,
  dialect: "prose",
};

let root: Root;
let host: HTMLDivElement;
let written: string[];

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
}

beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  written = [];
  stubClipboard(async (text) => {
    written.push(text);
  });
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const byName = (role: string, name: string) =>
  [...document.querySelectorAll<HTMLElement>(role === "button" ? "button:not([role])" : `[role="${role}"]`)].find(
    (el) => (el.getAttribute("aria-label") ?? el.textContent?.trim()) === name,
  );
function get(role: string, name: string): HTMLElement {
  const el = byName(role, name);
  if (!el) throw new Error(`no ${role} "${name}" in: ${document.body.innerHTML}`);
  return el;
}
const status = () => document.querySelector('[role="status"]')?.textContent ?? "";
function key(el: Element, k: string) {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
}

async function render(s: CopySource = source) {
  await act(async () => root.render(<CopyMenu source={s} />));
}

describe("CopyMenu", () => {
  it("Copy writes the prompt as it is and says Copied, then clears", async () => {
    vi.useFakeTimers();
    await render();
    await act(async () => get("button", "Copy").click());
    expect(written).toEqual([source.prompt]);
    expect(status()).toBe("Copied");
    expect(document.querySelector('[role="status"]')?.getAttribute("role")).toBe("status");
    await act(async () => vi.advanceTimersByTime(3000));
    expect(status()).toBe("");
  });

  it("the menu button opens a menu of targets; each writes its own form", async () => {
    await render();
    const menuButton = get("button", "Copy for…");
    expect(menuButton.getAttribute("aria-haspopup")).toBe("menu");
    expect(menuButton.getAttribute("aria-expanded")).toBe("false");
    await act(async () => menuButton.click());
    expect(menuButton.getAttribute("aria-expanded")).toBe("true");
    const items = [...document.querySelectorAll('[role="menu"] [role="menuitem"]')].map((el) => el.textContent);
    expect(items).toEqual(["Copy for Midjourney", "Copy for Ideogram", "Copy for Stable Diffusion"]);

    // The formats load as the menu opens (issue 12); a copy asked before they arrive is written once they have.
    await act(async () => get("menuitem", "Copy for Midjourney").click());
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    expect(written.at(-1)).toBe(`${source.prompt} --ar 2:3 --no blurry, watermark`);
    expect(status()).toBe("Copied for Midjourney");
    // The menu closes and focus goes back to its button.
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(menuButton);

    await act(async () => menuButton.click());
    await act(async () => get("menuitem", "Copy for Ideogram").click());
    expect(written.at(-1)).toBe(`${source.prompt}\n\nNegative prompt: blurry, watermark\nAspect ratio: 2:3`);

    await act(async () => menuButton.click());
    await act(async () => get("menuitem", "Copy for Stable Diffusion").click());
    expect(written.at(-1)).toBe("neon sign above a rainy diner door, at night\nNegative prompt: blurry, watermark");
  });

  it("works from the keyboard: arrows open and move, Esc closes and returns focus, Enter copies", async () => {
    await render();
    const menuButton = get("button", "Copy for…");
    menuButton.focus();
    await act(async () => key(menuButton, "ArrowDown"));
    expect(document.activeElement?.textContent).toBe("Copy for Midjourney");
    const menu = document.querySelector('[role="menu"]') as HTMLElement;
    await act(async () => key(document.activeElement as Element, "ArrowDown"));
    expect(document.activeElement?.textContent).toBe("Copy for Ideogram");
    await act(async () => key(document.activeElement as Element, "End"));
    expect(document.activeElement?.textContent).toBe("Copy for Stable Diffusion");
    await act(async () => key(document.activeElement as Element, "ArrowDown"));
    expect(document.activeElement?.textContent).toBe("Copy for Midjourney");
    await act(async () => key(document.activeElement as Element, "ArrowUp"));
    expect(document.activeElement?.textContent).toBe("Copy for Stable Diffusion");
    expect(menu.contains(document.activeElement)).toBe(true);

    await act(async () => key(document.activeElement as Element, "Escape"));
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(menuButton);
    expect(written).toEqual([]);

    // ArrowUp opens on the last item; a menu item is a button, so Enter activates it.
    await act(async () => key(menuButton, "ArrowUp"));
    expect(document.activeElement?.textContent).toBe("Copy for Stable Diffusion");
    await act(async () => (document.activeElement as HTMLButtonElement).click());
    expect(written).toHaveLength(1);
    expect(written[0]).toContain("Negative prompt: blurry, watermark");
    expect(document.activeElement).toBe(menuButton);
  });

  it("a click outside closes the menu", async () => {
    await render();
    await act(async () => get("button", "Copy for…").click());
    expect(document.querySelector('[role="menu"]')).not.toBeNull();
    await act(async () => document.body.dispatchEvent(new Event("pointerdown", { bubbles: true })));
    expect(document.querySelector('[role="menu"]')).toBeNull();
  });

  it("when the browser refuses, says so and offers the text to copy by hand", async () => {
    stubClipboard(() => Promise.reject(new DOMException("denied", "NotAllowedError")));
    await render();
    await act(async () => get("button", "Copy").click());
    expect(status()).toBe("Could not copy: the browser did not allow it.");
    const box = document.querySelector("textarea") as HTMLTextAreaElement;
    expect(box.value).toBe(source.prompt);
    expect(box.readOnly).toBe(true);
    expect(document.activeElement).toBe(box);
  });

  it("with no Clipboard API at all (plain http), falls back the same way", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    await render();
    await act(async () => get("button", "Copy").click());
    expect(status()).toMatch(/Could not copy/);
    expect((document.querySelector("textarea") as HTMLTextAreaElement).value).toBe(source.prompt);
  });

  it("an empty prompt has nothing to copy", async () => {
    await render({ ...source, prompt: "  " });
    expect((get("button", "Copy") as HTMLButtonElement).disabled).toBe(true);
    expect((get("button", "Copy for…") as HTMLButtonElement).disabled).toBe(true);
  });
});
