// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it } from "vitest";
import { PresentButton } from "@/components/share/present-button";
import { slidesFor } from "@/components/share/slides";
import { button, mountEach } from "./harness/dom";
import { ideaView } from "./ui-share-fixtures";

const dom = mountEach();

const press = (key: string, target: EventTarget = document.activeElement ?? window) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]');
const announced = () => dialog()?.querySelector('[aria-live="polite"]')?.textContent;

function open() {
  act(() => dom.root.render(<PresentButton slides={slidesFor(ideaView())} title="Fox in snow" />));
  const present = button(/Present/);
  if (!present) throw new Error("no Present button");
  present.focus();
  act(() => present.click());
  return present;
}

describe("the presenter's view", () => {
  it("makes one slide for the idea and one per step", () => {
    const slides = slidesFor(ideaView());
    expect(slides.map((s) => s.kind)).toEqual(["idea", "step", "step"]);
    expect(slides[2]).toMatchObject({ heading: "Step 2", approved: true, prompt: "a red fox in the snow at night" });
  });

  it("opens as a labelled modal dialog on the idea, and says where it is", () => {
    open();
    const d = dialog();
    expect(d?.getAttribute("aria-modal")).toBe("true");
    expect(d?.getAttribute("aria-label")).toBe("Presenting: Fox in snow");
    expect(announced()).toBe("Slide 1 of 3");
    expect(d?.textContent).toContain("a fox in the snow, cozy");
    // The page behind is inert while it is up.
    expect(dom.host.inert).toBe(true);
  });

  it("moves with →, Space and ←, stops at the ends, and announces each slide", () => {
    open();
    press("ArrowRight");
    expect(announced()).toBe("Slide 2 of 3");
    expect(dialog()?.querySelector("img")?.getAttribute("alt")).toBe("a red fox in the snow");
    press(" ");
    expect(announced()).toBe("Slide 3 of 3");
    expect(dialog()?.textContent).toContain("Approved");
    press("ArrowRight");
    expect(announced()).toBe("Slide 3 of 3");
    press("ArrowLeft");
    expect(announced()).toBe("Slide 2 of 3");
    press("Home");
    expect(announced()).toBe("Slide 1 of 3");
    press("End");
    expect(announced()).toBe("Slide 3 of 3");
  });

  it("has Previous, Next and Close for touch", () => {
    open();
    act(() => button(/Next/)?.click());
    expect(announced()).toBe("Slide 2 of 3");
    act(() => button(/Previous/)?.click());
    expect(announced()).toBe("Slide 1 of 3");
    expect(button(/Previous/)?.disabled).toBe(true);
    act(() => button("Close")?.click());
    expect(dialog()).toBeNull();
  });

  it("leaves on Esc and gives focus back to the Present button", () => {
    const present = open();
    expect(document.activeElement).toBe(dialog());
    press("Escape");
    expect(dialog()).toBeNull();
    expect(dom.host.inert).toBe(false);
    expect(document.activeElement).toBe(present);
  });

  it("asks for full screen where the browser has it, and closes when full screen ends", () => {
    let requested: Element | null = null;
    const proto = HTMLElement.prototype as unknown as { requestFullscreen?: () => Promise<void> };
    const before = proto.requestFullscreen;
    proto.requestFullscreen = function (this: HTMLElement) {
      requested = this;
      Object.defineProperty(document, "fullscreenElement", { configurable: true, value: this });
      document.dispatchEvent(new Event("fullscreenchange"));
      return Promise.resolve();
    };
    try {
      open();
      expect(requested).toBe(dialog());
      act(() => {
        Object.defineProperty(document, "fullscreenElement", { configurable: true, value: null });
        document.dispatchEvent(new Event("fullscreenchange"));
      });
      expect(dialog()).toBeNull();
    } finally {
      proto.requestFullscreen = before;
      Object.defineProperty(document, "fullscreenElement", { configurable: true, value: null });
    }
  });
});
