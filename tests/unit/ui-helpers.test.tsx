import { describe, expect, it, vi } from "vitest";
import { errorFromBody } from "@/lib/client/api-error";
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatSize,
  generationStatusText,
  backendLabel,
} from "@/lib/client/format";
import { streamRefine } from "@/lib/client/refine-stream";
import { versionNumbers, versionTree } from "@/lib/client/versions";
import type { PromptVersion } from "@/lib/schemas/entities";

const version = (id: string, parentId: string | null, at: string): PromptVersion => ({
  id,
  ideaId: "idea1",
  parentId,
  source: "refine",
  instruction: parentId ? "more" : null,
  prompt: `prompt ${id}`,
  negativePrompt: null,
  style: null,
  dialect: "prose",
  refiner: "offline",
  model: "offline",
  title: "t",
  notes: [],
  parts: null,
  locks: [],
  direction: null,
  approvedAt: null,
  checks: [],
  createdAt: at,
});

describe("format helpers", () => {
  it("formats deterministically, in UTC", () => {
    expect(formatDateTime("2025-11-26T07:05:09.000Z")).toBe("26 Nov 2025, 07:05 UTC");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(38_000)).toBe("38 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
    expect(formatSize("1024x768")).toBe("1024 × 768");
    expect(formatCount(32000)).toBe("32,000");
    expect(backendLabel("offline")).toBe("Offline sketch (no model)");
  });

  it("says generation status in words", () => {
    const g = { status: "running" as const, progress: 0.4, error: null, durationMs: null };
    expect(generationStatusText(g)).toBe("Generating… 40%");
    expect(generationStatusText({ ...g, status: "queued", ahead: 2 })).toBe("Queued (2 ahead)");
    expect(generationStatusText({ ...g, status: "succeeded", durationMs: 4200 })).toBe("Done in 4.2 s");
    expect(
      generationStatusText({
        ...g,
        status: "failed",
        error: { code: "timeout", message: "the backend timed out after 60 s" },
      }),
    ).toBe("Failed: the backend timed out after 60 s");
  });

  it("numbers versions by creation and nests them under their parents", () => {
    const vs = [
      version("c", "a", "2025-01-01T00:00:03Z"),
      version("a", null, "2025-01-01T00:00:01Z"),
      version("b", "a", "2025-01-01T00:00:02Z"),
      version("d", "b", "2025-01-01T00:00:04Z"),
    ];
    expect([...versionNumbers(vs)]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
    ]);
    const tree = versionTree(vs);
    expect(tree.map((n) => n.version.id)).toEqual(["a"]);
    expect(tree[0]?.children.map((n) => n.version.id)).toEqual(["b", "c"]);
    expect(tree[0]?.children[0]?.children.map((n) => n.version.id)).toEqual(["d"]);
  });

  it("reads error bodies, falling back on the status", () => {
    expect(errorFromBody({ error: { code: "rate_limited", message: "Slow down." } }, 429)).toMatchObject({
      code: "rate_limited",
      message: "Slow down.",
    });
    expect(errorFromBody("nonsense", 503).code).toBe("backend_unavailable");
  });
});

function sse(chunks: string[], init: ResponseInit = {}) {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" }, ...init });
}

describe("streamRefine", () => {
  it("grows the prompt from delta events, honours reset, and returns the saved version", async () => {
    const v = version("v1", null, "2025-01-01T00:00:00Z");
    const fetchMock = vi.fn(async () =>
      sse([
        'event: delta\ndata: {"text":"a fox"}\n\n',
        'event: delta\ndata: {"text":" in the',
        ' snow"}\n\n',
        'event: delta\ndata: {"text":"A fox in snow","reset":true}\n\n',
        ": keep-alive\n\n",
        `event: version\ndata: ${JSON.stringify(v)}\n\n`,
      ]),
    );
    vi.stubGlobal("fetch", fetchMock);
    let prompt = "";
    const seen: string[] = [];
    const got = await streamRefine(
      { idea: "fox" },
      {
        signal: new AbortController().signal,
        onDelta: (d) => {
          prompt = d.reset ? d.text : prompt + d.text;
          seen.push(prompt);
        },
      },
    );
    expect(seen).toEqual(["a fox", "a fox in the snow", "A fox in snow"]);
    expect(got).toEqual({ kind: "one", version: v });
    vi.unstubAllGlobals();
  });

  it("throws the error event's error, and JSON errors sent before the stream", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => sse(['event: error\ndata: {"error":{"code":"refused","message":"The model refused."}}\n\n'])),
    );
    await expect(
      streamRefine({ idea: "x" }, { signal: new AbortController().signal, onDelta: () => {} }),
    ).rejects.toMatchObject({
      code: "refused",
      message: "The model refused.",
    });
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "invalid_request", message: "the idea is empty" } }), {
            status: 400,
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );
    await expect(
      streamRefine({ idea: "" }, { signal: new AbortController().signal, onDelta: () => {} }),
    ).rejects.toMatchObject({
      code: "invalid_request",
    });
    vi.unstubAllGlobals();
  });
});
