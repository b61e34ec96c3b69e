// @vitest-environment jsdom
import { act } from "react";
import { createRoot } from "react-dom/client";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { IdeaDetail, PromptVersion } from "@/lib/schemas/entities";
import { button, byLabel, mountEach, typeInto } from "./harness/dom";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { jsonResponse, routerPush as push, Studio } from "./harness/studio";

const { AUTOSAVE_MS } = await import("@/components/studio/editing/use-autosave");

const v1 = promptVersion({
  prompt: "A red fox curled in fresh snow, warm lantern light.",
  notes: ["Added warm light"],
  parts: { subject: "A red fox curled in fresh snow", lighting: "warm lantern light" },
});
const detail: IdeaDetail = {
  idea: { id: "i1", text: "a fox in the snow", title: "Fox", createdAt: v1.createdAt },
  versions: [v1],
  generations: [],
  library: [],
  comparisons: [],
} as IdeaDetail;

type Call = { url: string; method: string; body: Record<string, unknown> | undefined; keepalive?: boolean };
let calls: Call[];
let saved: number;

/** The server, as far as these tests need it: saves edits as children, stars, starts generations. */
function server(opts: { failSaves?: boolean } = {}) {
  calls = [];
  saved = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      calls.push({ url, method: init.method ?? "GET", body, keepalive: init.keepalive });
      if (url === "/api/prompts" && init.method === "POST") {
        if (opts.failSaves) return jsonResponse(503, { error: { code: "backend_unavailable", message: "Try again." } });
        saved += 1;
        const fromIdea = "idea" in (body ?? {});
        const version: PromptVersion = {
          ...v1,
          id: `v${saved + 1}`,
          ideaId: fromIdea ? "i2" : "i1",
          parentId: fromIdea ? null : String(body?.parentId),
          source: fromIdea ? (body?.source === "verbatim" ? "verbatim" : "edit") : "edit",
          prompt: String(body?.prompt),
          refiner: "manual",
          model: "manual",
          notes: ["Edited by hand."],
          // What the server keeps: the parent's parts still in the text.
          parts: String(body?.prompt).includes("A red fox curled in fresh snow")
            ? { subject: "A red fox curled in fresh snow" }
            : null,
          createdAt: `2025-01-01T00:0${saved}:00Z`,
        };
        return jsonResponse(201, version);
      }
      if (url === "/api/library" && init.method === "POST") {
        return jsonResponse(201, {
          id: "e1",
          versionId: body?.versionId,
          ideaId: "i1",
          name: body?.name,
          prompt: "",
          createdAt: v1.createdAt,
        });
      }
      if (url === "/api/generate" && init.method === "POST") {
        return jsonResponse(202, {
          id: "g1",
          promptId: body?.promptId,
          ideaId: "i2",
          backend: "offline",
          model: "sketch",
          params: {},
          status: "queued",
          progress: 0,
          error: null,
          createdAt: v1.createdAt,
        });
      }
      return jsonResponse(404, { error: { code: "not_found", message: "nothing here" } });
    }),
  );
}
const saves = () => calls.filter((c) => c.url === "/api/prompts" && c.method === "POST");

const dom = mountEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
beforeEach(() => {
  push.mockClear();
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
  window.matchMedia = ((query: string) => ({ matches: false, media: query })) as unknown as typeof window.matchMedia;
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});

const text = () => document.body.textContent ?? "";
const EDITED = "A red fox curled in fresh snow, cold blue moonlight.";

async function openV1() {
  server();
  await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v1" }} />));
}

