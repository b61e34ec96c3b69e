// @vitest-environment jsdom
import { act } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetConnection } from "@/lib/client/connection";
import type { GenerationWithImages, IdeaDetail } from "@/lib/schemas/entities";
import { mountEach } from "./harness/dom";
import { FakeEventSource } from "./harness/event-source";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { jsonResponse as json, Studio } from "./harness/studio";

const { ConnectionStatus } = await import("@/components/connection/connection-status");

/**
 * Issue 16 §6: the server is killed while a generation runs, then comes back. The page must
 * notice within about 2 s and say so once, never call the generation failed for it, reconnect
 * with backoff, resume following, show what the server says (interrupted) and offer Retry.
 */

const v1 = promptVersion({ prompt: "A paper boat on a still pond, morning mist.", title: "Boat" });

const gen = (id: string, extra: Partial<GenerationWithImages> = {}): GenerationWithImages => ({
  id,
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  model: "sketch",
  params: { size: "512x512", n: 1, seed: 42 },
  status: "running",
  progress: 0.5,
  error: null,
  createdAt: "2025-01-01T00:01:00Z",
  startedAt: "2025-01-01T00:01:00Z",
  finishedAt: null,
  durationMs: null,
  images: [],
  ...extra,
});

const detail = (generations: GenerationWithImages[]): IdeaDetail => ({
  idea: { id: "i1", text: "a paper boat on a pond", title: "Boat", createdAt: v1.createdAt },
  versions: [v1],
  generations,
  library: [],
  comparisons: [],
});

type Call = { url: string; method: string; body: unknown };
/** The server: `up` answers from `generations`; `down` refuses every connection (as a killed process does). */
const server = {
  up: true,
  generations: new Map<string, GenerationWithImages>(),
  calls: [] as Call[],
  refine: null as null | (() => Response),
};

beforeEach(() => {
  vi.useFakeTimers();
  resetConnection({ random: () => 0.5 });
  FakeEventSource.all = [];
  server.up = true;
  server.generations = new Map();
  server.calls = [];
  server.refine = null;
  vi.stubGlobal("EventSource", FakeEventSource);
  // jsdom has no matchMedia; the results list asks it before scrolling a new card into view.
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query }));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = String(input);
      const method = init.method ?? "GET";
      server.calls.push({ url, method, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (!server.up) throw new TypeError("Failed to fetch");
      if (url === "/api/health") return json(200, { ok: true, version: "0.1.0" });
      if (url === "/api/refine" && server.refine) return server.refine();
      const m = /^\/api\/generations\/([^/]+)$/.exec(url);
      if (m && method === "GET") {
        const g = server.generations.get(decodeURIComponent(m[1] ?? ""));
        return g ? json(200, g) : json(404, { error: { code: "not_found", message: "gone" } });
      }
      if (url === "/api/generate" && method === "POST") {
        const g = gen("g2", { status: "queued", progress: 0, startedAt: null, createdAt: "2025-01-01T00:05:00Z" });
        server.generations.set("g2", g);
        const { images: _images, ...row } = g;
        return json(202, row);
      }
      return json(404, { error: { code: "not_found", message: "not here" } });
    }),
  );
});

