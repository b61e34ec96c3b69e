// @vitest-environment jsdom
/**
 * Issue 16 §3 "Long ideas": a 6,900-character paste was cut at 2,000 characters mid-word without
 * a message. The Idea box now keeps the paste whole, says its length where the person types
 * ("1,234 / 2,000 characters"), and past the limit says so plainly and holds Refine back.
 */
import { act, useRef, useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { initialSettings } from "@/components/studio/generations/compose-settings";
import { mountEach } from "./harness/dom";
import { offlineCatalog as catalog } from "./harness/fixtures";

const { ComposePanel } = await import("@/components/studio/generations/compose-panel");

let onRefine: ReturnType<typeof vi.fn<() => void>>;

function Harness() {
  const [text, setText] = useState("");
  const ideaRef = useRef<HTMLTextAreaElement | null>(null);
  return (
    <ComposePanel
      catalog={catalog}
      ideaText={text}
      onIdeaText={setText}
      ideaRef={ideaRef}
      settings={initialSettings(catalog, undefined)}
      onSettings={() => {}}
      onBackend={() => {}}
      refining={false}
      onRefine={onRefine}
      hasIdea={false}
      onNewIdea={() => {}}
      onImageFile={() => {}}
      candidates={1}
      onCandidates={() => {}}
      restyle={null}
      onApplyStyle={() => {}}
    />
  );
}

function idea(): HTMLTextAreaElement {
  return dom.host.querySelector("textarea") as HTMLTextAreaElement;
}

function type(text: string) {
  const area = idea();
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
  act(() => {
    setter?.call(area, text);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

function refineButton(): HTMLButtonElement {
  return [...dom.host.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Refine") as HTMLButtonElement;
}

const dom = mountEach();
beforeEach(() => {
  onRefine = vi.fn<() => void>();
  act(() => dom.root.render(<Harness />));
});

describe("the Idea box says its limit", () => {
  it("shows a counter under the box, tied to it for screen readers", () => {
    type("a fox in the snow, cozy");
    const counter = dom.host.querySelector(`[id="${idea().getAttribute("aria-describedby")?.split(" ")[0]}"]`);
    expect(counter?.textContent).toBe("23 / 2,000 characters");
    type("x".repeat(1234));
    expect(counter?.textContent).toBe("1,234 / 2,000 characters");
    expect(refineButton().disabled).toBe(false);
  });

  it("keeps a 6,900-character paste whole, says it is over, and holds Refine back", () => {
    const paste = `${"A lighthouse keeper walks the cliff at dusk with a lantern, gulls over a grey sea. ".repeat(84)}end`;
    expect(paste.length).toBeGreaterThan(6900);
    type(paste);
    // Not cut: no maxLength on the box, and the whole paste is still there to shorten.
    expect(idea().maxLength).toBe(-1);
    expect(idea().value).toBe(paste);
    const alert = dom.host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(`The idea is ${paste.trim().length.toLocaleString("en-US")} characters`);
    expect(alert?.textContent).toContain("the limit is 2,000");
    expect(idea().getAttribute("aria-invalid")).toBe("true");
    expect(idea().getAttribute("aria-describedby")?.split(" ")).toContain(alert?.id);
    expect(refineButton().disabled).toBe(true);

    // Neither the button nor Ctrl+Enter refines it.
    act(() => {
      idea().dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
    });
    act(() => {
      (dom.host.querySelector("form") as HTMLFormElement).dispatchEvent(
        new Event("submit", { bubbles: true, cancelable: true }),
      );
    });
    expect(onRefine).not.toHaveBeenCalled();

    // Shortened to the limit: the message goes and Refine is back.
    type(paste.slice(0, 2000));
    expect(dom.host.querySelector('[role="alert"]')).toBeNull();
    expect(refineButton().disabled).toBe(false);
  });
});
