// @vitest-environment jsdom
/**
 * Issue 13 in the browser: the Studio's "Follow house rules" checkbox (and what Refine sends),
 * "Generate as typed" (a verbatim version of the idea, generated at once), the house rules editor
 * on /library (save, cap, history, restore) and the recipe's "House rules vN".
 */
import { act } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ImageRecipe } from "@/components/gallery/image-recipe";
import { HouseRulesEditor } from "@/components/library/house-rules-editor";
import type { HouseRulesState } from "@/lib/schemas/house-rules";
import type { ImageDetail } from "@/lib/schemas/entities";
import { HOUSE_RULES_MAX_CHARS } from "@/lib/schemas/limits";
import { button, byLabel, mountEach, typeInto } from "./harness/dom";
import { FakeEventSource } from "./harness/event-source";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { jsonResponse, Studio, sseResponse, sseEvent } from "./harness/studio";

type Call = { url: string; method: string; body: Record<string, unknown> | undefined };
let calls: Call[];

const RULES = { version: 3, text: "no photorealistic people" };
const verbatim = promptVersion({
  id: "v9",
  ideaId: "i9",
  source: "verbatim",
  prompt: "(masterpiece:1.2), a fox, snow",
  refiner: "manual",
  model: "manual",
  notes: ["Your prompt, as written; not refined."],
});

function server(opts: { generate?: Response } = {}) {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
      calls.push({ url, method: init.method ?? "GET", body });
      if (url === "/api/refine") return sseResponse(sseEvent("version", promptVersion({ houseRulesVersion: 3 })));
      if (url === "/api/prompts") return jsonResponse(201, verbatim);
      if (url === "/api/generate") {
        return (
          opts.generate ??
          jsonResponse(202, {
            id: "g9",
            promptId: body?.promptId,
            ideaId: "i9",
            backend: "offline",
            model: "sketch",
            params: { size: "512x512", n: 1 },
            status: "queued",
            progress: 0,
            error: null,
            createdAt: verbatim.createdAt,
            startedAt: null,
            finishedAt: null,
            durationMs: null,
          })
        );
      }
      if (url === "/api/house-rules" && init.method === "PUT") {
        const text = String(body?.text ?? "").trim();
        const v = { version: 4, text, createdAt: "2026-01-02T00:00:00.000Z" };
        return jsonResponse(201, { current: v, history: [v, ...HISTORY.history] });
      }
      return jsonResponse(404, { error: { code: "not_found", message: "no" } });
    }),
  );
}

const dom = mountEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  // jsdom has no matchMedia; the results list asks it about reduced motion.
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query }));
});

const checkbox = () => byLabel<HTMLInputElement>("Follow house rules");

describe("Follow house rules in the Studio", () => {
  it("is offered only when there are rules, says their version, and Refine follows it", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} houseRules={RULES} />));
    expect(checkbox().checked).toBe(true);
    expect(document.body.textContent).toContain("v3");
    // The offline refiner says honestly what it does with them.
    expect(document.body.textContent).toContain("The offline refiner applies only");
    await act(async () => typeInto(byLabel("Idea"), "a lighthouse"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/refine")).toBe(true));
    expect(calls.find((c) => c.url === "/api/refine")?.body).not.toHaveProperty("houseRules");

    await act(async () => checkbox().click());
    expect(checkbox().checked).toBe(false);
    calls.length = 0;
    await act(async () => typeInto(byLabel("Idea"), "a lighthouse at night"));
    await act(async () => button("Refine")?.click());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/refine")).toBe(true));
    expect(calls.find((c) => c.url === "/api/refine")?.body).toMatchObject({ houseRules: false });
  });

  it("is absent without house rules", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} houseRules={null} />));
    expect(() => checkbox()).toThrow();
  });
});

