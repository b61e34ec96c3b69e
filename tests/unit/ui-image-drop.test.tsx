// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BACKENDS } from "@/lib/catalog";
import type { Catalog, CatalogBackend } from "@/lib/schemas/catalog";
import type { Generation, GenerationWithImages, PromptVersion } from "@/lib/schemas/entities";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }),
  usePathname: () => "/",
}));

const { Studio } = await import("@/components/studio/studio");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const backend = (id: keyof typeof BACKENDS, configured: boolean) =>
  ({ ...BACKENDS[id], configured, model: id }) as unknown as CatalogBackend;

const catalog: Catalog = {
  refiners: [{ id: "offline", label: "Offline refiner (no model)", configured: true, model: "offline", offline: true }],
  backends: [backend("offline", true), backend("automatic1111", true), backend("comfyui", false)],
  defaults: { refiner: "offline", backend: "offline" },
  embeddedDefaults: false,
};

const A1111_PROMPT =
  "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city, neon lights, " +
  "rain, <lora:add_detail:0.6>";
const A1111_NEGATIVE = "(worst quality, low quality:1.4), easynegative, watermark";

function pngFile(name: string): File {
  const bytes = readFileSync(path.join(__dirname, "../fixtures/png", name));
  return new File([new Uint8Array(bytes)], name, { type: "image/png" });
}

let root: Root;
let host: HTMLDivElement;

beforeEach(() => {
  // jsdom has no matchMedia; the results list asks it about reduced motion.
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: false,
    media: query,
    addEventListener() {},
    removeEventListener() {},
  }));
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

function byLabel<T extends HTMLElement>(text: string): T {
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim() === text);
  const el = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
  if (!el) throw new Error(`no control labelled "${text}"`);
  return el as T;
}
const hasLabel = (text: string) => [...document.querySelectorAll("label")].some((l) => l.textContent?.trim() === text);
function button(name: string | RegExp): HTMLButtonElement | undefined {
  return [...document.querySelectorAll("button")].find((b) => {
    const n = (b.getAttribute("aria-label") ?? b.textContent ?? "").trim();
    return typeof name === "string" ? n === name : name.test(n);
  });
}
const statuses = () => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent ?? "");
/** Waits for `check` to pass, with React's updates in between flushed (the file is read asynchronously). */
async function until(check: () => void, timeoutMs = 3000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
  }
}
const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"][aria-label="Load from image…"]');

/** A drag event as a browser sends it for files from the desktop. */
function drag(type: "dragenter" | "dragover" | "dragleave" | "drop", files: File[] = [], types = ["Files"]) {
  const ev = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(ev, "dataTransfer", { value: { types, files, dropEffect: "none" } });
  act(() => {
    host.querySelector("section")?.dispatchEvent(ev);
  });
  return ev;
}

function choose(file: File) {
  const input = fileInput();
  if (!input) throw new Error("no file input");
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function apiFake() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const version: PromptVersion = {
    id: "v9",
    ideaId: "i9",
    parentId: null,
    source: "edit",
    instruction: null,
    prompt: A1111_PROMPT,
    negativePrompt: A1111_NEGATIVE,
    style: null,
    dialect: "tags",
    refiner: "manual",
    model: "manual",
    title: "masterpiece",
    notes: ["Written or imported by hand; not refined."],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: "2025-01-01T00:00:00Z",
  };
  const generation: Generation = {
    id: "g1",
    promptId: "v9",
    ideaId: "i9",
    backend: "automatic1111",
    model: "sd",
    params: { size: "512x768", n: 1, seed: 3928471113 },
    status: "queued",
    progress: 0,
    error: null,
    createdAt: "2025-01-01T00:00:01Z",
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
  const done: GenerationWithImages = {
    ...generation,
    status: "succeeded",
    progress: 1,
    durationMs: 1200,
    images: [
      {
        id: "img1",
        generationId: "g1",
        promptId: "v9",
        ideaId: "i9",
        backend: "automatic1111",
        width: 512,
        height: 768,
        seed: 3928471113,
        mime: "image/png",
        byteSize: 100,
        favorite: false,
        createdAt: "2025-01-01T00:00:02Z",
        prompt: A1111_PROMPT,
      },
    ],
  };
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url === "/api/prompts") return json(version, 201);
    if (url === "/api/generate") return json(generation, 202);
    if (url === "/api/refine") {
      const v2 = {
        ...version,
        id: "v10",
        parentId: "v9",
        source: "refine",
        instruction: "make it night",
        prompt: "night",
        createdAt: "2025-01-01T00:00:05Z",
      };
      return json(v2, 201);
    }
    if (url.startsWith("/api/generations/g1")) return json(done);
    if (url.includes("/checkpoints")) return json({ checkpoints: ["anyloraCheckpoint_bakedvaeBlessedFp16"] });
    if (url === "/api/tokenize") return json({ chars: 10, maxChars: 4000, tokens: 40, maxTokens: 75 });
    return json({ error: { code: "not_found", message: "no" } }, 404);
  });
  return { fetch, calls };
}