describe("Studio: an edit saves itself", () => {
  it("saves a hand edit as a child of the version shown once typing pauses, and says so", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    expect(text()).toContain("Unsaved changes");
    expect(text()).not.toContain("saved on Generate");
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS - 100));
    expect(saves()).toHaveLength(0);
    // More typing restarts the pause.
    await act(async () => typeInto(byLabel("Prompt"), `${EDITED} `));
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS - 100));
    expect(saves()).toHaveLength(0);
    await act(async () => vi.advanceTimersByTime(200));
    await vi.waitFor(() => expect(text()).toContain("Saved as v2"));
    expect(saves()).toHaveLength(1);
    expect(saves()[0]?.body).toEqual({ parentId: "v1", prompt: EDITED });
    // The editor keeps what was typed (its trailing space too): the save never rewrites it.
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(`${EDITED} `);
    expect(button("Load v2")).toBeTruthy();
    expect(window.location.search).toBe("?idea=i1&version=v2");

    // Editing again makes the next save a child of the saved one; nothing else is sent meanwhile.
    await act(async () => typeInto(byLabel("Prompt"), `${EDITED} Stars.`));
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS + 10));
    await vi.waitFor(() => expect(text()).toContain("Saved as v3"));
    expect(saves().map((c) => c.body?.parentId)).toEqual(["v1", "v2"]);
  });

  it("saves at once when the Prompt loses focus, and Save as version saves on demand", async () => {
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    expect(button("Save as version")).toBeTruthy();
    await act(async () => byLabel("Prompt").dispatchEvent(new FocusEvent("focusout", { bubbles: true })));
    await vi.waitFor(() => expect(text()).toContain("Saved as v2"));
    expect(saves()).toHaveLength(1);
    expect(button("Save as version")).toBeUndefined();

    await act(async () => typeInto(byLabel("Prompt"), `${EDITED} Stars.`));
    await act(async () => button("Save as version")?.click());
    await vi.waitFor(() => expect(text()).toContain("Saved as v3"));
    expect(saves()[1]?.body).toEqual({ parentId: "v2", prompt: `${EDITED} Stars.` });
  });

  it("saves with a request that outlives the page when the tab is hidden", async () => {
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    const hidden = vi.spyOn(document, "visibilityState", "get").mockReturnValue("hidden");
    await act(async () => document.dispatchEvent(new Event("visibilitychange")));
    hidden.mockRestore();
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({ keepalive: true, body: { parentId: "v1", prompt: EDITED } });
  });

  it("asks before the page is left while an edit is not saved, and not once it is", async () => {
    await openV1();
    const leave = () => {
      const e = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(false);
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    expect(leave()).toBe(true);
    await vi.waitFor(() => expect(text()).toContain("Saved as v2"));
    expect(leave()).toBe(false);
  });

  it("says when a save failed, and keeps the text", async () => {
    server({ failSaves: true });
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v1" }} />));
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    await act(async () => button("Save as version")?.click());
    await vi.waitFor(() => expect(text()).toContain("Not saved: Try again."));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(EDITED);
    expect(button("Save as version")).toBeTruthy();
  });

  it("a link out of the studio (the header's Gallery) saves the edit first, then navigates", async () => {
    await openV1();
    const link = document.createElement("a");
    link.href = "/gallery";
    link.textContent = "Gallery";
    document.body.append(link);
    try {
      await act(async () => typeInto(byLabel("Prompt"), EDITED));
      await act(async () => link.click());
      await vi.waitFor(() => expect(push).toHaveBeenCalledWith("/gallery"));
      expect(saves()).toHaveLength(1);
      expect(window.location.search).toBe("?idea=i1&version=v2");
    } finally {
      link.remove();
    }
  });

  it("Star saves the edit on screen first and stars that version, not the one it came from", async () => {
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    await act(async () => button("Star")?.click());
    await vi.waitFor(() => expect(document.querySelector("dialog[open]")).toBeTruthy());
    expect(saves()).toHaveLength(1);
    const form = document.querySelector("dialog[open] form") as HTMLFormElement;
    await act(async () => form.requestSubmit());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/library")).toBe(true));
    expect(calls.find((c) => c.url === "/api/library")?.body).toMatchObject({ versionId: "v2" });
  });

  it("Generate acts on the edit: saves it, then generates the saved version", async () => {
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    await act(async () => button("Generate")?.click());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/generate")).toBe(true));
    expect(calls.map((c) => c.url).filter((u) => u !== "/api/generations/g1/events")).toEqual(
      expect.arrayContaining(["/api/prompts", "/api/generate"]),
    );
    expect(calls.find((c) => c.url === "/api/generate")?.body).toMatchObject({ promptId: "v2" });
  });

  it("the Parts chips follow the text: a part the edit rewrote leaves, locks wait for the save", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await openV1();
    expect(button("Lock lighting")).toBeTruthy();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    expect(button("Lock lighting")).toBeUndefined();
    expect(button("Lock subject")?.getAttribute("aria-disabled")).toBe("true");
    expect(text()).toContain("Only the parts your edit kept");
    await act(async () => vi.advanceTimersByTime(AUTOSAVE_MS + 10));
    await vi.waitFor(() => expect(text()).toContain("Saved as v2"));
    // Now the saved version's own parts, lockable again.
    expect(button("Lock lighting")).toBeUndefined();
    expect(button("Lock subject")?.getAttribute("aria-disabled")).toBeNull();
  });
});

describe("Studio: a prompt of your own, generated as written", () => {
  it("the Prompt is editable before any Refine; Generate saves it as a verbatim first version, then generates it", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    const prompt = byLabel<HTMLTextAreaElement>("Prompt");
    expect(prompt.readOnly).toBe(false);
    const mine = "1girl, red hood, (forest:1.2), moonlight --ar 2:3";
    await act(async () => typeInto(prompt, mine));
    expect(text()).toContain("Your prompt, as written · not saved");
    expect(button("Generate")?.getAttribute("aria-disabled")).toBeNull();
    await act(async () => button("Generate")?.click());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/generate")).toBe(true));
    expect(saves()[0]?.body).toEqual({ idea: mine, prompt: mine, source: "verbatim" });
    expect(calls.find((c) => c.url === "/api/generate")?.body).toMatchObject({ promptId: "v2" });
    expect(text()).toContain("As written");
    expect(prompt.value).toBe(mine);
  });

  it("keeps the typed idea as the idea; Save as version saves without generating; leaving unsaved asks", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    await act(async () => typeInto(byLabel("Idea"), "a girl in a red hood"));
    await act(async () => typeInto(byLabel("Prompt"), "red hood, forest"));
    const e = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(e);
    expect(e.defaultPrevented).toBe(true);
    // Typing alone never makes an idea: only an explicit save does.
    await act(async () => byLabel("Prompt").dispatchEvent(new FocusEvent("focusout", { bubbles: true })));
    expect(saves()).toHaveLength(0);
    await act(async () => button("Save as version")?.click());
    await vi.waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]?.body).toEqual({ idea: "a girl in a red hood", prompt: "red hood, forest", source: "verbatim" });
    expect(calls.some((c) => c.url === "/api/generate")).toBe(false);
    await vi.waitFor(() => expect(text()).toContain("Your prompt was saved as written, as v1 of a new idea."));
  });
});

