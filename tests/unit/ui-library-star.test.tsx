// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { LibraryEntry, PromptVersion } from "@/lib/schemas/entities";

const { StarButton } = await import("@/components/library/star-button");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const version: PromptVersion = {
  id: "v1",
  ideaId: "i1",
  parentId: null,
  source: "refine",
  instruction: null,
  prompt: "A fox curled in fresh snow, warm lantern light.",
  negativePrompt: null,
  style: "watercolor",
  dialect: "prose",
  refiner: "offline",
  model: "offline",
  title: "Fox in the snow",
  notes: [],
  parts: null,
  locks: [],
  direction: null,
  approvedAt: null,
  checks: [],
  createdAt: "2025-01-01T00:00:00Z",
};

const entryOf = (id: string, name: string): LibraryEntry => ({
  id,
  name,
  versionId: version.id,
  ideaId: version.ideaId,
  ideaText: "a fox in the snow",
  prompt: version.prompt,
  negativePrompt: null,
  style: version.style,
  dialect: version.dialect,
  parts: null,
  createdAt: "2025-01-02T00:00:00Z",
});

type Call = { url: string; method: string; body: unknown };

/** A fetch that records each call and answers from a queue of (status, body). */
function mockFetch(answers: Array<[number, unknown]>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined });
    const [status, body] = answers.shift() ?? [500, { error: { code: "internal", message: "no answer queued" } }];
    return status === 204
      ? new Response(null, { status })
      : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fn);
  return calls;
}

let root: Root;
let host: HTMLDivElement;

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods: model them with the open attribute.
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
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function button(name: string, within: ParentNode = document): HTMLButtonElement {
  const b = [...within.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}" in: ${within.textContent}`);
  return b;
}
const queryButton = (name: string) =>
  [...document.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);

function dialogNamed(title: string): HTMLDialogElement {
  const d = [...document.querySelectorAll("dialog")].find(
    (el) => document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.textContent === title,
  );
  if (!d) throw new Error(`no dialog "${title}"`);
  return d;
}
function nameField(dialog: HTMLElement): HTMLInputElement {
  const label = [...dialog.querySelectorAll("label")].find((l) => l.textContent?.trim() === "Name");
  const input = label ? document.getElementById(label.htmlFor) : null;
  if (!(input instanceof HTMLInputElement)) throw new Error("no Name textbox");
  return input;
}
function type(el: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}
async function submit(dialog: HTMLElement) {
  await act(async () => button("Save", dialog).click());
}

describe("StarButton", () => {
  it("stars a version: a Save to library dialog, Name prefilled with the title, POST, then Starred with the name", async () => {
    const calls = mockFetch([[201, entryOf("e1", "Snowy fox")]]);
    const onChange = vi.fn();
    await act(async () => root.render(<StarButton version={version} onChange={onChange} />));
    const star = button("Star");
    expect(star.getAttribute("aria-haspopup")).toBe("dialog");
    const dialog = dialogNamed("Save to library");
    expect(dialog.open).toBe(false);

    await act(async () => star.click());
    expect(dialog.open).toBe(true);
    const name = nameField(dialog);
    expect(name.value).toBe("Fox in the snow");

    await act(async () => type(name, "  Snowy fox "));
    await submit(dialog);

    expect(calls).toEqual([{ url: "/api/library", method: "POST", body: { versionId: "v1", name: "Snowy fox" } }]);
    expect(dialog.open).toBe(false);
    expect(queryButton("Star")).toBeUndefined();
    expect(button("Starred")).toBeTruthy();
    expect(host.textContent).toContain("Snowy fox");
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ id: "e1", name: "Snowy fox" }));
  });

  it("a failed save shows why inside the dialog, which stays open; an empty name cannot be saved", async () => {
    mockFetch([[400, { error: { code: "invalid_request", message: "the name is empty" } }]]);
    await act(async () => root.render(<StarButton version={version} />));
    await act(async () => button("Star").click());
    const dialog = dialogNamed("Save to library");
    await act(async () => type(nameField(dialog), "   "));
    expect(button("Save", dialog).disabled).toBe(true);
    await act(async () => type(nameField(dialog), "x"));
    await submit(dialog);
    expect(dialog.open).toBe(true);
    expect(dialog.querySelector('[role="alert"]')?.textContent).toMatch(/Save failed.*the name is empty/);
    expect(button("Star")).toBeTruthy();
  });

  it("renames a starred version with PATCH", async () => {
    const calls = mockFetch([[200, entryOf("e1", "Fox at dusk")]]);
    await act(async () => root.render(<StarButton version={version} entry={entryOf("e1", "Snowy fox")} />));
    expect(host.textContent).toContain("Snowy fox");
    await act(async () => button("Starred").click());
    const dialog = dialogNamed("Save to library");
    const name = nameField(dialog);
    expect(name.value).toBe("Snowy fox");
    await act(async () => type(name, "Fox at dusk"));
    await submit(dialog);
    expect(calls).toEqual([{ url: "/api/library/e1", method: "PATCH", body: { name: "Fox at dusk" } }]);
    expect(host.textContent).toContain("Fox at dusk");
    expect(host.textContent).not.toContain("Snowy fox");
  });

  it("removes with DELETE, offers Undo, and Undo stars the version again under the same name", async () => {
    const calls = mockFetch([
      [204, null],
      [201, entryOf("e2", "Snowy fox")],
    ]);
    await act(async () => root.render(<StarButton version={version} entry={entryOf("e1", "Snowy fox")} />));
    await act(async () => button("Starred").click());
    await act(async () => button("Remove from library").click());
    expect(calls[0]).toEqual({ url: "/api/library/e1", method: "DELETE", body: undefined });
    expect(button("Star")).toBeTruthy();
    const notice = host.querySelector('[role="status"]');
    expect(notice?.textContent).toContain("Removed “Snowy fox” from the Library.");

    await act(async () => button("Undo").click());
    expect(calls[1]).toEqual({ url: "/api/library", method: "POST", body: { versionId: "v1", name: "Snowy fox" } });
    expect(button("Starred")).toBeTruthy();
    expect(host.querySelector('[role="status"]')).toBeNull();
  });

  it("the Undo notice goes away by itself after a few seconds", async () => {
    vi.useFakeTimers();
    mockFetch([[204, null]]);
    await act(async () => root.render(<StarButton version={version} entry={entryOf("e1", "Snowy fox")} />));
    await act(async () => button("Starred").click());
    await act(async () => button("Remove from library").click());
    expect(host.querySelector('[role="status"]')).not.toBeNull();
    await act(async () => vi.advanceTimersByTime(3000));
    expect(host.querySelector('[role="status"]')).not.toBeNull();
    await act(async () => vi.advanceTimersByTime(6000));
    expect(host.querySelector('[role="status"]')).toBeNull();
    expect(queryButton("Undo")).toBeUndefined();
  });

  it("follows the parent to another version and its entry", async () => {
    await act(async () => root.render(<StarButton version={version} entry={entryOf("e1", "Snowy fox")} />));
    expect(button("Starred")).toBeTruthy();
    await act(async () => root.render(<StarButton version={{ ...version, id: "v2", title: "Other" }} />));
    expect(button("Star")).toBeTruthy();
    expect(host.textContent).not.toContain("Snowy fox");
  });
});
