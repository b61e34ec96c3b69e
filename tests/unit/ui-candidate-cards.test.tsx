// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import { initialState, type StudioState, studioReducer } from "@/components/studio/studio-state";
import { versionNumbers } from "@/lib/client/versions";
import type { PromptVersion } from "@/lib/schemas/entities";
import { mountEach } from "./harness/dom";
import { promptVersion } from "./harness/fixtures";

const { CandidateCards } = await import("@/components/studio/candidates/candidate-cards");

const parent = promptVersion({
  prompt: "A red fox in deep snow at dusk, soft light.",
  createdAt: "2025-01-01T00:00:01Z",
});
const directions = ["Faithful", "Bolder light", "Unexpected composition"];
const prompts = [
  "A red fox in deep snow at dusk, soft light.",
  "A red fox in deep snow at dusk, dramatic rim light.",
  "A red fox in deep snow at dusk, seen from high above.",
];
/** Candidate `index`, saved at second `savedAt` (they finish in their own time). */
const cand = (index: number, savedAt: number): PromptVersion => ({
  ...parent,
  id: `c${index}`,
  parentId: "v1",
  instruction: "more drama",
  prompt: prompts[index] as string,
  direction: directions[index] as string,
  createdAt: `2025-01-01T00:00:${10 + savedAt}Z`,
});

const dom = mountEach();

async function render(s: StudioState, streaming: boolean) {
  const numbers = versionNumbers(s.versions);
  await act(async () =>
    dom.root.render(
      <CandidateCards
        items={s.candidates?.items ?? []}
        numbers={numbers}
        streaming={streaming}
        onUse={vi.fn()}
        onClose={vi.fn()}
      />,
    ),
  );
}
const cards = () => [...dom.host.querySelectorAll("ul > li")] as HTMLElement[];
const statusOf = (li: HTMLElement) => li.querySelector("h4 + span")?.textContent;

describe("CandidateCards", () => {
  // Three candidates finish in the order 2, 0, 1: saved as v2, v3, v4 in that order.
  function finished(): StudioState {
    let s = studioReducer(initialState(undefined, undefined), { type: "refineDone", version: parent });
    s = studioReducer(s, { type: "refineStart", mode: "again", candidates: 3 });
    s = studioReducer(s, { type: "candidateSaved", index: 2, version: cand(2, 0) });
    s = studioReducer(s, { type: "candidateSaved", index: 0, version: cand(0, 1) });
    s = studioReducer(s, { type: "candidateSaved", index: 1, version: cand(1, 2) });
    return studioReducer(s, { type: "candidatesDone", items: [cand(2, 0), cand(0, 1), cand(1, 2)], failed: [] });
  }

  it("shows the cards in version order (v2, v3, v4), not in the order of their directions", async () => {
    await render(finished(), false);
    expect(cards().map(statusOf)).toEqual(["Saved as v2", "Saved as v3", "Saved as v4"]);
    expect(cards().map((li) => li.querySelector("h4")?.textContent)).toEqual([
      "Unexpected composition",
      "Faithful",
      "Bolder light",
    ]);
  });

  it("while writing, saved cards come first in version order and the rest keep their places", async () => {
    let s = studioReducer(initialState(undefined, undefined), { type: "refineDone", version: parent });
    s = studioReducer(s, { type: "refineStart", mode: "again", candidates: 3 });
    s = studioReducer(s, { type: "candidateSaved", index: 2, version: cand(2, 0) });
    await render(s, true);
    expect(cards().map(statusOf)).toEqual(["Saved as v2", "Writing…", "Writing…"]);
    expect(cards().map((li) => li.querySelector("h4")?.textContent)).toEqual([
      "Unexpected composition",
      "Candidate 1",
      "Candidate 2",
    ]);
  });

  it("highlights what each candidate has that the first lacks; the first reads plain", async () => {
    await render(finished(), false);
    const [first, second, third] = cards() as [HTMLElement, HTMLElement, HTMLElement];
    expect(dom.host.textContent).toContain("Words that are not in v2 are underlined in the others.");
    expect(first.querySelector("ins")).toBeNull();
    expect(first.textContent).toContain(prompts[2]);

    // v3 (Faithful) against v2: "soft light" is its own; "seen from high above" is not shown struck out.
    const added = [...second.querySelectorAll("ins")].map((el) =>
      el.textContent?.replace(/added: | \(end added\)/g, ""),
    );
    expect(added.join(" ")).toMatch(/soft light/);
    expect(second.querySelector("del")).toBeNull();
    expect(second.textContent).toContain("not in v2");
    // The card still reads as its own prompt, word for word.
    const own = [...(second.querySelectorAll("p")[1]?.childNodes ?? [])]
      .map((n) => n.textContent)
      .join("")
      .replace(/added: | \(end added\)/g, "");
    expect(own).toBe(prompts[0]);

    const thirdAdded = [...third.querySelectorAll("ins")].map((el) => el.textContent).join(" ");
    expect(thirdAdded).toMatch(/dramatic rim/);
  });

  it("compares nothing while only one candidate is saved", async () => {
    let s = studioReducer(initialState(undefined, undefined), { type: "refineDone", version: parent });
    s = studioReducer(s, { type: "refineStart", mode: "again", candidates: 2 });
    s = studioReducer(s, { type: "candidateSaved", index: 1, version: cand(1, 0) });
    await render(s, true);
    expect(dom.host.querySelector("ins")).toBeNull();
    expect(dom.host.textContent).not.toContain("underlined");
  });
});
