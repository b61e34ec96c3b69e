import { spawn } from "node:child_process";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type FakeComfyUI, SAMPLERS, startFakeComfyUI } from "@/tests/fakes/comfyui";

/** The fake speaks ComfyUI's protocol; these pin the shapes the backend (and anyone else) relies on. */

let fake: FakeComfyUI;

const graph = (over: { seed?: unknown; steps?: number; batch?: number; ckpt?: string; text?: string } = {}) => ({
  "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: over.ckpt ?? "v1-5-pruned-emaonly.safetensors" } },
  "5": { class_type: "EmptyLatentImage", inputs: { width: 64, height: 48, batch_size: over.batch ?? 1 } },
  "6": { class_type: "CLIPTextEncode", inputs: { text: over.text ?? "a red kite", clip: ["4", 1] } },
  "7": { class_type: "CLIPTextEncode", inputs: { text: "", clip: ["4", 1] } },
  "3": {
    class_type: "KSampler",
    inputs: {
      seed: over.seed ?? 5,
      steps: over.steps ?? 5,
      cfg: 7,
      sampler_name: "euler",
      scheduler: "normal",
      denoise: 1,
      model: ["4", 0],
      positive: ["6", 0],
      negative: ["7", 0],
      latent_image: ["5", 0],
    },
  },
  "8": { class_type: "VAEDecode", inputs: { samples: ["3", 0], vae: ["4", 2] } },
  "9": { class_type: "SaveImage", inputs: { filename_prefix: "ComfyUI", images: ["8", 0] } },
});

async function post(pathname: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fake.url}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function get<T = unknown>(pathname: string): Promise<T> {
  return (await (await fetch(`${fake.url}${pathname}`)).json()) as T;
}

type Msg = { type: string; data: Record<string, unknown> };

/** A /ws client that keeps every JSON frame and counts binary ones. */
async function listen(clientId: string) {
  const ws = new WebSocket(`${fake.url.replace("http", "ws")}/ws?clientId=${clientId}`);
  const messages: Msg[] = [];
  let binary = 0;
  ws.on("message", (data, isBinary) => {
    if (isBinary) binary++;
    else messages.push(JSON.parse(data.toString()) as Msg);
  });
  await new Promise((r) => ws.once("open", r));
  return { ws, messages, binaryCount: () => binary };
}

type History = Record<
  string,
  {
    outputs: Record<string, { images: { filename: string; subfolder: string; type: string }[] }>;
    status: { status_str: string; completed: boolean; messages: [string, Record<string, unknown>][] };
    prompt: unknown[];
  }
>;

