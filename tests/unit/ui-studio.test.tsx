// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import { BACKENDS } from "@/lib/catalog";
import type { Catalog } from "@/lib/schemas/catalog";
import { button, byLabel, mountEach, typeInto } from "./harness/dom";
import { offlineCatalog, promptVersion } from "./harness/fixtures";
import { Studio, sseResponse } from "./harness/studio";

const catalog: Catalog = {
  ...offlineCatalog,
  backends: [
    ...offlineCatalog.backends,
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
};

const v1 = promptVersion({ prompt: "A fox curled in fresh snow, warm lantern light.", notes: ["Added warm light"] });

const dom = mountEach(() => vi.unstubAllGlobals());

describe("Studio", () => {
  it("has the named controls, and the examples fill the Idea", async () => {
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
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
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    await act(async () => typeInto(byLabel("Idea"), "a fox in the snow"));
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
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    await act(async () => typeInto(byLabel("Idea"), "something"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/declined/));
    expect(byLabel<HTMLTextAreaElement>("Idea").value).toBe("something");
  });
});
