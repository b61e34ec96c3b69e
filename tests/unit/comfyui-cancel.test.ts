import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createComfyuiBackend } from "@/lib/backends/comfyui";
import type { GenerateRequest } from "@/lib/backends/types";
import { resetConfigForTests } from "@/lib/config";
import { type FakeComfyUI, startFakeComfyUI } from "@/tests/fakes/comfyui";

let fake: FakeComfyUI;
const backend = createComfyuiBackend({ pollMs: 20, quietMs: 2_000, socketOpenMs: 2_000 });

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({
  prompt: "a slow, detailed cathedral interior",
  size: "512x512",
  n: 1,
  steps: 40,
  checkpoint: "v1-5-pruned-emaonly.safetensors",
  ...over,
});

const calls = (method: string, path: string) => fake.requests().filter((r) => r.method === method && r.path === path);

async function history(promptId: string): Promise<Record<string, { status?: { messages: [string, unknown][] } }>> {
  return (await fetch(`${fake.url}/history/${promptId}`)).json() as Promise<
    Record<string, { status?: { messages: [string, unknown][] } }>
  >;
}

async function queue(): Promise<{ queue_running: unknown[][]; queue_pending: unknown[][] }> {
  return (await fetch(`${fake.url}/queue`)).json() as Promise<{
    queue_running: unknown[][];
    queue_pending: unknown[][];
  }>;
}

beforeAll(async () => {
  // 40 steps × 25 ms: a second of sampling, time enough to cancel in the middle.
  fake = await startFakeComfyUI({ port: 0, stepMs: 25 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  process.env.COMFYUI_URL = fake.url;
  delete process.env.COMFYUI_WORKFLOW;
  resetConfigForTests();
});

describe("cancel", () => {
  it("while running: POST /interrupt for our prompt, then an AbortError", async () => {
    const controller = new AbortController();
    let progressed = false;
    const job = backend.generate(request(), {
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.2 && !progressed) {
          progressed = true;
          controller.abort();
        }
      },
    });
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    await expect(job).rejects.toBeInstanceOf(DOMException);

    expect(calls("POST", "/prompt")).toHaveLength(1);
    const interrupts = calls("POST", "/interrupt");
    expect(interrupts).toHaveLength(1);
    const id = String((interrupts[0]?.body as { prompt_id?: string } | undefined)?.prompt_id);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls("POST", "/queue")).toEqual([]);

    // The server really stopped: the run ends as interrupted, well before its 40 steps.
    await expect
      .poll(async () => (await history(id))[id]?.status?.messages.map(([type]) => type))
      .toContain("execution_interrupted");
    expect((await queue()).queue_running).toEqual([]);
  });

  it("while queued behind another prompt: deleted from /queue, and the other one is untouched", async () => {
    const first = backend.generate(request({ steps: 30 }), { signal: new AbortController().signal });
    await expect.poll(async () => (await queue()).queue_running.length).toBe(1);

    const controller = new AbortController();
    const second = backend.generate(request({ prompt: "the second one", steps: 5 }), { signal: controller.signal });
    await expect.poll(async () => (await queue()).queue_pending.length).toBe(1);
    const pendingId = (await queue()).queue_pending[0]?.[1];
    controller.abort();

    await expect(second).rejects.toMatchObject({ name: "AbortError" });
    const deletes = calls("POST", "/queue");
    expect(deletes.map((d) => d.body)).toEqual([{ delete: [pendingId] }]);
    expect(calls("POST", "/interrupt")).toEqual([]);
    expect((await queue()).queue_pending).toEqual([]);

    const images = await first;
    expect(images).toHaveLength(1);
    expect(await history(String(pendingId))).toEqual({});
  });

  it("before anything is queued: no prompt reaches ComfyUI", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(backend.generate(request(), { signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(calls("POST", "/prompt")).toEqual([]);
  });

  it("a hung run is interrupted when the job's deadline fires", async () => {
    fake.setMode({ mode: "hang", times: 1 });
    const job = backend.generate(request({ steps: 5 }), { signal: AbortSignal.timeout(400) });
    await expect(job).rejects.toMatchObject({ name: "AbortError" });
    expect(calls("POST", "/interrupt")).toHaveLength(1);
    await expect.poll(async () => (await queue()).queue_running).toEqual([]);
    // The next prompt runs normally.
    expect(await backend.generate(request({ steps: 3 }), { signal: new AbortController().signal })).toHaveLength(1);
  });
});