beforeAll(async () => {
  fake = await startFakeComfyUI({ port: 0, stepMs: 5 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

describe("fake ComfyUI: POST /prompt validation", () => {
  it("answers like ComfyUI for an unknown node class", async () => {
    const bad = { ...graph(), "10": { class_type: "FancyUpscaler", inputs: {} } };
    const { status, json } = await post("/prompt", { prompt: bad });
    expect(status).toBe(400);
    expect(json).toEqual({
      error: {
        type: "invalid_prompt",
        message: "Cannot execute because node FancyUpscaler does not exist.",
        details: "Node ID '#10'",
        extra_info: {},
      },
      node_errors: {},
    });
  });

  it("lists node_errors per node with ComfyUI's error types", async () => {
    const bad = graph({ seed: "{{seed}}", ckpt: "missing.safetensors" });
    delete (bad["3"].inputs as Record<string, unknown>).cfg;
    const { status, json } = await post("/prompt", { prompt: bad });
    expect(status).toBe(400);
    const body = json as {
      error: { type: string; details: string };
      node_errors: Record<string, { class_type: string; dependent_outputs: string[]; errors: { type: string }[] }>;
    };
    expect(body.error.type).toBe("prompt_outputs_failed_validation");
    expect(body.node_errors["3"]?.class_type).toBe("KSampler");
    expect(body.node_errors["3"]?.dependent_outputs).toEqual(["9"]);
    expect(body.node_errors["3"]?.errors.map((e) => e.type).sort()).toEqual([
      "invalid_input_type",
      "required_input_missing",
    ]);
    expect(body.node_errors["4"]?.errors).toEqual([
      {
        type: "value_not_in_list",
        message: "Value not in list",
        details:
          "ckpt_name: 'missing.safetensors' not in ['v1-5-pruned-emaonly.safetensors', 'sd_xl_base_1.0.safetensors']",
        extra_info: expect.objectContaining({ input_name: "ckpt_name", received_value: "missing.safetensors" }),
      },
    ]);
  });

  it("checks limits, link types and outputs", async () => {
    const tooBig = graph();
    tooBig["5"].inputs.width = 20000;
    const big = await post("/prompt", { prompt: tooBig });
    expect(JSON.stringify(big.json)).toContain("value_bigger_than_max");

    const crossed = graph();
    (crossed["3"].inputs as Record<string, unknown>).model = ["4", 1];
    expect(JSON.stringify((await post("/prompt", { prompt: crossed })).json)).toContain("return_type_mismatch");

    const { "9": _, ...noOutput } = graph();
    expect((await post("/prompt", { prompt: noOutput })).json).toMatchObject({ error: { type: "prompt_no_outputs" } });
    expect((await post("/prompt", {})).json).toMatchObject({ error: { type: "no_prompt" } });
  });

  it("accepts a good graph with prompt_id, number and empty node_errors", async () => {
    const { status, json } = await post("/prompt", { prompt: graph(), client_id: "abc" });
    expect(status).toBe(200);
    expect(json).toEqual({ prompt_id: expect.stringMatching(/^[0-9a-f-]{36}$/), number: 0, node_errors: {} });
  });
});

describe("fake ComfyUI: a run", () => {
  it("sends ComfyUI's message sequence to the client that queued it", async () => {
    const { ws, messages, binaryCount } = await listen("client-1");
    const other = await listen("client-2");
    const { json } = await post("/prompt", { prompt: graph({ steps: 10 }), client_id: "client-1" });
    const id = (json as { prompt_id: string }).prompt_id;
    await expect
      .poll(() => messages.some((m) => m.type === "executing" && m.data.node === null), { timeout: 5000 })
      .toBe(true);

    expect(messages[0]).toEqual({
      type: "status",
      data: { status: { exec_info: { queue_remaining: 0 } }, sid: "client-1" },
    });
    const ours = messages.filter((m) => m.data.prompt_id === id).map((m) => m.type);
    expect(ours[0]).toBe("execution_start");
    expect(ours[1]).toBe("execution_cached");
    expect(ours.filter((t) => t === "progress")).toHaveLength(10);
    expect(ours.at(-2)).toBe("execution_success");
    expect(ours.at(-1)).toBe("executing");
    const progress = messages.filter((m) => m.type === "progress").map((m) => m.data);
    expect(progress[0]).toEqual({ value: 1, max: 10, prompt_id: id, node: "3" });
    const executed = messages.find((m) => m.type === "executed")?.data;
    expect(executed).toMatchObject({
      node: "9",
      output: { images: [{ filename: "ComfyUI_00001_.png", subfolder: "", type: "output" }] },
    });
    expect(binaryCount()).toBe(10); // a preview after each of the 10 steps
    // The other client only hears the queue status.
    expect(new Set(other.messages.map((m) => m.type))).toEqual(new Set(["status"]));

    const history = await get<History>(`/history/${id}`);
    expect(history[id]?.status).toMatchObject({ status_str: "success", completed: true });
    expect(history[id]?.status.messages.map(([t]) => t)).toEqual([
      "execution_start",
      "execution_cached",
      "execution_success",
    ]);
    expect(history[id]?.prompt.slice(0, 2)).toEqual([0, id]);
    ws.close();
    other.ws.close();
  });

  it("serves real, deterministic PNGs with ComfyUI's prompt text chunk from /view", async () => {
    const a = await post("/prompt", { prompt: graph({ batch: 2, text: "a red kite" }) });
    const id = (a.json as { prompt_id: string }).prompt_id;
    await expect.poll(async () => Object.keys(await get(`/history/${id}`)), { timeout: 5000 }).toEqual([id]);
    const images = (await get<History>(`/history/${id}`))[id]?.outputs["9"]?.images ?? [];
    expect(images.map((i) => i.filename)).toEqual(["ComfyUI_00001_.png", "ComfyUI_00002_.png"]);
    const bytes = async (filename: string) =>
      Buffer.from(await (await fetch(`${fake.url}/view?filename=${filename}&subfolder=&type=output`)).arrayBuffer());
    const first = await bytes("ComfyUI_00001_.png");
    const meta = await sharp(first).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 64, 48]);
    // The first chunk after IHDR: tEXt "prompt" holding the graph as JSON, as SaveImage writes it.
    const at = first.indexOf("tEXtprompt\u0000", 0, "latin1");
    expect(at).toBe(37);
    const text = first.subarray(at + 11, at + 4 + first.readUInt32BE(at - 4)).toString("latin1");
    expect(JSON.parse(text)).toEqual(graph({ batch: 2, text: "a red kite" }));
    expect(first.equals(await bytes("ComfyUI_00002_.png"))).toBe(false);

    // Same prompt and seed again: the same picture (the loader and text encoders come from cache).
    const b = await post("/prompt", { prompt: graph({ batch: 2, text: "a red kite" }) });
    const id2 = (b.json as { prompt_id: string }).prompt_id;
    await expect.poll(async () => Object.keys(await get(`/history/${id2}`)), { timeout: 5000 }).toEqual([id2]);
    expect((await bytes("ComfyUI_00003_.png")).equals(first)).toBe(true);
    const cached = (await get<History>(`/history/${id2}`))[id2]?.status.messages.find(
      ([t]) => t === "execution_cached",
    );
    expect(cached?.[1].nodes).toEqual(expect.arrayContaining(["4", "6", "7", "5", "3", "8"]));

    expect((await fetch(`${fake.url}/view?filename=../etc/passwd`)).status).toBe(400);
    expect((await fetch(`${fake.url}/view?filename=nope.png`)).status).toBe(404);
  });

  it("runs one prompt at a time: the second waits in queue_pending and can be deleted", async () => {
    const a = (await post("/prompt", { prompt: graph({ steps: 60 }) })).json as { prompt_id: string };
    const b = (await post("/prompt", { prompt: graph({ steps: 2, seed: 9 }) })).json as { prompt_id: string };
    const queue = await get<{ queue_running: unknown[][]; queue_pending: unknown[][] }>("/queue");
    expect(queue.queue_running.map((i) => i[1])).toEqual([a.prompt_id]);
    expect(queue.queue_pending.map((i) => i[1])).toEqual([b.prompt_id]);
    expect(queue.queue_pending[0]?.slice(0, 2)).toEqual([1, b.prompt_id]);
    expect(await get("/prompt")).toEqual({ exec_info: { queue_remaining: 2 } });

    expect((await post("/queue", { delete: [b.prompt_id] })).status).toBe(200);
    expect((await get<{ queue_pending: unknown[] }>("/queue")).queue_pending).toEqual([]);
    // An interrupt for a prompt that is not running does nothing; for the running one it stops it.
    await post("/interrupt", { prompt_id: b.prompt_id });
    expect((await get<{ queue_running: unknown[] }>("/queue")).queue_running).toHaveLength(1);
    await post("/interrupt", { prompt_id: a.prompt_id });
    await expect.poll(async () => Object.keys(await get(`/history/${a.prompt_id}`))).toEqual([a.prompt_id]);
    const entry = (await get<History>(`/history/${a.prompt_id}`))[a.prompt_id];
    expect(entry?.status).toMatchObject({ status_str: "error", completed: false });
    expect(entry?.status.messages.at(-1)?.[0]).toBe("execution_interrupted");
    expect(await get(`/history/${b.prompt_id}`)).toEqual({});
  });

  it("fails on demand for the next N prompts, with ComfyUI's execution_error shape", async () => {
    fake.setMode({ mode: "executionError", times: 1 });
    const { messages, ws } = await listen("c");
    const a = (await post("/prompt", { prompt: graph({ steps: 4 }), client_id: "c" })).json as { prompt_id: string };
    const b = (await post("/prompt", { prompt: graph({ steps: 4, seed: 6 }), client_id: "c" })).json as {
      prompt_id: string;
    };
    await expect
      .poll(async () => Object.keys(await get(`/history/${b.prompt_id}`)), { timeout: 5000 })
      .toEqual([b.prompt_id]);
    const error = messages.find((m) => m.type === "execution_error")?.data;
    expect(error).toMatchObject({
      prompt_id: a.prompt_id,
      node_id: "3",
      node_type: "KSampler",
      exception_type: "RuntimeError",
      exception_message: expect.stringContaining("mat1 and mat2"),
      executed: ["4", "6", "7", "5"],
    });
    const history = await get<History>(`/history/${a.prompt_id}`);
    expect(history[a.prompt_id]?.status.status_str).toBe("error");
    expect((await get<History>(`/history/${b.prompt_id}`))[b.prompt_id]?.status.status_str).toBe("success");
    ws.close();
  });
});

describe("fake ComfyUI: the other endpoints", () => {
  it("/object_info and /object_info/{class} in ComfyUI's shape, /api prefix included", async () => {
    const all = await get<Record<string, unknown>>("/object_info");
    expect(Object.keys(all)).toEqual(expect.arrayContaining(["KSampler", "SaveImage", "CheckpointLoaderSimple"]));
    const ks = await get<{ KSampler: { input: { required: Record<string, unknown[]> }; output: string[] } }>(
      "/api/object_info/KSampler",
    );
    expect(ks.KSampler.input.required.sampler_name?.[0]).toEqual(SAMPLERS);
    expect(ks.KSampler.output).toEqual(["LATENT"]);
    expect(await get("/object_info/NoSuchNode")).toEqual({});
  });

  it("/system_stats", async () => {
    const stats = await get<{ system: Record<string, unknown>; devices: Record<string, unknown>[] }>("/system_stats");
    expect(stats.system).toMatchObject({ os: "posix", comfyui_version: expect.any(String) });
    expect(stats.devices[0]).toMatchObject({ type: "cuda", vram_total: expect.any(Number) });
  });

  it("the control endpoints", async () => {
    expect(await get("/__fake/health")).toEqual({ ok: true });
    await get("/queue");
    const recorded = await get<{ method: string; path: string }[]>("/__fake/requests");
    expect(recorded.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /queue"]);
    expect((await post("/__fake/mode", { mode: "sideways" })).status).toBe(400);
    expect((await post("/__fake/mode", { mode: "unavailable500", times: 1 })).json).toMatchObject({ ok: true });
    const failed = await fetch(`${fake.url}/queue`);
    expect([failed.status, await failed.text()]).toEqual([
      500,
      "500 Internal Server Error\n\nServer got itself in trouble",
    ]);
    expect((await fetch(`${fake.url}/queue`)).status).toBe(200);
    await post("/__fake/reset", {});
    expect(await get("/__fake/requests")).toEqual([]);
  });

  it("the cli starts a server on PORT and says where", async () => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve(__dirname, "../fakes/comfyui/cli.ts")], {
      env: { ...process.env, PORT: "0", STEP_MS: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolve(out.trim());
        });
        child.once("exit", (code) => reject(new Error(`cli exited with ${code}`)));
      });
      expect(line).toMatch(/^fake-comfyui listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.slice("fake-comfyui listening on ".length);
      expect(await (await fetch(`${url}/__fake/health`)).json()).toEqual({ ok: true });
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
