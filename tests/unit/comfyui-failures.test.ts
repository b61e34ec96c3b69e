import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createComfyuiBackend } from "@/lib/backends/comfyui";
import defaultWorkflow from "@/lib/backends/comfyui/default-workflow.json";
import { comfyEndpoint, endpointUrl, socketUrl } from "@/lib/backends/comfyui/endpoint";
import type { GenerateRequest } from "@/lib/backends/types";
import { resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";

let fake: FakeComfyUI;
const backend = createComfyuiBackend({ pollMs: 20, quietMs: 2_000, socketOpenMs: 2_000 });
const tmp = mkdtempSync(path.join(tmpdir(), "comfyui-failures-"));

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a lighthouse at dusk",
  size: "512x512",
  n: 1,
  steps: 12,
  checkpoint: "v1-5-pruned-emaonly.safetensors",
  ...over,
});

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

const run = (req: GenerateRequest = request(), onProgress?: (f: number) => void) =>
  backend.generate(req, { signal: new AbortController().signal, onProgress });

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  fake = await startFakeComfyUI({ port: 0, stepMs: 10 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  configure({ COMFYUI_URL: fake.url, COMFYUI_WORKFLOW: undefined });
});

describe("execution errors", () => {
  it("execution_error → backend_error naming the node type and ComfyUI's message", async () => {
    fake.setMode({ mode: "executionError", times: 1 });
    const e = await failure(run());
    expect(e.code).toBe("backend_error");
    expect(e.message).toBe(
      "ComfyUI failed in KSampler: mat1 and mat2 shapes cannot be multiplied (154x2048 and 768x320)",
    );
    expect(e.details).toMatchObject({ nodeType: "KSampler", exceptionType: "RuntimeError" });
    expect(e.retryable).toBe(false);
    // Used up: the next one works.
    expect(await run()).toHaveLength(1);
  });

  it("out of GPU memory → a short backend_error with a hint, not ComfyUI's whole tip text", async () => {
    fake.setMode({ mode: "oom", times: 1 });
    const e = await failure(run());
    expect(e.code).toBe("backend_error");
    expect(e.message).toBe("ComfyUI ran out of GPU memory in KSampler; try a smaller size or fewer images.");
  });

  it("bytes that are not an image → backend_error", async () => {
    fake.setMode({ mode: "notImage", times: 1 });
    const e = await failure(run());
    expect(e.code).toBe("backend_error");
    expect(e.message).toContain("not an image");
  });

  it("a graph ComfyUI rejects (400 with node_errors) → a short backend_error naming node and reason", async () => {
    const graph = structuredClone(defaultWorkflow) as Record<string, { inputs: Record<string, unknown> }>;
    if (graph["3"]) graph["3"].inputs.scheduler = "sideways";
    const file = path.join(tmp, "bad-scheduler.json");
    writeFileSync(file, JSON.stringify(graph));
    configure({ COMFYUI_WORKFLOW: file });
    const e = await failure(run());
    expect(e.code).toBe("backend_error");
    expect(e.message).toMatch(
      /^ComfyUI rejected the workflow: KSampler #3: Value not in list: scheduler: 'sideways' not in \[/,
    );
    expect(e.message.length).toBeLessThanOrEqual(240);
  });

  it("a checkpoint the server does not have → backend_error naming it", async () => {
    const e = await failure(run(request({ checkpoint: "dreamshaper_8.safetensors" })));
    expect(e.code).toBe("backend_error");
    expect(e.message).toBe('ComfyUI has no checkpoint named "dreamshaper_8.safetensors".');
  });
});

describe("someone else acting on ComfyUI", () => {
  it("an interrupt from elsewhere (ComfyUI's own Cancel button) → backend_error, not a cancel", async () => {
    let interrupted = false;
    const e = await failure(
      run(request({ steps: 30 }), (f) => {
        if (f > 0.2 && !interrupted) {
          interrupted = true;
          void fetch(`${fake.url}/interrupt`, { method: "POST" });
        }
      }),
    );
    expect(e.code).toBe("backend_error");
    expect(e.message).toContain("interrupted on the ComfyUI server");
  });

  it("a queue cleared under our waiting prompt → backend_error once a quiet check sees it gone", async () => {
    const impatient = createComfyuiBackend({ pollMs: 20, quietMs: 100 });
    const pending = async () =>
      (await (await fetch(`${fake.url}/queue`)).json()) as { queue_running: unknown[]; queue_pending: unknown[] };
    const first = run(request({ steps: 40 }));
    await expect.poll(async () => (await pending()).queue_running).toHaveLength(1);
    const second = impatient.generate(request({ prompt: "the second", steps: 3 }), {
      signal: new AbortController().signal,
    });
    await expect.poll(async () => (await pending()).queue_pending).toHaveLength(1);
    await fetch(`${fake.url}/queue`, { method: "POST", body: JSON.stringify({ clear: true }) });
    const e = await failure(second);
    expect(e.code).toBe("backend_error");
    expect(e.message).toContain("left ComfyUI's queue");
    expect(await first).toHaveLength(1);
  });
});