describe("loading a recipe from an image", () => {
  it("offers a visible Load from image… button backed by a PNG file input", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    expect(button("Load from image…")).toBeTruthy();
    expect(fileInput()?.accept).toContain("image/png");
    // The input is not a second tab stop: the button is the control.
    expect(fileInput()?.tabIndex).toBe(-1);
  });

  it("a dropped file that is not a PNG: says so, changes nothing, sends nothing", async () => {
    const api = apiFake();
    vi.stubGlobal("fetch", api.fetch);
    await act(async () => root.render(<Studio catalog={catalog} />));
    const before = byLabel<HTMLTextAreaElement>("Prompt").value;
    const drop = drag("drop", [new File(["just some text"], "notes.txt", { type: "text/plain" })]);
    // The browser must not open the file in the tab.
    expect(drop.defaultPrevented).toBe(true);
    await until(() => expect(statuses()).toContain("That is not a PNG."));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(before);
    expect(button("Generate")?.disabled).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it("a file named .png that is not one, chosen with the picker, is not a PNG either", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    choose(new File(["GIF89a"], "fake.png", { type: "image/png" }));
    await until(() => expect(statuses()).toContain("That is not a PNG."));
  });

  it("a PNG without a recipe says so", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    choose(pngFile("text-kinds.png"));
    await until(() => expect(statuses()).toContain("This image has no recipe we can read."));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe("");
  });

  it("drops of text within the page are left alone, and no overlay shows for them", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    const over = drag("dragover", [], ["text/plain"]);
    expect(over.defaultPrevented).toBe(false);
    expect(document.body.textContent).not.toContain("Drop a PNG to load its prompt and settings");
  });

  it("shows the overlay only while files are dragged over the page", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    expect(document.body.textContent).not.toContain("Drop a PNG to load its prompt and settings");
    drag("dragenter");
    const over = drag("dragover");
    expect(over.defaultPrevented).toBe(true);
    expect(document.body.textContent).toContain("Drop a PNG to load its prompt and settings");
    drag("dragleave");
    expect(document.body.textContent).not.toContain("Drop a PNG to load its prompt and settings");
  });

  it("an A1111 image on the offline sketch: prompt and seed in, the rest explained, then a switch brings the rest", async () => {
    const api = apiFake();
    vi.stubGlobal("fetch", api.fetch);
    await act(async () => root.render(<Studio catalog={catalog} />));
    drag("dragenter", [pngFile("a1111-infotext.png")]);
    drag("drop", [pngFile("a1111-infotext.png")]);

    await until(() => expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(A1111_PROMPT));
    expect(document.body.textContent).not.toContain("Drop a PNG to load its prompt and settings");
    expect(statuses()).toContain(
      "Loaded the prompt and 1 setting from an AUTOMATIC1111 image. " +
        "Not used by Offline sketch (no model): negative prompt, size, checkpoint, sampler, steps and guidance.",
    );
    expect(byLabel<HTMLTextAreaElement>("Prompt").readOnly).toBe(false);
    expect(byLabel<HTMLInputElement>("Seed").value).toBe("3928471113");
    expect(byLabel<HTMLInputElement>("Random").checked).toBe(false);
    expect(byLabel<HTMLSelectElement>("Size").value).toBe("1024x1024");
    expect(hasLabel("Negative prompt")).toBe(false);
    expect(document.body.textContent).toContain("From the image, not used by Offline sketch (no model):");
    expect(document.body.textContent).toContain("Negative prompt: it takes none.");
    expect(document.body.textContent).toContain("Size 512 × 768: not one of its sizes.");
    expect(document.body.textContent).toContain("From an AUTOMATIC1111 image · not saved");
    expect(byLabel<HTMLTextAreaElement>("Idea").value).toBe("");
    // Nothing is saved by loading.
    expect(api.calls.filter((c) => c.method === "POST")).toEqual([]);
    expect(button("Generate")?.disabled).toBe(false);

    await act(async () => button("Switch to AUTOMATIC1111 / Forge")?.click());
    expect(byLabel<HTMLSelectElement>("Backend").value).toBe("automatic1111");
    expect(byLabel<HTMLTextAreaElement>("Negative prompt").value).toBe(A1111_NEGATIVE);
    expect(byLabel<HTMLSelectElement>("Size").value).toBe("512x768");
    expect(byLabel<HTMLInputElement>("Steps").value).toBe("28");
    expect(byLabel<HTMLInputElement>("Guidance").value).toBe("6.5");
    expect(byLabel<HTMLSelectElement>("Sampler").value).toBe("DPM++ 2M");
    expect(byLabel<HTMLInputElement>("Seed").value).toBe("3928471113");
    await until(() =>
      expect(byLabel<HTMLSelectElement>("Checkpoint").value).toBe("anyloraCheckpoint_bakedvaeBlessedFp16"),
    );
    expect(statuses()).toContain("AUTOMATIC1111 / Forge uses 6 settings from the image.");
    expect(document.body.textContent).not.toContain("From the image, not used by");

    // Generate saves the import as a new idea first (POST /api/prompts { idea, prompt, negativePrompt }), then generates it.
    await act(async () => button("Generate")?.click());
    await until(() => expect([...document.querySelectorAll("img")].some((i) => i.alt === A1111_PROMPT)).toBe(true));
    const posts = api.calls.filter((c) => c.method === "POST" && c.url !== "/api/tokenize");
    expect(posts).toEqual([
      {
        method: "POST",
        url: "/api/prompts",
        body: { idea: A1111_PROMPT, prompt: A1111_PROMPT, negativePrompt: A1111_NEGATIVE },
      },
      {
        method: "POST",
        url: "/api/generate",
        body: {
          promptId: "v9",
          backend: "automatic1111",
          params: {
            size: "512x768",
            n: 1,
            seed: 3928471113,
            sampler: "DPM++ 2M",
            checkpoint: "anyloraCheckpoint_bakedvaeBlessedFp16",
            steps: 28,
            guidance: 6.5,
          },
        },
      },
    ]);
    // Now a saved version: v1 of a new idea, and the idea it was saved under is in the Idea box.
    expect(document.body.textContent).toContain("v1 · Imported");
    expect(byLabel<HTMLTextAreaElement>("Idea").value).toBe(A1111_PROMPT);
  });

  it("Refine again on an imported prompt saves it first, then refines that version", async () => {
    const api = apiFake();
    vi.stubGlobal("fetch", api.fetch);
    await act(async () => root.render(<Studio catalog={catalog} />));
    choose(pngFile("a1111-infotext.png"));
    await until(() => expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(A1111_PROMPT));
    const instruction = byLabel<HTMLInputElement>("Instruction");
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(instruction, "make it night");
      instruction.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button("Refine again")?.click());
    await until(() => expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe("night"));
    const posts = api.calls.filter((c) => c.method === "POST" && c.url !== "/api/tokenize");
    expect(posts.map((c) => c.url)).toEqual(["/api/prompts", "/api/refine"]);
    expect(posts[0]?.body).toEqual({ idea: A1111_PROMPT, prompt: A1111_PROMPT, negativePrompt: A1111_NEGATIVE });
    expect(posts[1]?.body).toMatchObject({ parentId: "v9", instruction: "make it night", backend: "offline" });
    expect(document.body.textContent).toContain("v2 · Refined");
    expect(statuses()).toContain("Saved as v2.");
  });

  it("a Fooocus image fills the Idea with what its user typed; nothing of an earlier image lingers", async () => {
    await act(async () => root.render(<Studio catalog={catalog} />));
    choose(pngFile("a1111-infotext.png"));
    await until(() => expect(byLabel<HTMLInputElement>("Seed").value).toBe("3928471113"));
    choose(pngFile("fooocus-json.png"));
    await until(() => expect(byLabel<HTMLTextAreaElement>("Idea").value).toBe("a red fox in fresh snow"));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toMatch(/^cinematic still a red fox/);
    // Its 16-digit seed is beyond what the backend takes: Random stays on, and the note says why.
    expect(byLabel<HTMLInputElement>("Random").checked).toBe(true);
    expect(document.body.textContent).toContain("Seed 8127364519283746: beyond its range");
    expect(statuses().some((s) => s.startsWith("Loaded the prompt and the idea from a Fooocus image."))).toBe(true);
  });
});
