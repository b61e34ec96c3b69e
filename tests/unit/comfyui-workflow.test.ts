import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import defaultWorkflow from "@/lib/backends/comfyui/default-workflow.json";
import { ProgressTracker } from "@/lib/backends/comfyui/progress";
import {
  type ApiWorkflow,
  fillWorkflow,
  REQUIRED_PLACEHOLDERS,
  validateWorkflow,
  type WorkflowValues,
} from "@/lib/backends/comfyui";
import { AppError } from "@/lib/errors";
import { nodeDefs, validatePrompt } from "@/tests/fakes/comfyui";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/comfyui", name), "utf8"));

const VALUES: WorkflowValues = {
  prompt: "a lighthouse at dusk",
  negative: "blurry",
  seed: 1234,
  width: 768,
  height: 512,
  batch_size: 2,
  steps: 25,
  cfg: 6.5,
  sampler: "dpmpp_2m",
  checkpoint: "sd_xl_base_1.0.safetensors",
};

function invalidOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected an AppError");
}

describe("the shipped workflow", () => {
  it("validates and uses every placeholder", () => {
    const { placeholders } = validateWorkflow(defaultWorkflow);
    expect([...placeholders].sort()).toEqual(
      ["batch_size", "cfg", "checkpoint", "height", "negative", "prompt", "sampler", "seed", "steps", "width"].sort(),
    );
  });

  it("is the standard txt2img graph", () => {
    const classes = Object.values(validateWorkflow(defaultWorkflow).workflow).map((n) => n.class_type);
    expect(classes.sort()).toEqual(
      [
        "CLIPTextEncode",
        "CLIPTextEncode",
        "CheckpointLoaderSimple",
        "EmptyLatentImage",
        "KSampler",
        "SaveImage",
        "VAEDecode",
      ].sort(),
    );
  });

  it("once filled, passes ComfyUI's validation (the fake's copy of it)", () => {
    const filled = fillWorkflow(validateWorkflow(defaultWorkflow).workflow, VALUES);
    const result = validatePrompt(filled, nodeDefs(["sd_xl_base_1.0.safetensors"]));
    expect(result.ok).toBe(true);
  });

  it("unfilled, fails there the way ComfyUI fails on a literal placeholder", () => {
    const result = validatePrompt(defaultWorkflow, nodeDefs(["x.safetensors"]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.type).toBe("prompt_outputs_failed_validation");
    expect(JSON.stringify(result.nodeErrors)).toContain("invalid literal for int() with base 10: '{{seed}}'");
  });
});

describe("fillWorkflow", () => {
  const template = validateWorkflow(defaultWorkflow).workflow;

  it("puts numbers in as numbers and strings as strings", () => {
    const out = fillWorkflow(template, VALUES);
    expect(out["3"]?.inputs).toMatchObject({
      seed: 1234,
      steps: 25,
      cfg: 6.5,
      sampler_name: "dpmpp_2m",
      scheduler: "normal",
      denoise: 1,
      model: ["4", 0],
    });
    expect(typeof out["3"]?.inputs.seed).toBe("number");
    expect(out["5"]?.inputs).toEqual({ width: 768, height: 512, batch_size: 2 });
    expect(out["4"]?.inputs.ckpt_name).toBe("sd_xl_base_1.0.safetensors");
    expect(out["6"]?.inputs.text).toBe("a lighthouse at dusk");
    expect(out["7"]?.inputs.text).toBe("blurry");
  });

  it("leaves the template untouched", () => {
    const before = JSON.stringify(template);
    fillWorkflow(template, VALUES);
    expect(JSON.stringify(template)).toBe(before);
  });

  it("keeps JSON-special characters, replacement patterns and braces in a prompt exactly", () => {
    const prompt = 'say "hi" \\ back\nslash\t{{seed}} $& $1 </script> 🦊 \u0000 \u2028';
    const out = fillWorkflow(template, { ...VALUES, prompt, negative: '"}, "evil": {"' });
    const wire = JSON.parse(JSON.stringify(out)) as ApiWorkflow;
    expect(wire["6"]?.inputs.text).toBe(prompt);
    expect(wire["7"]?.inputs.text).toBe('"}, "evil": {"');
    expect(Object.keys(wire).sort()).toEqual(Object.keys(template).sort());
  });

  it("replaces a placeholder inside a longer string by its text, and leaves other braces alone", () => {
    const t: ApiWorkflow = {
      "1": {
        class_type: "X",
        inputs: {
          text: "masterpiece, {{ prompt }}, {not a placeholder}, {{prompt}}",
          prefix: "run-{{seed}}",
          nested: { list: ["{{width}}", ["{{height}}"]] },
        },
      },
    };
    const out = fillWorkflow(t, { ...VALUES, prompt: "a $& cat" });
    expect(out["1"]?.inputs).toEqual({
      text: "masterpiece, a $& cat, {not a placeholder}, a $& cat",
      prefix: "run-1234",
      nested: { list: [768, [512]] },
    });
  });

  it("refuses to leave a used placeholder empty", () => {
    const { checkpoint: _, ...withoutCheckpoint } = VALUES;
    expect(() => fillWorkflow(template, withoutCheckpoint)).toThrow("{{checkpoint}}");
  });
});

describe("validateWorkflow", () => {
  const minimal = (inputs: Record<string, unknown>): unknown => ({ "1": { class_type: "Anything", inputs } });

  it("requires prompt, seed, width and height; the rest are optional", () => {
    expect(REQUIRED_PLACEHOLDERS).toEqual(["prompt", "seed", "width", "height"]);
    const ok = validateWorkflow(minimal({ a: "{{prompt}}", b: "{{seed}}", c: "{{width}}", d: "{{height}}" }));
    expect([...ok.placeholders].sort()).toEqual(["height", "prompt", "seed", "width"]);
  });

  it("names the missing placeholder", () => {
    const e = invalidOf(() => validateWorkflow(minimal({ a: "{{prompt}}", c: "{{width}}", d: "{{height}}" })));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toContain("{{seed}}");
    expect(e.message).not.toContain("{{prompt}}");
    expect(e.details).toEqual({ missing: ["seed"] });
  });

  it("names all that are missing", () => {
    const e = invalidOf(() => validateWorkflow(minimal({ a: "{{prompt}}" }), "COMFYUI_WORKFLOW (mine.json)"));
    expect(e.message).toMatch(/^COMFYUI_WORKFLOW \(mine\.json\) lacks the required placeholders/);
    for (const name of ["{{seed}}", "{{width}}", "{{height}}"]) expect(e.message).toContain(name);
  });

  it("catches a misspelt placeholder instead of sending it as text", () => {
    const e = invalidOf(() =>
      validateWorkflow(minimal({ a: "{{prompt}}", b: "{{seed}}", c: "{{width}}", d: "{{height}}", n: "{{negatve}}" })),
    );
    expect(e.message).toContain("unknown placeholder {{negatve}}");
  });

  it("only counts placeholders in inputs, not in titles", () => {
    const e = invalidOf(() =>
      validateWorkflow({
        "1": {
          class_type: "X",
          inputs: { a: "{{prompt}}", c: "{{width}}", d: "{{height}}" },
          _meta: { title: "{{seed}}" },
        },
      }),
    );
    expect(e.message).toContain("{{seed}}");
  });

  it("tells a UI-format file to be exported with Save (API Format)", () => {
    const e = invalidOf(() => validateWorkflow(fixture("ui-format-workflow.json")));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toContain("UI format");
    expect(e.message).toContain('"Save (API Format)"');
  });

  it("rejects what is not a graph of nodes", () => {
    expect(invalidOf(() => validateWorkflow([1, 2])).message).toContain("not a JSON object");
    expect(invalidOf(() => validateWorkflow({})).message).toContain("no nodes");
    expect(invalidOf(() => validateWorkflow({ "1": { inputs: {} } })).message).toContain('node "1" has no class_type');
  });

  it("accepts the custom fixture with a fixed checkpoint and an embedded prompt", () => {
    const { placeholders } = validateWorkflow(fixture("custom-api-workflow.json"));
    expect([...placeholders].sort()).toEqual(["batch_size", "height", "prompt", "seed", "width"]);
  });
});

describe("ProgressTracker", () => {
  const graph = (samplers: string[]): ApiWorkflow =>
    Object.fromEntries([
      ["9", { class_type: "SaveImage", inputs: {} }],
      ...samplers.map((id) => [id, { class_type: "KSampler", inputs: {} }]),
    ]);

  it("rises with the steps, never falls, and ends at 1", () => {
    const seen: number[] = [];
    const t = new ProgressTracker(graph(["3"]), (f) => seen.push(f));
    t.started();
    for (let v = 1; v <= 4; v++) t.step("3", v, 4);
    t.step("3", 2, 4); // a stale event changes nothing
    t.sampled();
    t.finished();
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(1);
    // started, four steps (the last reaches the end of sampling, so sampled() adds nothing), finished
    expect(seen.length).toBe(6);
  });

  it("gives two samplers (a hires pass) half the bar each", () => {
    const seen: number[] = [];
    const t = new ProgressTracker(graph(["3", "11"]), (f) => seen.push(f));
    t.step("3", 10, 10);
    const afterFirst = seen.at(-1) ?? 0;
    t.step("11", 1, 10);
    expect(afterFirst).toBeCloseTo(0.5, 5);
    expect(seen.at(-1)).toBeGreaterThan(afterFirst);
  });

  it("takes cached samplers out of the share and ignores other nodes' progress", () => {
    const seen: number[] = [];
    const t = new ProgressTracker(graph(["3", "11"]), (f) => seen.push(f));
    t.cached(["3"]);
    t.step("20", 5, 10); // an upscaler, say
    expect(seen).toEqual([]);
    t.step("11", 10, 10);
    expect(seen.at(-1)).toBeCloseTo(0.95, 5);
  });
});
