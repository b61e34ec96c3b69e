// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LibraryEntry } from "@/lib/schemas/entities";

const router = vi.hoisted(() => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router, usePathname: () => "/library" }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { LibraryList } = await import("@/components/library/library-list");
const { LibraryEmpty } = await import("@/components/library/library-empty");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const entry = (n: number, over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  id: `e${n}`,
  name: `Entry ${n}`,
  versionId: `v${n}`,
  ideaId: `i${n}`,
  ideaText: `idea ${n}`,
  prompt: `prompt number ${n}, with words`,
  negativePrompt: null,
  style: "watercolor",
  dialect: "tags",
  parts: null,
  createdAt: "2025-01-02T00:00:00Z",
  ...over,
});

type Call = { url: string; method: string; body: unknown };
function mockFetch(answers: Array<[number, unknown]>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined });
      const [status, body] = answers.shift() ?? [500, { error: { code: "internal", message: "unexpected call" } }];
      return status === 204
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

let root: Root;
let host: HTMLDivElement;
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});
beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  router.push.mockClear();
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

/** The entry's card, found the way a screen reader names it. */
function article(name: string): HTMLElement {
  const a = [...host.querySelectorAll("article")].find(
    (el) => document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.textContent === name,
  );
  if (!a) throw new Error(`no article "${name}"`);
  return a;
}
const names = () =>
  [...host.querySelectorAll("article")].map(
    (el) => document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.textContent,
  );
function button(name: string, within: ParentNode = host): HTMLButtonElement {
  const b = [...within.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}

describe("LibraryList", () => {
  it("shows each entry's name, prompt, style, dialect and idea, and loads more with the cursor and query", async () => {
    const calls = mockFetch([[200, { items: [entry(3), entry(2)], nextCursor: null }]]);
    await act(async () =>
      root.render(<LibraryList initial={{ items: [entry(1), entry(2)], nextCursor: "c1" }} q="fox" pageSize={2} />),
    );
    const first = article("Entry 1");
    expect(first.textContent).toContain("prompt number 1, with words");
    expect(first.textContent).toContain("Watercolor");
    expect(first.textContent).toContain("SD tags");
    expect(first.querySelector("a")?.getAttribute("href")).toBe("/ideas/i1");

    await act(async () => button("Load more").click());
    expect(calls[0]?.url).toBe("/api/library?q=fox&cursor=c1&limit=2");
    // The page boundary may repeat an entry: it is shown once.
    expect(names()).toEqual(["Entry 1", "Entry 2", "Entry 3"]);
    expect([...host.querySelectorAll("button")].some((b) => b.textContent === "Load more")).toBe(false);
  });

  it("Start new idea asks the server for a new idea and opens it in the studio", async () => {
    const calls = mockFetch([[201, { idea: { id: "new-idea" }, version: { id: "new-version" } }]]);
    await act(async () =>
      root.render(<LibraryList initial={{ items: [entry(1)], nextCursor: null }} q="" pageSize={24} />),
    );
    await act(async () => button("Start new idea", article("Entry 1")).click());
    expect(calls).toEqual([{ url: "/api/library/e1/use", method: "POST", body: undefined }]);
    expect(router.push).toHaveBeenCalledWith("/?idea=new-idea&version=new-version");
  });

  it("renames in a dialog", async () => {
    const calls = mockFetch([[200, entry(1, { name: "Better name" })]]);
    await act(async () =>
      root.render(<LibraryList initial={{ items: [entry(1)], nextCursor: null }} q="" pageSize={24} />),
    );
    await act(async () => button("Rename", article("Entry 1")).click());
    const dialog = host.querySelector("dialog[open]") as HTMLDialogElement;
    const input = dialog.querySelector("input") as HTMLInputElement;
    expect(input.value).toBe("Entry 1");
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, "Better name");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button("Save", dialog).click());
    expect(calls).toEqual([{ url: "/api/library/e1", method: "PATCH", body: { name: "Better name" } }]);
    expect(names()).toEqual(["Better name"]);
  });

  it("removes at once with Undo in its place; Undo stars the version again", async () => {
    const calls = mockFetch([
      [204, null],
      [201, entry(9, { name: "Entry 1", versionId: "v1" })],
    ]);
    await act(async () =>
      root.render(<LibraryList initial={{ items: [entry(1), entry(2)], nextCursor: null }} q="" pageSize={24} />),
    );
    await act(async () => button("Remove", article("Entry 1")).click());
    expect(calls[0]).toEqual({ url: "/api/library/e1", method: "DELETE", body: undefined });
    expect(names()).toEqual(["Entry 2"]);
    const notice = host.querySelector('[role="status"]');
    expect(notice?.textContent).toContain("Removed “Entry 1” from the Library.");
    await act(async () => button("Undo", notice ?? host).click());
    expect(calls[1]).toEqual({ url: "/api/library", method: "POST", body: { versionId: "v1", name: "Entry 1" } });
    expect(names()).toEqual(["Entry 1", "Entry 2"]);
    expect(host.querySelector('[role="status"]')).toBeNull();
  });

  it("an entry whose idea was deleted asks before it goes, since it cannot come back", async () => {
    const calls = mockFetch([[204, null]]);
    await act(async () =>
      root.render(
        <LibraryList
          initial={{ items: [entry(1, { versionId: null, ideaId: null })], nextCursor: null }}
          q=""
          pageSize={24}
        />,
      ),
    );
    expect(article("Entry 1").textContent).toContain("(that idea was deleted)");
    await act(async () => button("Remove", article("Entry 1")).click());
    expect(calls).toEqual([]);
    const dialog = host.querySelector("dialog[open]") as HTMLDialogElement;
    expect(dialog.textContent).toContain("cannot be undone");
    await act(async () => button("Remove", dialog).click());
    expect(calls).toEqual([{ url: "/api/library/e1", method: "DELETE", body: undefined }]);
    expect(host.querySelector("article")).toBeNull();
    expect(host.querySelector('[role="status"]')).toBeNull();
  });
});

describe("LibraryEmpty", () => {
  it("teaches how to star a version, or how to undo a search that found nothing", async () => {
    await act(async () => root.render(<LibraryEmpty q="" />));
    expect(host.textContent).toMatch(/Press\s*Star\s*under the prompt/);
    await act(async () => root.render(<LibraryEmpty q="zebra" />));
    expect(host.textContent).toContain("Nothing matches “zebra”");
    expect(host.querySelector("a")?.getAttribute("href")).toBe("/library");
  });
});
