// @vitest-environment jsdom
import { act } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CheckItem } from "@/lib/schemas/checks";
import type { IdeaDetail, PromptVersion } from "@/lib/schemas/entities";
import { button, mountEach, typeInto } from "./harness/dom";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { jsonResponse, Studio } from "./harness/studio";

/** The checklist under the Studio's prompt (issue 11): shown with kinds, edited, saved as a new version. */

const CHECKS: CheckItem[] = [
  { id: "c1", text: "there are exactly two foxes", kind: "count", words: ["two", "foxes"] },
  { id: "c2", text: "the foxes are red", kind: "attribute", words: ["red", "foxes"] },
  { id: "c3", text: "the foxes are under a full moon", kind: "relation", words: ["foxes", "under", "moon"] },
];
const v1 = promptVersion({ prompt: "Two red foxes under a full moon, soft moonlight.", checks: CHECKS });
const detail = {
  idea: { id: "i1", text: "two red foxes under a full moon", title: "Foxes", createdAt: v1.createdAt },
  versions: [v1],
  generations: [],
  library: [],
  comparisons: [],
} as unknown as IdeaDetail;

type Call = { url: string; method: string; body: Record<string, unknown> | undefined };
let calls: Call[];

function server() {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      calls.push({ url, method: init.method ?? "GET", body });
      if (url === "/api/prompts" && init.method === "POST") {
        const sent = body?.checks as Array<Partial<CheckItem>>;
        const version: PromptVersion = {
          ...v1,
          id: "v2",
          parentId: String(body?.parentId),
          source: "edit",
          refiner: "manual",
          model: "manual",
          notes: ["Checklist edited by hand."],
          checks: sent.map((c, i) => ({
            id: c.id ?? `c${i + 10}`,
            text: String(c.text),
            kind: c.kind ?? "entity",
            words: c.words ?? [],
          })),
          createdAt: "2025-01-01T00:05:00Z",
        };
        return jsonResponse(201, version);
      }
      return jsonResponse(404, { error: { code: "not_found", message: "nothing here" } });
    }),
  );
}

const dom = mountEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
  window.matchMedia = ((query: string) => ({ matches: false, media: query })) as unknown as typeof window.matchMedia;
});

const region = () => {
  const heading = [...document.querySelectorAll("h3")].find((h) => h.textContent === "Checklist");
  const section = heading?.closest("section");
  if (!section || section.getAttribute("aria-labelledby") !== heading?.id) throw new Error("no Checklist region");
  return section;
};
const items = () => [...region().querySelectorAll('ul[aria-label="Checklist"] > li')].map((li) => li.textContent);
const input = (label: string) =>
  region().querySelector<HTMLInputElement>(`[aria-label="${label}"]`) as HTMLInputElement;

describe("Studio: the checklist under the prompt", () => {
  it("shows each item with its kind, and saves an edited list as the new current version", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v1" }} />));
    expect(items()).toEqual([
      "there are exactly two foxes(count)",
      "the foxes are red(attribute)",
      "the foxes are under a full moon(relation)",
    ]);

    await act(async () => button("Edit checklist")?.click());
    await act(async () => typeInto(input("Item 1"), "there is exactly one fox"));
    await act(async () => button("Remove item 2")?.click());
    await act(async () => typeInto(input("New item"), "the sign reads “OPEN”"));
    const kind = region().querySelector<HTMLSelectElement>('select[aria-label="Kind"]') as HTMLSelectElement;
    await act(async () => {
      kind.value = "text";
      kind.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await act(async () => button("Add item")?.click());
    expect(input("Item 3").value).toBe("the sign reads “OPEN”");
    await act(async () => button("Save checklist")?.click());

    const saves = calls.filter((c) => c.url === "/api/prompts");
    expect(saves).toHaveLength(1);
    expect(saves[0]?.body).toEqual({
      parentId: "v1",
      prompt: v1.prompt,
      checks: [
        { id: "c1", text: "there is exactly one fox", kind: "count", words: ["two", "foxes"] },
        { id: "c3", text: "the foxes are under a full moon", kind: "relation", words: ["foxes", "under", "moon"] },
        { text: "the sign reads “OPEN”", kind: "text", words: [] },
      ],
    });
    // The new version is current: its list shows, read-only again, and the notice says so.
    expect(button("Save checklist")).toBeUndefined();
    expect(items()).toEqual([
      "there is exactly one fox(count)",
      "the foxes are under a full moon(relation)",
      "the sign reads “OPEN”(text)",
    ]);
    expect(document.body.textContent).toContain("saved as v2");
  });

  it("cancels an edit without saving, and saves nothing when nothing changed", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v1" }} />));
    await act(async () => button("Edit checklist")?.click());
    await act(async () => button("Remove item 1")?.click());
    await act(async () => button("Cancel")?.click());
    expect(items()).toHaveLength(3);
    await act(async () => button("Edit checklist")?.click());
    await act(async () => button("Save checklist")?.click());
    expect(calls.filter((c) => c.url === "/api/prompts")).toHaveLength(0);
    expect(button("Edit checklist")).toBeDefined();
  });
});
