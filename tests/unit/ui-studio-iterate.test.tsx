// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import type { IdeaDetail, PromptVersion } from "@/lib/schemas/entities";
import { button, byLabel, mountEach, typeInto } from "./harness/dom";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { Studio, sseEvent as ev, sseResponse } from "./harness/studio";

// The Studio loads these on demand (next/dynamic): have them ready, as a browser that already
// fetched their chunks would.
await import("@/components/diff/changes-from-parent");
await import("@/components/history/compare-bar");

const version = (id: string, parentId: string | null, s: number, extra: Partial<PromptVersion> = {}): PromptVersion =>
  promptVersion({
    id,
    parentId,
    instruction: parentId ? `instruction ${id}` : null,
    prompt: `A fox in the snow, ${id} light.`,
    parts: { subject: "A fox", setting: "in the snow" },
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, s)).toISOString(),
    ...extra,
  });
const v1 = version("v1", null, 1, { prompt: "A fox in the snow, soft light." });
const v2 = version("v2", "v1", 2, { prompt: "A fox in the snow at night, soft light." });
const v3 = version("v3", "v1", 3, { prompt: "A red fox in the snow, soft light." });
const detail: IdeaDetail = {
  idea: { id: "i1", text: "a fox in the snow", title: "Fox", createdAt: v1.createdAt },
  versions: [v1, v2, v3],
  generations: [],
  library: [],
  comparisons: [],
};

const dom = mountEach(() => vi.unstubAllGlobals());

const checkbox = (name: string) =>
  document.querySelector<HTMLInputElement>(`input[type="checkbox"][aria-label="${name}"]`);
