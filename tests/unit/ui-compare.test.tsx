// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Comparison, GenerationWithImages, Image, PromptVersion } from "@/lib/schemas/entities";

const router = vi.hoisted(() => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router, usePathname: () => "/" }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { CompareButton, compareBlocker } = await import("@/components/compare/compare-button");
const { CompareBackendsButton } = await import("@/components/compare/compare-backends-button");
const { ComparisonGrid } = await import("@/components/compare/comparison-grid");
const { ComparisonList } = await import("@/components/compare/comparison-list");
const { PromptDiff } = await import("@/components/compare/prompt-diff");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Call = { url: string; method: string; body: unknown };
function mockFetch(answer: (url: string, call: Call) => [number, unknown]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const [status, body] = answer(url, call);
      return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
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

function button(name: string, within: ParentNode = host): HTMLButtonElement {
  const b = [...within.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}
/** The button's description, as aria-describedby gives it to a screen reader. */
const description = (el: Element) =>
  (el.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

const comparison: Comparison = {
  id: "c1",
  ideaId: "i1",
  kind: "versions",
  seed: 123456,
  params: { size: "1024x1024" },
  title: "Comparison of v1, v2",
  cells: [],
  createdAt: "2025-01-03T10:00:00Z",
};

describe("CompareButton", () => {
  it("says why it is disabled unless 2 to 4 versions are selected", async () => {
    expect(compareBlocker(2)).toBeNull();
    expect(compareBlocker(4)).toBeNull();
    for (const [ids, reason] of [
      [[], /Select 2 to 4 versions/],
      [["a"], /at least one more/],
      [["a", "b", "c", "d", "e"], /At most 4/],
    ] as const) {
      await act(async () => root.render(<CompareButton ideaId="i1" versionIds={[...ids]} backend="offline" />));
      const b = button("Compare images");
      expect(b.disabled).toBe(true);
      expect(description(b)).toMatch(reason);
    }
    await act(async () => root.render(<CompareButton ideaId="i1" versionIds={["a", "b"]} backend="offline" />));
    expect(button("Compare images").disabled).toBe(false);
  });

  it("posts the versions, backend and parameters (less the image count) and opens the comparison", async () => {
    const calls = mockFetch(() => [201, comparison]);
    await act(async () =>
      root.render(
        <CompareButton
          ideaId="i1"
          versionIds={["v1", "v2"]}
          backend="offline"
          params={{ size: "1024x1024", n: 4, seed: 7, steps: undefined }}
        />,
      ),
    );
    await act(async () => button("Compare images").click());
    expect(calls).toEqual([
      {
        url: "/api/comparisons",
        method: "POST",
        body: { versionIds: ["v1", "v2"], backend: "offline", params: { size: "1024x1024", seed: 7 } },
      },
    ]);
    expect(router.push).toHaveBeenCalledWith("/compare/c1");
  });

  it("shows an error and can be pressed again", async () => {
    mockFetch(() => [503, { error: { code: "backend_unavailable", message: "OpenAI Images is not set up." } }]);
    await act(async () => root.render(<CompareButton ideaId="i1" versionIds={["v1", "v2"]} backend="openai" />));
    await act(async () => button("Compare images").click());
    expect(host.querySelector('[role="alert"]')?.textContent).toMatch(/Compare failed.*not set up/);
    expect(button("Compare images").disabled).toBe(false);
    expect(router.push).not.toHaveBeenCalled();
  });
});

describe("CompareBackendsButton", () => {
  const backends = [
    { id: "offline", label: "Offline sketch (no model)", capabilities: { sizes: ["1024x1024", "512x512"] } },
    { id: "automatic1111", label: "AUTOMATIC1111", capabilities: { sizes: ["512x512"] } },
    { id: "comfyui", label: "ComfyUI", capabilities: { sizes: ["512x512", "1024x1024"] } },
  ];

  it("is disabled, with the reason, when fewer than two backends are set up", async () => {
    await act(async () =>
      root.render(<CompareBackendsButton ideaId="i1" versionId="v1" backends={backends.slice(0, 1)} />),
    );
    const b = button("Compare backends");
    expect(b.disabled).toBe(true);
    expect(description(b)).toMatch(/Needs 2 or more backends set up; only Offline sketch \(no model\) is/);
  });

  it("picks 2–4 backends in a dialog and posts one version on them with a size they all take", async () => {
    const calls = mockFetch(() => [201, { ...comparison, kind: "backends" }]);
    await act(async () =>
      root.render(
        <CompareBackendsButton
          ideaId="i1"
          versionId="v1"
          backends={backends}
          params={{ seed: 42, size: "512x512", steps: 20, n: 2 }}
        />,
      ),
    );
    await act(async () => button("Compare backends").click());
    const dialog = host.querySelector("dialog");
    expect(dialog?.open).toBe(true);
    const boxes = [...(dialog?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    expect(boxes.map((b) => [document.querySelector(`label[for="${b.id}"]`)?.textContent, b.checked])).toEqual([
      ["Offline sketch (no model)", true],
      ["AUTOMATIC1111", true],
      ["ComfyUI", true],
    ]);
    // Down to one: the submit is disabled and says why.
    await act(async () => boxes[1]?.click());
    await act(async () => boxes[2]?.click());
    expect(button("Compare images", dialog ?? host).disabled).toBe(true);
    expect(dialog?.textContent).toContain("Pick at least 2.");
    await act(async () => boxes[1]?.click());
    await act(async () => button("Compare images", dialog ?? host).click());
    expect(calls[0]).toEqual({
      url: "/api/comparisons",
      method: "POST",
      body: { versionId: "v1", backends: ["offline", "automatic1111"], params: { seed: 42, size: "512x512" } },
    });
    expect(router.push).toHaveBeenCalledWith("/compare/c1");
  });
});

const image = (id: string, generationId: string, seed: number | null, prompt: string): Image => ({
  id,
  generationId,
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  width: 1024,
  height: 1024,
  seed,
  mime: "image/png",
  byteSize: 1000,
  favorite: false,
  createdAt: "2025-01-03T10:00:01Z",
  prompt,
});
const generation = (id: string, over: Partial<GenerationWithImages>): GenerationWithImages => ({
  id,
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  model: "sketch",
  params: { size: "1024x1024", n: 1, seed: 123456 },
  status: "queued",
  progress: 0,
  error: null,
  createdAt: "2025-01-03T10:00:00Z",
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  images: [],
  ...over,
});
const versionOf = (id: string, prompt: string): PromptVersion => ({
  id,
  ideaId: "i1",
  parentId: null,
  source: "refine",
  instruction: null,
  prompt,
  negativePrompt: null,
  style: null,
  dialect: "prose",
  refiner: "offline",
  model: "offline",
  title: id,
  notes: [],
  parts: null,
  locks: [],
  direction: null,
  approvedAt: null,
  checks: [],
  createdAt: "2025-01-01T00:00:00Z",
});

describe("ComparisonGrid", () => {
  const cells = ["g-done", "g-queued", "g-running", "g-failed"].map((generationId, position) => ({
    position,
    label: `v${position + 1} · Offline sketch`,
    versionId: `v${position + 1}`,
    backend: "offline",
    generationId,
  }));
  const versions = cells.map((c) => versionOf(c.versionId, `prompt of ${c.versionId}`));

  it("draws each cell in its state: image with its seed, queued, running with progress, failed with the reason", async () => {
    // No EventSource in jsdom: the follower polls; keep every unfinished one where it is.
    mockFetch((url) => {
      const id = decodeURIComponent(url.split("/")[3] ?? "");
      const g = generations.find((x) => x.id === id);
      return g ? [200, g] : [404, { error: { code: "not_found", message: "gone" } }];
    });
    const generations = [
      generation("g-done", {
        status: "succeeded",
        progress: 1,
        durationMs: 900,
        images: [image("img1", "g-done", 123456, "prompt of v1")],
      }),
      generation("g-queued", { status: "queued" }),
      generation("g-running", { status: "running", progress: 0.4 }),
      generation("g-failed", {
        status: "failed",
        error: { code: "timeout", message: "the backend timed out after 60 s" },
      }),
    ];
    await act(async () =>
      root.render(<ComparisonGrid cells={cells} generations={generations} versions={versions} size="1024x1024" />),
    );
    const region = host.querySelector('section[aria-label="Comparison"]');
    expect(region).not.toBeNull();
    expect(region?.querySelector("ul")?.className).toMatch(/grid-cols-2 lg:grid-cols-4/);
    const items = [...(region?.querySelectorAll("li") ?? [])];
    expect(items.map((li) => li.querySelector("h3")?.textContent)).toEqual(cells.map((c) => c.label));

    const [done, queued, running, failed] = items;
    const img = done?.querySelector("img");
    expect(img?.getAttribute("alt")).toBe("prompt of v1");
    expect(img?.getAttribute("src")).toBe("/api/images/img1/file");
    expect(done?.textContent).toContain("Seed 123456");
    expect(done?.querySelector('[role="progressbar"]')).toBeNull();

    expect(queued?.querySelector("img")).toBeNull();
    expect(queued?.textContent).toContain("Queued");
    expect(queued?.textContent).not.toContain("Seed");
    expect(queued?.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")).toBe("0");

    expect(running?.textContent).toContain("Generating… 40%");
    expect(running?.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")).toBe("40");

    expect(failed?.querySelector('[role="alert"]')?.textContent).toBe("Failed: the backend timed out after 60 s");
    expect(failed?.querySelector("img")).toBeNull();
  });

  it("follows an unfinished cell until its image arrives", async () => {
    let polls = 0;
    mockFetch(() => {
      polls++;
      return [
        200,
        polls < 2
          ? generation("g1", { status: "running", progress: 0.5 })
          : generation("g1", {
              status: "succeeded",
              progress: 1,
              images: [image("img9", "g1", 777, "prompt of v1")],
            }),
      ];
    });
    const two = [
      { position: 0, label: "v1 · Offline sketch", versionId: "v1", backend: "offline", generationId: "g1" },
      { position: 1, label: "v2 · Offline sketch", versionId: "v2", backend: "offline", generationId: "g2" },
    ];
    await act(async () =>
      root.render(
        <ComparisonGrid
          cells={two}
          generations={[
            generation("g1", { status: "queued" }),
            generation("g2", { status: "succeeded", images: [image("img2", "g2", 777, "prompt of v2")] }),
          ]}
          versions={versions}
          size="1024x1024"
        />,
      ),
    );
    expect(host.querySelector("ul")?.className).toMatch(/^grid .*grid-cols-2$/);
    expect(host.querySelectorAll("img")).toHaveLength(1);
    // The follower polls once a second (no EventSource in jsdom): let two polls happen inside act.
    await act(async () => {
      await vi.waitFor(() => expect(polls).toBeGreaterThanOrEqual(2), { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(host.querySelectorAll("img")).toHaveLength(2);
    const seeds = [...host.querySelectorAll("li")].map((li) => /Seed (\d+)/.exec(li.textContent ?? "")?.[1]);
    expect(seeds).toEqual(["777", "777"]);
  });
});

describe("ComparisonList and PromptDiff", () => {
  it("lists saved comparisons as links with their time", async () => {
    await act(async () =>
      root.render(
        <ComparisonList
          comparisons={[
            {
              ...comparison,
              title: "v1 vs v2 · Offline sketch (no model)",
              cells: [
                {
                  position: 0,
                  label: "v1 · Offline sketch (no model)",
                  versionId: "v1",
                  backend: "offline",
                  generationId: "a",
                },
                {
                  position: 1,
                  label: "v2 · Offline sketch (no model)",
                  versionId: "v2",
                  backend: "offline",
                  generationId: "b",
                },
              ],
            },
            {
              ...comparison,
              id: "c3",
              kind: "backends",
              title: "v1 on Offline sketch (no model) vs AUTOMATIC1111",
              cells: [],
            },
            {
              ...comparison,
              id: "c2",
              title: "",
              cells: [
                { position: 1, label: "v3", versionId: "v3", backend: "offline", generationId: "g" },
                { position: 0, label: "v1", versionId: "v1", backend: "offline", generationId: "h" },
              ],
            },
          ]}
        />,
      ),
    );
    const links = [...host.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toEqual([
      ["Comparison of v1, v2", "/compare/c1"],
      ["Comparison of v1 on Offline sketch (no model) vs AUTOMATIC1111", "/compare/c3"],
      ["Comparison of v1, v3", "/compare/c2"],
    ]);
    expect(host.querySelector("time")?.getAttribute("datetime")).toBe(comparison.createdAt);
    expect(host.querySelector("li")?.textContent).toContain("2 versions on Offline sketch (no model) · seed 123456");
  });

  it("marks added and removed words against the first prompt, in words too", async () => {
    await act(async () =>
      root.render(
        <PromptDiff
          items={[
            { id: "v1", label: "v1", prompt: "A fox in the snow at dawn." },
            { id: "v2", label: "v2", prompt: "A fox in the snow at night, moonlit." },
          ]}
        />,
      ),
    );
    const ins = [...host.querySelectorAll("ins")].map((e) => e.textContent);
    const del = [...host.querySelectorAll("del")].map((e) => e.textContent);
    expect(ins.some((t) => t?.includes("[added: ") && t.includes("night"))).toBe(true);
    expect(del.some((t) => t?.includes("[removed: ") && t.includes("dawn"))).toBe(true);
    expect(host.textContent).toContain("compared with v1");
  });
});