describe("the websocket", () => {
  it("when it drops mid-run, the backend polls /history and still returns the images", async () => {
    fake.setMode({ mode: "dropSocket", times: 1 });
    const seen: number[] = [];
    const images = await run(request({ steps: 20, n: 2 }), (f) => seen.push(f));
    expect(images).toHaveLength(2);
    expect(images.every((i) => i.width === 512 && i.height === 512)).toBe(true);
    const log = fake.requests();
    // Polling: history read again and again, and the queue checked while history is empty.
    expect(log.filter((r) => r.path.startsWith("/history/")).length).toBeGreaterThan(2);
    expect(log.some((r) => r.method === "GET" && r.path === "/queue")).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });

  it("when /ws cannot be opened at all (a proxy without websockets), polling does the whole job", async () => {
    fake.setMode({ mode: "unavailable500", times: 1 }); // only the /ws upgrade fails
    const images = await run(request({ steps: 5 }));
    expect(images).toHaveLength(1);
    const log = fake.requests();
    expect(log[0]?.websocket).toBe(true);
    expect(log.filter((r) => r.path.startsWith("/history/")).length).toBeGreaterThan(1);
  });
});

describe("an unreachable or failing server", () => {
  it("nothing listening → backend_unavailable naming host:port, retryable", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    configure({ COMFYUI_URL: `http://127.0.0.1:${port}` });
    const e = await failure(run(request({ checkpoint: undefined })));
    expect(e.code).toBe("backend_unavailable");
    expect(e.message).toBe(`ComfyUI is not reachable at 127.0.0.1:${port}.`);
    expect(e.retryable).toBe(true);
    const listed = await failure(
      backend.listCheckpoints?.({ signal: new AbortController().signal }) ?? Promise.resolve(),
    );
    expect(listed.code).toBe("backend_unavailable");
    // With a checkpoint named, the websocket is the first contact; refused there too.
    const viaSocket = await failure(run(request({ checkpoint: "v1-5-pruned-emaonly.safetensors" })));
    expect(viaSocket.message).toBe(`ComfyUI is not reachable at 127.0.0.1:${port}.`);
  });

  it("HTTP 500 from ComfyUI → backend_error, retryable", async () => {
    fake.setMode({ mode: "unavailable500" });
    const e = await failure(run(request({ checkpoint: undefined })));
    expect(e.code).toBe("backend_error");
    expect(e.message).toContain("HTTP 500");
    expect(e.retryable).toBe(true);
  });

  it("not configured → backend_unavailable naming COMFYUI_URL", async () => {
    configure({ COMFYUI_URL: undefined });
    const e = await failure(run());
    expect(e.code).toBe("backend_unavailable");
    expect(e.message).toContain("COMFYUI_URL");
  });

  it("credentials in COMFYUI_URL go as Basic auth on HTTP and /ws, and never into messages", async () => {
    const withAuth = new URL(fake.url);
    withAuth.username = "user";
    withAuth.password = "s3cret";
    configure({ COMFYUI_URL: withAuth.toString() });
    expect(await run(request({ steps: 2 }))).toHaveLength(1);
    const expected = `Basic ${Buffer.from("user:s3cret").toString("base64")}`;
    const log = fake.requests();
    expect(log.length).toBeGreaterThan(3);
    for (const r of log) expect(r.headers.authorization).toBe(expected);

    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    configure({ COMFYUI_URL: `http://user:s3cret@127.0.0.1:${port}/comfy` });
    const e = await failure(run(request({ checkpoint: undefined })));
    expect(e.message).toBe(`ComfyUI is not reachable at 127.0.0.1:${port}.`);
  });
});

describe("endpoint URLs", () => {
  it("keep a proxy prefix, drop credentials, and switch to ws(s) for the socket", () => {
    const e = comfyEndpoint("https://me:pw@gpu.example:8443/comfy?x=1");
    expect(e.where).toBe("gpu.example:8443");
    expect(endpointUrl(e, "history/abc").toString()).toBe("https://gpu.example:8443/comfy/history/abc");
    expect(endpointUrl(e, "view", { filename: "a b.png", subfolder: "", type: "output" }).toString()).toBe(
      "https://gpu.example:8443/comfy/view?filename=a+b.png&subfolder=&type=output",
    );
    expect(socketUrl(e, "id-1")).toBe("wss://gpu.example:8443/comfy/ws?clientId=id-1");
    expect(comfyEndpoint("http://127.0.0.1:8188").where).toBe("127.0.0.1:8188");
    expect(socketUrl(comfyEndpoint("http://127.0.0.1:8188/"), "c")).toBe("ws://127.0.0.1:8188/ws?clientId=c");
  });
});
