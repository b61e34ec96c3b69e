// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BACKENDS } from "@/lib/catalog";
import type { Catalog } from "@/lib/schemas/catalog";
import type { PromptVersion } from "@/lib/schemas/entities";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }),
  usePathname: () => "/",
}));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { Studio } = await import("@/components/studio/studio");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const catalog: Catalog = {
  refiners: [{ id: "offline", label: "Offline refiner (no model)", configured: true, model: "offline", offline: true }],
  backends: [
    {
      ...BACKENDS.offline,
      configured: true,
      model: "sketch",
      capabilities: { ...BACKENDS.offline.capabilities, sizes: [...BACKENDS.offline.capabilities.sizes] },
    },
    {
      ...BACKENDS.openai,
      configured: false,
      model: "gpt-image",
      capabilities: {
        ...BACKENDS.openai.capabilities,
        sizes: [...BACKENDS.openai.capabilities.sizes],
        quality: [...BACKENDS.openai.capabilities.quality],
      },
    },
  ],
  defaults: { refiner: "offline", backend: "offline" },
  embeddedDefaults: true,
};

const v1: PromptVersion = {
  id: "v1",
  ideaId: "i1",
  parentId: null,
  source: "refine",
  instruction: null,
  prompt: "A fox curled in fresh snow, warm lantern light.",
  negativePrompt: null,
  style: null,
  dialect: "prose",
  refiner: "offline",
  model: "offline",
  title: "Fox",
  notes: ["Added warm light"],
  parts: null,
  locks: [],
  direction: null,
  createdAt: "2025-01-01T00:00:00Z",
};

let root: Root;
let host: HTMLDivElement;

beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

/** The element a <label> names, the way a screen reader finds it. */
function byLabel<T extends HTMLElement>(text: string): T {
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim() === text);
  const el = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  if (!el) throw new Error(`no control labelled "${text}"`);
  return el as T;
}
function button(name: string | RegExp): HTMLButtonElement | undefined {
  return [...document.querySelectorAll("button")].find((b) => {
    const n = (b.getAttribute("aria-label") ?? b.textContent ?? "").trim();
    return typeof name === "string" ? n === name : name.test(n);
  });
}
function type(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value")?.set?.call(el, value);
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

function sseResponse(events: string) {
  const bytes = new TextEncoder().encode(events);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
}

describe("Studio", () => {
  it("has the named controls, and the examples fill the Idea", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    const idea = byLabel<HTMLTextAreaElement>("Idea");
    expect(idea.tagName).toBe("TEXTAREA");
    expect(byLabel("Style").tagName).toBe("SELECT");
    const backend = byLabel<HTMLSelectElement>("Backend");
    expect([...backend.options].map((o) => [o.textContent, o.disabled])).toEqual([
      ["Offline sketch (no model)", false],
      ["OpenAI Images (set OPENAI_API_KEY)", true],
    ]);
    expect(byLabel("Prompt").tagName).toBe("TEXTAREA");
    expect(button("Refine")).toBeTruthy();
    expect(button("Generate")?.disabled).toBe(true);
    expect(button("Refine again")).toBeUndefined();
    expect(document.querySelector("section[aria-labelledby]")).toBeTruthy();
    const history = [...document.querySelectorAll("section")].find(
      (s) => document.getElementById(s.getAttribute("aria-labelledby") ?? "")?.textContent === "History",
    );
    expect(history).toBeTruthy();

    const example = button(/^Try:/);
    await act(async () => example?.click());
    expect(idea.value).not.toBe("");
  });

  it("refines: streams into the Prompt, then offers Instruction and Refine again, and lists v1 in History", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sseResponse(
          `event: delta\ndata: {"text":"A fox curled"}\n\nevent: delta\ndata: {"text":" in fresh snow"}\n\nevent: version\ndata: ${JSON.stringify(v1)}\n\n`,
        ),
      ),
    );
    const replace = vi.spyOn(window.history, "replaceState");
    await act(async () => root.render(<Studio catalog={catalog} />));
    await act(async () => type(byLabel("Idea"), "a fox in the snow"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(button("Refine again")).toBeTruthy());
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(v1.prompt);
    expect(byLabel("Instruction").tagName).toBe("INPUT");
    expect(button("Load v1")).toBeTruthy();
    expect(document.body.textContent).toContain("Added warm light");
    expect(replace).toHaveBeenCalledWith(null, "", "/?idea=i1&version=v1");
  });

  it("shows a refusal as an alert and keeps the idea", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sseResponse('event: error\ndata: {"error":{"code":"refused","message":"The model refused this request."}}\n\n'),
      ),
    );
    await act(async () => root.render(<Studio catalog={catalog} />));
    await act(async () => type(byLabel("Idea"), "something"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/declined/));
    expect(byLabel<HTMLTextAreaElement>("Idea").value).toBe("something");
  });
});
