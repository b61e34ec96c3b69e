// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { IdeasFilter } from "@/lib/client/ideas-filter";
import type { IdeaSummary, Page } from "@/lib/schemas/entities";
import { byLabel, mountEach, typeInto } from "./harness/dom";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }), usePathname: () => "/ideas" }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { IdeasBrowser, SEARCH_DEBOUNCE_MS } = await import("@/components/ideas/ideas-browser");
const { UNDO_MS } = await import("@/components/library/undo-notice");
const { ideasQuery } = await import("@/lib/client/ideas-filter");

const summary = (n: number, over: Partial<IdeaSummary> = {}): IdeaSummary => ({
  id: `i${n}`,
  text: `a rough idea ${n}`,
  title: `Idea ${n}`,
  createdAt: "2025-01-02T00:00:00.000Z",
  versionCount: 2,
  imageCount: 1,
  coverImageId: `im${n}`,
  latestPrompt: `the latest prompt of idea ${n}`,
  lastActivityAt: "2025-01-03T00:00:00.000Z",
  thumbs: [{ id: `im${n}`, width: 640, height: 480, prompt: `the prompt of image ${n}` }],
  bestScore: null,
  ...over,
});
const page = (items: IdeaSummary[], nextCursor: string | null = null): Page<IdeaSummary> => ({ items, nextCursor });

type Call = { url: string; method: string; keepalive: boolean };
function mockFetch(answers: Array<[number, unknown]>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, method: init.method ?? "GET", keepalive: init.keepalive === true });
      const [status, body] = answers.shift() ?? [500, { error: { code: "internal", message: "unexpected call" } }];
      return status === 204
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

const dom = mountEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  window.history.replaceState(null, "", "/ideas");
});
afterEach(() => {
  vi.useRealTimers();
});

const OPTIONS = {
  backends: [
    { id: "offline", label: "Offline sketch (no model)" },
    { id: "openai", label: "OpenAI" },
  ],
  styles: [{ id: "watercolor" as const, label: "Watercolor" }],
};

