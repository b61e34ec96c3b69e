// @vitest-environment jsdom
import "./harness/next-mocks";
import { act } from "react";
import { describe, expect, it } from "vitest";
import { SharedViewPage } from "@/components/share/shared-views";
import { stepHow } from "@/components/share/step-words";
import type { SharedView } from "@/lib/schemas/shares";
import { mountEach } from "./harness/dom";
import { ideaView, sharedImage, sharedStep, TOKEN } from "./ui-share-fixtures";

const dom = mountEach();
const render = (view: SharedView) => act(() => dom.root.render(<SharedViewPage view={view} token={TOKEN} />));
const headings = (level: number) => [...document.querySelectorAll(`h${level}`)].map((h) => h.textContent?.trim());

describe("the shared story of an idea", () => {
  it("puts the idea on top, then each step in plain words with its diff, notes, approval and images", () => {
    render(ideaView());
    expect(headings(1)).toEqual(["Fox in snow"]);
    expect(document.querySelector("blockquote")?.textContent).toBe("a fox in the snow, cozy");
    expect(headings(2)).toEqual(["Step 1", "Step 2"]);
    expect(document.body.textContent).not.toMatch(/version|\bv\d\b/i);

    const step2 = document.querySelector('[aria-labelledby="step-2"]');
    expect(step2?.textContent).toContain("Rewritten from step 1, as asked.");
    expect(step2?.textContent).toContain("make it night");
    expect(step2?.textContent).toContain("Approved");
    expect(step2?.textContent).toContain("added night");
    // The word diff from step 1: added words in <ins>, said in words too.
    const ins = step2?.querySelector("ins");
    expect(ins?.textContent).toBe("added: at night (end added)");
    expect(step2?.textContent).toContain("Changes from step 1: +2 words");
    // Step 1 has no parent: its prompt plainly, no diff.
    expect(document.querySelector('[aria-labelledby="step-1"] ins')).toBeNull();

    const imgs = [...document.querySelectorAll("img")];
    expect(imgs.map((i) => i.getAttribute("alt"))).toEqual(["a red fox in the snow", "a red fox in the snow at night"]);
    expect(imgs[0]?.getAttribute("src")).toBe(`/api/s/${TOKEN}/images/img-1/file`);
    expect(imgs[0]?.getAttribute("width")).toBe("1024");
    expect(imgs[0]?.getAttribute("height")).toBe("768");
    expect(document.body.textContent).toContain("Offline sketch (no model)");
  });

  it("has no links to places a visitor cannot open", () => {
    render(ideaView({ feedback: true }));
    expect([...document.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([]);
  });

  it("shows markup in the idea, instructions, prompts and notes as text", () => {
    const evil = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    render(
      ideaView({
        title: evil,
        ideaText: evil,
        steps: [
          sharedStep({ number: 1, prompt: evil, notes: [evil] }),
          sharedStep({
            number: 2,
            parentNumber: 1,
            how: "instruction",
            instruction: evil,
            prompt: `${evil} more`,
            parentPrompt: evil,
          }),
        ],
      }),
    );
    expect(document.querySelector("script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("h1")?.textContent).toBe(evil);
    expect(document.body.textContent).toContain(`onerror="alert(1)"`);
  });

  it("offers the feedback form and a vote under each image only when the owner allowed it", () => {
    render(ideaView());
    expect(document.querySelector("form")).toBeNull();
    expect(document.querySelectorAll("button[aria-pressed]")).toHaveLength(0);
    render(ideaView({ feedback: true }));
    expect(document.querySelectorAll("form").length).toBe(1);
    expect(document.querySelectorAll("button[aria-pressed]")).toHaveLength(2);
  });
});

describe("a shared comparison and a shared image", () => {
  it("shows a comparison's cells as steps with the diff against the first", () => {
    const a = sharedStep({ number: 1, prompt: "a fox", images: [sharedImage("c1", "a fox")] });
    const b = sharedStep({ number: 3, prompt: "a fox at dawn", images: [sharedImage("c2", "a fox at dawn")] });
    render({
      kind: "comparison",
      title: "v1 vs v3 · Offline",
      ideaText: "a fox",
      feedback: false,
      expiresAt: null,
      comparisonKind: "versions",
      seed: 7,
      params: { size: "1024x768" },
      cells: [
        { label: "v1 · Offline", backend: "offline", step: a },
        { label: "v3 · Offline", backend: "offline", step: b },
      ],
    });
    // The owner's "v1 vs v3" is said in the visitor's words.
    expect(headings(1)).toEqual(["Steps 1 and 3, side by side"]);
    expect(headings(3)).toContain("Step 1");
    expect(headings(3)).toContain("Step 3");
    expect(document.querySelector("ins")?.textContent).toContain("at dawn");
    expect(document.body.textContent).toContain("The same seed (7)");
  });

  it("shows an image large with its recipe", () => {
    render({
      kind: "image",
      title: "Fox",
      ideaText: "a fox",
      feedback: false,
      expiresAt: "2030-01-01T00:00:00.000Z",
      image: sharedImage("i1", "a fox, watercolor"),
      step: sharedStep({ number: 2, prompt: "a fox, watercolor", negativePrompt: "blurry" }),
      params: { size: "1024x768", steps: 20 },
      durationMs: 4200,
    });
    const text = document.body.textContent ?? "";
    for (const bit of [
      "a fox, watercolor",
      "blurry",
      "Offline sketch (no model)",
      "offline-sketch",
      "42",
      "1024 × 768",
      "4.2 s",
      "This link works until",
    ]) {
      expect(text).toContain(bit);
    }
  });

  it("says how each kind of step was made without jargon", () => {
    expect(stepHow({ how: "refined", parentNumber: null, style: null })).toBe("Written from the idea.");
    expect(stepHow({ how: "edit", parentNumber: 2, style: null })).toBe("Edited by hand from step 2.");
    expect(stepHow({ how: "restyle", parentNumber: 1, style: "unknown-style" })).toBe(
      "Restyled from step 1 as unknown-style.",
    );
    expect(stepHow({ how: "imported", parentNumber: null, style: null })).toMatch(/brought in/);
  });
});