function choose(el: HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("Studio: iterating", () => {
  it("shows History as a tree with the current node marked, and the changes from the parent", async () => {
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    const load1 = button("Load v1");
    const nested = load1?.closest("li")?.querySelector("ol");
    expect(nested).toBeTruthy();
    const children = [...(nested?.querySelectorAll("button[data-tree-node]") ?? [])].map((b) =>
      b.getAttribute("aria-label"),
    );
    expect(children).toEqual(["Load v2", "Load v3"]);
    expect(button("Load v3")?.getAttribute("aria-current")).toBe("true");
    expect(button("Load v1")?.hasAttribute("aria-current")).toBe(false);

    const summary = [...document.querySelectorAll("summary")].find((s) => s.textContent?.includes("Changes from v1"));
    expect(summary).toBeTruthy();
    const details = summary?.closest("details");
    expect(details?.querySelector("ins")?.textContent).toContain("red");
    expect(details?.querySelector("ins")?.textContent).toContain("added");

    // Arrow keys move between the tree's nodes.
    button("Load v1")?.focus();
    await act(async () =>
      button("Load v1")?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true })),
    );
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Load v2");
  });

  it("compares two picked versions' prompts in a Prompt diff region", async () => {
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    expect(checkbox("Select v1")).toBeTruthy();
    await act(async () => checkbox("Select v2")?.click());
    expect(button("Compare prompts")?.disabled).toBe(true);
    await act(async () => checkbox("Select v3")?.click());
    expect(button("Compare prompts")?.disabled).toBe(false);
    await act(async () => button("Compare prompts")?.click());
    const region = [...document.querySelectorAll("section")].find(
      (s) => document.getElementById(s.getAttribute("aria-labelledby") ?? "")?.textContent === "Prompt diff",
    );
    expect(region).toBeTruthy();
    expect([...(region?.querySelectorAll("del") ?? [])].map((d) => d.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining("at night")]),
    );
    expect(region?.querySelector("ins")?.textContent).toContain("red");
    expect(button("Compare images")?.disabled).toBe(false);
  });

  it("refining again from an older version sends it as the parent (a branch)", async () => {
    const v4 = version("v4", "v1", 4, { prompt: "A fox in the snow, soft light, wide shot." });
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      sseResponse(ev("delta", { text: v4.prompt }) + ev("version", v4)),
    );
    vi.stubGlobal("fetch", fetchMock);
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    await act(async () => button("Load v1")?.click());
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(v1.prompt);
    await act(async () => typeInto(byLabel("Instruction"), "wide shot"));
    await act(async () => button("Refine again")?.click());
    await vi.waitFor(() => expect(button("Load v4")).toBeTruthy());
    const body = JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body));
    expect(body).toMatchObject({ parentId: "v1", instruction: "wide shot" });
    const under1 = [
      ...(button("Load v1")?.closest("li")?.querySelector("ol")?.querySelectorAll("button[data-tree-node]") ?? []),
    ];
    expect(under1.map((b) => b.getAttribute("aria-label"))).toEqual(["Load v2", "Load v3", "Load v4"]);
    expect(button("Load v4")?.getAttribute("aria-current")).toBe("true");
  });

  it("writes three candidates into cards; Use this on the second makes it current and all stay in the tree", async () => {
    const c = [0, 1, 2].map((i) =>
      version(`c${i}`, "v3", 10 + i, {
        prompt: `Candidate ${i}: a red fox in the snow.`,
        direction: i === 0 ? "Faithful" : `Bolder: take ${i}`,
      }),
    );
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) =>
      sseResponse(
        ev("delta", { candidate: 0, text: "Candidate 0" }) +
          ev("delta", { candidate: 1, text: "Candidate 1" }) +
          ev("delta", { candidate: 2, text: "Candidate 2" }) +
          c.map((v, i) => ev("candidate", { index: i, version: v })).join("") +
          ev("versions", { items: c, failed: [] }),
      ),
    );
    vi.stubGlobal("fetch", fetchMock);
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    await act(async () => choose(byLabel("Candidates"), "3"));
    await act(async () => typeInto(byLabel("Instruction"), "bolder"));
    await act(async () => button("Refine again")?.click());
    await vi.waitFor(() => expect(button("Use this: Bolder: take 1")).toBeTruthy());
    const body = JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body));
    expect(body).toMatchObject({ parentId: "v3", instruction: "bolder", candidates: 3 });
    expect(button("Use this: Faithful")).toBeTruthy();
    expect(button("Use this: Bolder: take 2")).toBeTruthy();
    // Not chosen yet: v3 is still loaded.
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(v3.prompt);

    await act(async () => button("Use this: Bolder: take 1")?.click());
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(c[1]?.prompt);
    expect(button("Use this: Faithful")).toBeUndefined();
    expect(button("Load v5")?.getAttribute("aria-current")).toBe("true");
    const under3 = [
      ...(button("Load v3")?.closest("li")?.querySelector("ol")?.querySelectorAll("button[data-tree-node]") ?? []),
    ];
    expect(under3.map((b) => b.getAttribute("aria-label"))).toEqual(["Load v4", "Load v5", "Load v6"]);
  });

  it("changing the style of a loaded version offers Apply style, which refines with only the style", async () => {
    const v4 = version("v4", "v3", 4, { style: "watercolor", instruction: null });
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => sseResponse(ev("version", v4)));
    vi.stubGlobal("fetch", fetchMock);
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    expect(button("Apply style")).toBeUndefined();
    await act(async () => choose(byLabel("Style"), "watercolor"));
    await act(async () => button("Apply style")?.click());
    await vi.waitFor(() => expect(button("Load v4")).toBeTruthy());
    const body = JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body));
    expect(body).toMatchObject({ parentId: "v3", style: "watercolor" });
    expect(body.instruction).toBeUndefined();
    expect(button("Apply style")).toBeUndefined();
    expect(document.body.textContent).toContain("Restyled from v3");
  });

  it("shows the part chips with lock toggles, and a Star button beside Generate", async () => {
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v3" }} />));
    expect(button("Lock subject")?.getAttribute("aria-pressed")).toBe("false");
    expect(button("Lock setting")).toBeTruthy();
    expect(button("Star") ?? button("Starred")).toBeTruthy();
  });
});