/** As the server renders it: for the address the filter came from. */
async function render(initial: Page<IdeaSummary>, initialFilter: IdeasFilter = {}) {
  window.history.replaceState(null, "", `/ideas${ideasQuery(initialFilter)}`);
  await act(async () => {
    dom.root.render(<IdeasBrowser initial={initial} initialFilter={initialFilter} pageSize={2} {...OPTIONS} />);
  });
}
const settle = () => act(async () => {});
const titles = () => [...dom.host.querySelectorAll("article h2")].map((h) => h.textContent);
const buttonNamed = (name: string) => {
  const b = [...dom.host.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
};
const params = (url = "") => Object.fromEntries(new URL(url, "http://x").searchParams);
const click = (el: HTMLElement) => act(async () => el.click());

describe("the Ideas list", () => {
  it("shows each idea as a card that opens the Studio, with its idea page, thumbnails and counts", async () => {
    await render(page([summary(1), summary(2, { thumbs: [], imageCount: 0, versionCount: 1 })], "c1"));
    expect(titles()).toEqual(["Idea 1", "Idea 2"]);
    const card = dom.host.querySelector("article") as HTMLElement;
    expect(card.querySelector("h2 a")?.getAttribute("href")).toBe("/?idea=i1");
    const ideaPage = [...card.querySelectorAll("a")].find((a) => a.textContent?.startsWith("Idea page"));
    expect(ideaPage?.getAttribute("href")).toBe("/ideas/i1");
    const img = card.querySelector("img") as HTMLImageElement;
    expect(img.alt).toBe("the prompt of image 1");
    expect(img.getAttribute("src")).toBe("/api/images/im1/thumb");
    expect([img.getAttribute("width"), img.getAttribute("height")]).toEqual(["640", "480"]);
    expect(card.textContent).toContain("a rough idea 1");
    expect(card.textContent).toContain("the latest prompt of idea 1");
    expect(card.textContent).toContain("2 versions · 1 image");
    expect(card.textContent).toContain("last worked on");
    expect(dom.host.querySelectorAll("article")[1]?.textContent).toContain("1 version · 0 images");

    const calls = mockFetch([[200, page([summary(3), summary(1)])]]);
    await click(buttonNamed("Load more"));
    await settle();
    expect(calls[0]?.url).toBe("/api/ideas?cursor=c1&limit=2");
    expect(titles()).toEqual(["Idea 1", "Idea 2", "Idea 3"]); // no duplicate of idea 1
    expect([...dom.host.querySelectorAll("button")].some((b) => b.textContent?.includes("Load more"))).toBe(false);
  });

  it("searches as you type, once the typing pauses, and keeps the address in step", async () => {
    await render(page([summary(1), summary(2)]));
    const calls = mockFetch([[200, page([summary(2)])]]);
    const box = byLabel<HTMLInputElement>("Search ideas");
    expect(box.type).toBe("search");
    await act(async () => typeInto(box, "f"));
    await act(async () => typeInto(box, "fo"));
    await act(async () => typeInto(box, "fox"));
    await act(async () => vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 10));
    expect(calls).toHaveLength(0);
    await act(async () => vi.advanceTimersByTime(20));
    await settle();
    expect(calls.map((c) => c.url)).toEqual(["/api/ideas?q=fox&limit=2"]);
    expect(titles()).toEqual(["Idea 2"]);
    expect(`${window.location.pathname}${window.location.search}`).toBe("/ideas?q=fox");
  });

  it("filters with chips (aria-pressed), together with the search", async () => {
    await render(page([summary(1)]), { q: "fox" });
    const calls = mockFetch([
      [200, page([summary(1)])],
      [200, page([])],
    ]);
    const chip = buttonNamed("Has images");
    expect(chip.getAttribute("aria-pressed")).toBe("false");
    await click(chip);
    await settle();
    expect(buttonNamed("✓Has images").getAttribute("aria-pressed")).toBe("true");
    expect(params(calls[0]?.url)).toEqual({ q: "fox", hasImages: "true", limit: "2" });
    expect(window.location.search).toBe("?q=fox&hasImages=1");

    await click(buttonNamed("OpenAI"));
    await settle();
    expect(params(calls[1]?.url)).toEqual({ q: "fox", hasImages: "true", backend: "openai", limit: "2" });
    expect(dom.host.textContent).toContain("No idea matches");
  });

  it("sorts by best score and filters by a score floor (issue 11), in the address too", async () => {
    await render(page([summary(1, { bestScore: 0.75 }), summary(2)]));
    expect(dom.host.querySelectorAll("article")[0]?.textContent).toContain("best check 75%");
    expect(dom.host.querySelectorAll("article")[1]?.textContent).not.toContain("best check");
    const calls = mockFetch([
      [200, page([summary(1, { bestScore: 0.75 }), summary(2)])],
      [200, page([summary(1, { bestScore: 0.75 })])],
    ]);
    const sort = byLabel<HTMLSelectElement>("Sort");
    await act(async () => {
      sort.value = "score";
      sort.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await settle();
    expect(params(calls[0]?.url)).toEqual({ sort: "score", limit: "2" });
    expect(window.location.search).toBe("?sort=score");
    // The order alone narrows nothing: no "No idea matches" for an empty sorted list.
    const score = byLabel<HTMLSelectElement>("Score");
    await act(async () => {
      score.value = "0.5";
      score.dispatchEvent(new Event("change", { bubbles: true }));
    });
    await settle();
    expect(params(calls[1]?.url)).toEqual({ sort: "score", minScore: "0.5", limit: "2" });
    expect(window.location.search).toBe("?minScore=0.5&sort=score");
    expect(titles()).toEqual(["Idea 1"]);
  });

  it("deletes with Undo: hidden at once, nothing sent until the window ends, Undo brings it back", async () => {
    await render(page([summary(1), summary(2)]));
    const calls = mockFetch([[204, null]]);
    await click(buttonNamed("Delete “Idea 1”"));
    expect(titles()).toEqual(["Idea 2"]);
    const status = [...dom.host.querySelectorAll('[role="status"]')].find((s) => s.textContent?.includes("Deleted"));
    expect(status?.textContent).toContain("Deleted “Idea 1”.");
    await click(buttonNamed("Undo"));
    await settle();
    expect(titles()).toEqual(["Idea 1", "Idea 2"]);
    expect(calls).toHaveLength(0);
    await act(async () => vi.advanceTimersByTime(UNDO_MS + 100));
    expect(calls).toHaveLength(0);

    await click(buttonNamed("Delete “Idea 2”"));
    await act(async () => vi.advanceTimersByTime(UNDO_MS - 100));
    expect(calls).toHaveLength(0);
    await act(async () => vi.advanceTimersByTime(200));
    await settle();
    expect(calls).toEqual([{ url: "/api/ideas/i2", method: "DELETE", keepalive: false }]);
    expect(titles()).toEqual(["Idea 1"]);
  });

  it("sends a pending delete at once, with keepalive, when the page is hidden or left", async () => {
    await render(page([summary(1), summary(2)]));
    const calls = mockFetch([[204, null]]);
    await click(buttonNamed("Delete “Idea 1”"));
    await act(async () => window.dispatchEvent(new Event("pagehide")));
    await settle();
    expect(calls).toEqual([{ url: "/api/ideas/i1", method: "DELETE", keepalive: true }]);
    expect(titles()).toEqual(["Idea 2"]);
    expect(dom.host.textContent).not.toContain("Deleted “Idea 1”.");
  });

  it("shows the card again when the delete fails", async () => {
    await render(page([summary(1)]));
    mockFetch([[500, { error: { code: "internal", message: "disk on fire" } }]]);
    await click(buttonNamed("Delete “Idea 1”"));
    await act(async () => vi.advanceTimersByTime(UNDO_MS + 100));
    await settle();
    expect(titles()).toEqual(["Idea 1"]);
    expect(dom.host.querySelector('[role="alert"]')?.textContent).toContain("Could not delete the idea");
  });

  it("follows the address when it says more than the first render knew (Back to a kept page)", async () => {
    window.history.replaceState(null, "", "/ideas?starred=1");
    const calls = mockFetch([[200, page([summary(2)])]]);
    await act(async () => {
      dom.root.render(<IdeasBrowser initial={page([summary(1)])} initialFilter={{}} pageSize={2} {...OPTIONS} />);
    });
    await settle();
    expect(calls[0]?.url).toBe("/api/ideas?starred=true&limit=2");
    expect(titles()).toEqual(["Idea 2"]);
    expect(buttonNamed("✓Starred").getAttribute("aria-pressed")).toBe("true");
  });

  it("teaches when there are no ideas, and offers to clear a search that finds none", async () => {
    await render(page([]));
    expect(dom.host.textContent).toContain("No ideas yet");
    expect(dom.host.querySelector('a[href="/"]')?.textContent).toBe("Open the Studio");
    await act(async () => dom.root.unmount());
    const { createRoot } = await import("react-dom/client");
    dom.root = createRoot(dom.host);
    await render(page([]), { q: "zebra" });
    expect(dom.host.textContent).toContain("No idea matches");
    const calls = mockFetch([[200, page([summary(1)])]]);
    await click(buttonNamed("Clear search and filters"));
    await settle();
    expect(calls[0]?.url).toBe("/api/ideas?limit=2");
    expect(titles()).toEqual(["Idea 1"]);
    expect(byLabel<HTMLInputElement>("Search ideas").value).toBe("");
  });
});