describe("Generate as typed", () => {
  it("saves the idea word for word as a verbatim version, loads it, and generates it with the current backend", async () => {
    server();
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    const generateAsTyped = () => button("Generate as typed");
    expect(generateAsTyped()?.disabled).toBe(true);
    await act(async () => typeInto(byLabel("Idea"), "  (masterpiece:1.2), a fox, snow "));
    expect(generateAsTyped()?.disabled).toBe(false);
    await act(async () => generateAsTyped()?.click());
    await vi.waitFor(() => expect(calls.some((c) => c.url === "/api/generate")).toBe(true));
    expect(calls.map((c) => c.url)).not.toContain("/api/refine");
    expect(calls.find((c) => c.url === "/api/prompts")?.body).toEqual({
      idea: "(masterpiece:1.2), a fox, snow",
      prompt: "(masterpiece:1.2), a fox, snow",
      source: "verbatim",
    });
    expect(calls.find((c) => c.url === "/api/generate")?.body).toMatchObject({ promptId: "v9", backend: "offline" });
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(verbatim.prompt);
    expect(document.body.textContent).toContain("As written");
    await vi.waitFor(() => expect(FakeEventSource.for("g9")).toHaveLength(1));
  });

  it("shows a refusal from moderation as Generate's error, with the version kept", async () => {
    server({
      generate: jsonResponse(422, {
        error: { code: "moderation_blocked", message: "This prompt was blocked by the content policy." },
      }),
    });
    await act(async () => dom.root.render(<Studio catalog={catalog} />));
    await act(async () => typeInto(byLabel("Idea"), "something"));
    await act(async () => button("Generate as typed")?.click());
    await vi.waitFor(() => expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/Generate failed/));
    expect(byLabel<HTMLTextAreaElement>("Prompt").value).toBe(verbatim.prompt);
  });
});

const HISTORY: HouseRulesState = {
  current: { version: 2, text: "our brand palette is navy and coral", createdAt: "2026-01-01T10:00:00.000Z" },
  history: [
    { version: 2, text: "our brand palette is navy and coral", createdAt: "2026-01-01T10:00:00.000Z" },
    { version: 1, text: "no people", createdAt: "2026-01-01T09:00:00.000Z" },
  ],
};

describe("the house rules editor", () => {
  it("saves a new version, refuses more than the cap before sending, lists and restores earlier versions", async () => {
    server();
    await act(async () => dom.root.render(<HouseRulesEditor initial={HISTORY} offlineRefiner={false} />));
    const field = byLabel<HTMLTextAreaElement>("House rules");
    const save = () => button("Save house rules");
    expect(field.value).toBe("our brand palette is navy and coral");
    expect(save()?.disabled).toBe(true);
    expect(document.querySelector("h2#house-rules")?.textContent).toBe("House rules");

    await act(async () => typeInto(field, "x".repeat(HOUSE_RULES_MAX_CHARS + 1)));
    expect(save()?.disabled).toBe(true);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(document.body.textContent).toContain("2,001 characters; the limit is 2,000");

    await act(async () => button("Restore v1")?.click());
    expect(field.value).toBe("no people");
    await act(async () => typeInto(field, "no people; avoid lens flare"));
    await act(async () => save()?.click());
    await vi.waitFor(() => expect(document.querySelector('[role="status"]')?.textContent).toBe("Saved as v4."));
    expect(calls.find((c) => c.url === "/api/house-rules")).toMatchObject({
      method: "PUT",
      body: { text: "no people; avoid lens flare" },
    });
    expect(document.body.textContent).toContain("Earlier versions (2)");
    expect(button("Restore v2")).toBeTruthy();
  });
});

describe("the recipe", () => {
  it("names the house rules version and shows its text on demand", async () => {
    const v = promptVersion({ houseRulesVersion: 3 });
    const image = {
      id: "img1",
      generationId: "g1",
      promptId: v.id,
      ideaId: v.ideaId,
      backend: "offline",
      width: 512,
      height: 512,
      seed: 1,
      mime: "image/png",
      byteSize: 100,
      favorite: false,
      createdAt: v.createdAt,
      prompt: v.prompt,
      version: v,
      idea: { id: v.ideaId, text: "a fox", title: "Fox", createdAt: v.createdAt },
      generation: {
        id: "g1",
        promptId: v.id,
        ideaId: v.ideaId,
        backend: "offline",
        model: "sketch",
        params: {},
        status: "succeeded",
        progress: 1,
        error: null,
        createdAt: v.createdAt,
        startedAt: null,
        finishedAt: null,
        durationMs: 10,
      },
      check: null,
    } as ImageDetail;
    await act(async () => dom.root.render(<ImageRecipe image={image} refinement={null} houseRules={RULES} />));
    const summary = [...document.querySelectorAll("summary")].find((s) => s.textContent === "House rules v3");
    expect(summary).toBeTruthy();
    const details = summary?.parentElement as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("no photorealistic people");
  });
});