const dom = mountEach(() => {
  resetConnection();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function render(generations: GenerationWithImages[]) {
  await act(async () =>
    dom.root.render(
      <>
        <Studio catalog={catalog} initial={{ detail: detail(generations), versionId: "v1" }} />
        <ConnectionStatus />
      </>,
    ),
  );
}
async function wait(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}
const text = () => dom.host.textContent ?? "";
const count = (needle: string) => text().split(needle).length - 1;
const cards = () => [...dom.host.querySelectorAll("article")];
function button(name: string, within: ParentNode = dom.host): HTMLButtonElement | undefined {
  return [...within.querySelectorAll("button")].find((b) => (b.textContent ?? "").trim() === name);
}
const status = () => dom.host.querySelector('[role="status"][aria-live="polite"][aria-atomic="true"]');

describe("Studio, when the server goes away mid-generation", () => {
  it("notices within 2 s, says it once, and the card stops claiming live progress", async () => {
    server.generations.set("g1", gen("g1"));
    await render([gen("g1")]);
    const [first] = FakeEventSource.for("g1");
    await act(async () => first?.send("progress", { progress: 0.75 }));
    expect(cards()[0]?.textContent).toContain("Generating… 75%");
    expect(button("Cancel", cards()[0] as HTMLElement)?.disabled).toBe(false);

    server.up = false;
    await act(async () => first?.drop());
    await wait(2000);
    expect(status()?.textContent).toBe("Connection lost. Reconnecting…");
    expect(count("Connection lost. Reconnecting…")).toBe(1);
    const card = cards()[0] as HTMLElement;
    expect(card.textContent).toContain("Connection lost — waiting for the server");
    expect(card.textContent).not.toContain("Generating… 75%");
    expect(button("Cancel", card)?.disabled).toBe(true);
    expect(card.querySelector('[role="progressbar"]')?.getAttribute("aria-valuetext")).toBe(
      "Connection lost — waiting for the server",
    );

    // Half a minute of a dead server: still one message, and never "Failed".
    await wait(30_000);
    expect(count("Connection lost. Reconnecting…")).toBe(1);
    expect(text()).not.toMatch(/Failed|could not be reached/);
    expect(dom.host.querySelectorAll('[role="alert"]')).toHaveLength(0);
  });

  it("never marks a generation failed because its stream dropped, however long the server stays away", async () => {
    server.generations.set("g1", gen("g1", { progress: 0.75 }));
    await render([gen("g1", { progress: 0.75 })]);
    server.up = false;
    await act(async () => FakeEventSource.for("g1")[0]?.drop());
    await wait(60_000);
    const card = cards()[0] as HTMLElement;
    expect(card.getAttribute("aria-busy")).toBe("true");
    expect(card.textContent).not.toContain("Failed");
    expect(card.querySelector('[role="alert"]')).toBeNull();
    expect(button("Retry", card)).toBeUndefined();
  });

  it("reconnects with backoff (0.5 s doubling to 5 s), then shows what the server says: interrupted, with Retry", async () => {
    server.generations.set("g1", gen("g1", { progress: 0.75 }));
    await render([gen("g1", { progress: 0.75 })]);
    server.up = false;
    const down = Date.now();
    await act(async () => FakeEventSource.for("g1")[0]?.drop());
    await wait(12_600);
    const probes = server.calls.filter((c) => c.url === "/api/health").length;
    // At 0, 0.5, 1.5, 3.5, 7.5 and 12.5 s (jitter pinned to the middle).
    expect(probes).toBe(6);
    expect(Date.now() - down).toBe(12_600);

    // The server restarted: the running job was interrupted, and says so.
    server.generations.set(
      "g1",
      gen("g1", {
        status: "failed",
        progress: 0.75,
        error: { code: "interrupted", message: "Interrupted: the server restarted while this was running." },
        finishedAt: "2025-01-01T00:02:00Z",
      }),
    );
    server.up = true;
    await wait(5000);
    expect(status()?.textContent).toBe("Reconnected.");
    const card = cards()[0] as HTMLElement;
    expect(card.textContent).toContain("Interrupted: the server restarted while this was running.");
    expect(card.textContent).not.toContain("Failed");
    expect(text()).not.toContain("Connection lost");
    const retry = button("Retry", card);
    expect(retry).toBeDefined();
    expect(retry?.disabled).toBe(false);

    // Retry posts the same version, backend and parameters; the new generation comes in at the top.
    await act(async () => retry?.click());
    await wait(0);
    const posted = server.calls.filter((c) => c.url === "/api/generate");
    expect(posted).toEqual([
      {
        url: "/api/generate",
        method: "POST",
        body: { promptId: "v1", backend: "offline", params: { size: "512x512", n: 1, seed: 42 } },
      },
    ]);
    expect(cards()).toHaveLength(2);
    expect(cards()[0]?.textContent).toContain("Queued");
    expect(cards()[1]?.textContent).toContain("Interrupted");
    expect(FakeEventSource.for("g2")).toHaveLength(1);

    // "Reconnected" goes quietly after a moment.
    await wait(5000);
    expect(status()?.textContent).toBe("");
  });

  it("resumes following a generation that is still running after the reconnect", async () => {
    server.generations.set("g1", gen("g1", { progress: 0.5 }));
    await render([gen("g1", { progress: 0.5 })]);
    server.up = false;
    await act(async () => FakeEventSource.for("g1")[0]?.drop());
    await wait(1000);
    expect(cards()[0]?.textContent).toContain("Connection lost — waiting for the server");

    server.generations.set("g1", gen("g1", { progress: 0.8 }));
    server.up = true;
    await wait(1000);
    const streams = FakeEventSource.for("g1");
    expect(streams).toHaveLength(2);
    expect(streams[0]?.closed).toBe(true);
    const card = cards()[0] as HTMLElement;
    expect(card.textContent).toContain("Generating… 80%");
    expect(button("Cancel", card)?.disabled).toBe(false);

    await act(async () =>
      streams[1]?.send("done", gen("g1", { status: "succeeded", progress: 1, durationMs: 4200, images: [] })),
    );
    expect(cards()[0]?.textContent).toContain("Done in 4.2 s");
    expect(button("Retry", cards()[0] as HTMLElement)).toBeUndefined();
  });

  it("a stream that drops while the server still answers is followed again without a word", async () => {
    server.generations.set("g1", gen("g1", { progress: 0.3 }));
    await render([gen("g1", { progress: 0.3 })]);
    await act(async () => FakeEventSource.for("g1")[0]?.drop());
    await wait(100);
    expect(FakeEventSource.for("g1")).toHaveLength(2);
    expect(status()?.textContent).toBe("");
    expect(cards()[0]?.textContent).toContain("Generating… 30%");
  });

  it("a Generate that cannot reach the server shows one banner, said once, gone when the server is back", async () => {
    await render([]);
    server.up = false;
    await act(async () => button("Generate")?.click());
    await wait(100);
    const alerts = [...dom.host.querySelectorAll('[role="alert"]')];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textContent).toBe("Generate failed: The server could not be reached. Check that it is running.");
    expect(count("could not be reached")).toBe(1);
    expect(status()?.textContent).toBe("Connection lost. Reconnecting…");

    server.up = true;
    await wait(1000);
    expect(status()?.textContent).toBe("Reconnected.");
    expect(dom.host.querySelectorAll('[role="alert"]')).toHaveLength(0);
    expect(text()).not.toContain("could not be reached");
  });

  it("a refinement cut off by a dead server says so once, as a lost connection (not a page bug)", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await render([]);
    server.refine = () => {
      // The first words arrive, then the server dies: the stream's read fails.
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('event: delta\ndata: {"text":"A paper boat"}\n\n'));
          setTimeout(() => {
            server.up = false;
            c.error(new TypeError("network error"));
          }, 50);
        },
      });
      return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
    };
    const idea = dom.host.querySelector("textarea") as HTMLTextAreaElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set?.call(idea, "a paper boat");
      idea.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button("Refine")?.click());
    await wait(200);
    const alerts = [...dom.host.querySelectorAll('[role="alert"]')];
    expect(alerts.map((a) => a.textContent)).toEqual([
      "Refine failed: The server could not be reached. Check that it is running.",
    ]);
    expect(status()?.textContent).toBe("Connection lost. Reconnecting…");
    expect(text()).not.toContain("Something went wrong in this page");
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