describe("Studio on a phone", () => {
  it("brings the Prompt into view when a refinement starts and it is off screen", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Promise<Response>(() => undefined)),
    );
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    const prompt = byLabel<HTMLTextAreaElement>("Prompt");
    const scroll = vi.fn();
    prompt.scrollIntoView = scroll;
    prompt.getBoundingClientRect = () => ({ top: 1000, bottom: 1200 }) as DOMRect;
    await act(async () => typeInto(byLabel("Idea"), "a fox in the snow"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(scroll).toHaveBeenCalledTimes(1));
    expect(scroll.mock.calls[0]?.[0]).toMatchObject({ block: "center" });
  });

  it("leaves the page alone when the Prompt is already in view", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Promise<Response>(() => undefined)),
    );
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    const prompt = byLabel<HTMLTextAreaElement>("Prompt");
    const scroll = vi.fn();
    prompt.scrollIntoView = scroll;
    prompt.getBoundingClientRect = () => ({ top: 200, bottom: 400 }) as DOMRect;
    await act(async () => typeInto(byLabel("Idea"), "a fox in the snow"));
    await act(async () => button("Refine")?.click());
    await new Promise((r) => setTimeout(r, 50));
    expect(scroll).not.toHaveBeenCalled();
  });
});

describe("Studio: a reload with an edit not yet saved", () => {
  it("keeps the edit in this tab when the page is left, and the next page of the same version brings it back", async () => {
    sessionStorage.clear();
    await openV1();
    await act(async () => typeInto(byLabel("Prompt"), EDITED));
    // The page is going: its keepalive request leaves, but nothing here will read the answer.
    const leaving = vi.fn((_url: string, _init: RequestInit) => new Promise<Response>(() => undefined));
    vi.stubGlobal("fetch", leaving);
    await act(async () => window.dispatchEvent(new Event("pagehide")));
    expect(leaving.mock.calls[0]?.[1]).toMatchObject({ method: "POST", keepalive: true });
    act(() => dom.root.unmount());

    // The save did not land before the next page read the idea: the text comes back, unsaved, and saves itself.
    server();
    dom.root = createRoot(dom.host);
    await act(async () => dom.root.render(<Studio catalog={catalog} initial={{ detail, versionId: "v1" }} />));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(EDITED);
    expect(text()).toContain("Your unsaved edit is back");
    await act(async () => byLabel("Prompt").dispatchEvent(new FocusEvent("focusout", { bubbles: true })));
    await vi.waitFor(() => expect(text()).toContain("Saved as v2"));
    // Taken once: a later visit opens the version as it is.
    expect(sessionStorage.length).toBe(0);
  });

  it("opens the saved child instead when the keepalive save landed first", async () => {
    sessionStorage.clear();
    sessionStorage.setItem(
      "promptsmith:unsaved-edit",
      JSON.stringify({ ideaId: "i1", versionId: "v1", prompt: EDITED, negative: "", at: Date.now() }),
    );
    server();
    const v2: PromptVersion = {
      ...v1,
      id: "v2",
      parentId: "v1",
      source: "edit",
      prompt: EDITED,
      createdAt: "2025-01-02T00:00:00Z",
    };
    await act(async () =>
      dom.root.render(
        <Studio catalog={catalog} initial={{ detail: { ...detail, versions: [v1, v2] }, versionId: "v1" }} />,
      ),
    );
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(EDITED);
    expect(button("Load v2")?.getAttribute("aria-current")).toBe("true");
    expect(saves()).toHaveLength(0);
  });
});

describe("Studio: an old backup", () => {
  it("does not move a later, deliberate visit of a version to its child", async () => {
    const v2: PromptVersion = { ...v1, id: "v2", parentId: "v1", source: "edit", prompt: EDITED };
    sessionStorage.setItem(
      "promptsmith:unsaved-edit",
      JSON.stringify({ ideaId: "i1", versionId: "v1", prompt: EDITED, negative: "", at: Date.now() - 5 * 60_000 }),
    );
    server();
    await act(async () =>
      dom.root.render(
        <Studio catalog={catalog} initial={{ detail: { ...detail, versions: [v1, v2] }, versionId: "v1" }} />,
      ),
    );
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(v1.prompt);
    expect(button("Load v1")?.getAttribute("aria-current")).toBe("true");
    expect(sessionStorage.length).toBe(0);
  });
});
