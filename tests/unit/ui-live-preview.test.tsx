// @vitest-environment jsdom
import { act } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetConnection } from "@/lib/client/connection";
import type { GenerationWithImages, IdeaDetail, Image } from "@/lib/schemas/entities";
import { mountEach } from "./harness/dom";
import { FakeEventSource } from "./harness/event-source";
import { offlineCatalog as catalog, promptVersion } from "./harness/fixtures";
import { jsonResponse as json, Studio } from "./harness/studio";

/**
 * Issue 12 §6: while an image is made, its result card shows the backend's latest live frame
 * (from `event: preview` on the generation's stream) with its progress in words, and drops it
 * when the image arrives, or when the generation fails.
 */

const PROMPT = "A paper boat on a still pond, morning mist.";
const v1 = promptVersion({ prompt: PROMPT, title: "Boat" });
const FRAME = { mime: "image/webp", data: "UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=" };

const gen = (extra: Partial<GenerationWithImages> = {}): GenerationWithImages => ({
  id: "g1",
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  model: "sketch",
  params: { size: "512x512", n: 1, seed: 42 },
  status: "running",
  progress: 0.1,
  error: null,
  createdAt: "2025-01-01T00:01:00Z",
  startedAt: "2025-01-01T00:01:00Z",
  finishedAt: null,
  durationMs: null,
  images: [],
  ...extra,
});

const image: Image = {
  id: "img1",
  generationId: "g1",
  promptId: "v1",
  ideaId: "i1",
  backend: "offline",
  width: 512,
  height: 512,
  seed: 42,
  mime: "image/png",
  byteSize: 1234,
  favorite: false,
  createdAt: "2025-01-01T00:01:05Z",
  prompt: PROMPT,
};

const detail = (generations: GenerationWithImages[]): IdeaDetail => ({
  idea: { id: "i1", text: "a paper boat on a pond", title: "Boat", createdAt: v1.createdAt },
  versions: [v1],
  generations,
  library: [],
  comparisons: [],
});

beforeEach(() => {
  resetConnection({ random: () => 0.5 });
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal("matchMedia", (query: string) => ({ matches: false, media: query }));
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => json(404, { error: { code: "not_found", message: "not here" } })),
  );
});

const dom = mountEach(() => {
  resetConnection();
  vi.unstubAllGlobals();
});

async function render() {
  await act(async () =>
    dom.root.render(<Studio catalog={catalog} initial={{ detail: detail([gen()]), versionId: "v1" }} />),
  );
}
async function send(event: string, data: unknown) {
  const stream = FakeEventSource.for("g1").at(-1);
  if (!stream) throw new Error("the card does not follow g1");
  await act(async () => stream.send(event, data));
}
const images = () => [...dom.host.querySelectorAll("article img")] as HTMLImageElement[];
const preview = () => images().find((i) => i.alt.startsWith("Preview"));

describe("a live preview in the result card", () => {
  it("shows the latest frame with its progress in words, then gives way to the image", async () => {
    await render();
    expect(preview()).toBeUndefined();

    await send("progress", { progress: 0.4 });
    await send("preview", FRAME);
    expect(preview()?.alt).toBe("Preview, 40%");
    expect(preview()?.getAttribute("src")).toBe(`data:image/webp;base64,${FRAME.data}`);

    await send("progress", { progress: 0.75 });
    await send("preview", { ...FRAME, data: `${FRAME.data}x` });
    expect(preview()?.alt).toBe("Preview, 75%");
    expect(preview()?.getAttribute("src")).toBe(`data:image/webp;base64,${FRAME.data}x`);
    expect(images()).toHaveLength(1);

    await send("image", image);
    await send("done", gen({ status: "succeeded", progress: 1, images: [image], durationMs: 5000 }));
    expect(preview()).toBeUndefined();
    expect(images().map((i) => i.alt)).toEqual([PROMPT]);
  });

  it("drops the frame when the generation fails, and ignores frames that are not images", async () => {
    await render();
    await send("preview", { mime: "text/html", data: "PGgxPg==" });
    expect(preview()).toBeUndefined();
    await send("preview", FRAME);
    expect(preview()?.alt).toBe("Preview, 10%");

    const failed = gen({ status: "failed", error: { code: "backend_error", message: "Out of memory." } });
    await send("error", { error: failed.error, generation: failed });
    expect(preview()).toBeUndefined();
    expect(images()).toHaveLength(0);
  });

  it("drops the frame when the generation is canceled", async () => {
    await render();
    await send("preview", FRAME);
    expect(preview()).toBeDefined();
    await send("generation", gen({ status: "canceled", finishedAt: "2025-01-01T00:01:03Z" }));
    expect(preview()).toBeUndefined();
    await send("done", gen({ status: "canceled", finishedAt: "2025-01-01T00:01:03Z" }));
    expect(preview()).toBeUndefined();
    expect(dom.host.textContent).toContain("Canceled");
  });

  it("drops the frame of an attempt that failed and will be tried again", async () => {
    await render();
    await send("preview", FRAME);
    expect(preview()).toBeDefined();
    await send("retry", { attempt: 1, delayMs: 1000, reason: "the server is busy" });
    expect(preview()).toBeUndefined();
    expect(dom.host.textContent).toContain("Attempt 1 failed");
  });
});
