// @vitest-environment jsdom
// Seen in screenshots at 390 px (visual review): the generation card's recipe line broke into
// "512 ×" / "512" / a lone "·" beside a long status, and a replaced phrase in a word diff ran
// into its replacement ("dawn lightcool moonlight"). Layout itself needs a browser; these pin
// the structure the fixes rest on.
import { act } from "react";
import { describe, expect, it } from "vitest";
import { WordDiffText } from "@/components/diff/word-diff-text";
import { CONNECTION_LOST_TEXT, GenerationCard } from "@/components/studio/generations/generation-card";
import type { GenerationView } from "@/components/studio/studio-state";
import { wordDiff } from "@/lib/diff/word-diff";
import { mountEach } from "./harness/dom";

const dom = mountEach();

const running: GenerationView = {
  id: "g1",
  promptId: "p1",
  ideaId: "i1",
  backend: "automatic1111",
  model: "sd-webui",
  params: { size: "512x512", seed: 42 },
  status: "running",
  progress: 0.3,
  error: null,
  createdAt: "2026-01-01T00:00:00Z",
  startedAt: "2026-01-01T00:00:01Z",
  finishedAt: null,
  durationMs: null,
  images: [],
};

describe("generation card header", () => {
  it("keeps every '·' with the part it leads, and the status with its buttons, apart from the recipe line", () => {
    act(() =>
      dom.root.render(
        <GenerationCard
          generation={running}
          versionNumber={1}
          defaultSize="512x512"
          onCancel={async () => null}
          connectionLost
        />,
      ),
    );
    const header = dom.host.querySelector("article > header");
    const recipe = header?.querySelector(":scope > p");
    expect(recipe?.textContent).toContain("512 × 512");
    // No separator is a flex item of its own (where a wrap would leave it alone on a line).
    const dots = [...(recipe?.querySelectorAll('[aria-hidden="true"]') ?? [])].filter((d) =>
      d.textContent?.includes("·"),
    );
    expect(dots).toHaveLength(2);
    for (const dot of dots) {
      expect(dot.parentElement).not.toBe(recipe);
      expect(dot.parentElement?.textContent?.replace("·", "").trim()).not.toBe("");
    }
    // The size never breaks inside itself.
    const size = [...(recipe?.querySelectorAll("span") ?? [])].find((s) => s.textContent === "512 × 512");
    expect(size?.className).toContain("whitespace-nowrap");
    // The status and Cancel share one box that can take a row of its own.
    const status = [...(header?.querySelectorAll("p") ?? [])].find((p) => p.textContent === CONNECTION_LOST_TEXT);
    const cancel = [...(header?.querySelectorAll("button") ?? [])].find((b) => b.textContent === "Cancel");
    expect(status?.parentElement).toBe(cancel?.parentElement);
    expect(status?.parentElement).not.toBe(header);
  });
});

describe("word diff text", () => {
  it("keeps a removed phrase and the added one replacing it visibly apart, and only there", () => {
    const segments = wordDiff("under a pine, dawn light, snow", "under a pine, cool moonlight, snow");
    act(() => dom.root.render(<WordDiffText segments={segments} />));
    const del = dom.host.querySelector("del");
    const ins = dom.host.querySelector("ins");
    expect(del?.textContent).toContain("dawn");
    expect(ins?.textContent).toContain("cool");
    // In the text the two touch; the gap is a margin, so copied text and names stay as they were.
    expect(del?.className).toContain("me-1");
    expect(ins?.className).not.toContain("me-1");
  });

  it("adds no gap when a removal is followed by unchanged text", () => {
    const segments = wordDiff("a red fox in snow", "a fox in snow");
    act(() => dom.root.render(<WordDiffText segments={segments} />));
    expect(dom.host.querySelector("del")?.className).not.toContain("me-1");
  });
});
