// @vitest-environment jsdom
/**
 * The FLUX workflow as ComfyUI would take it, a workflow's declaration, and what the studio
 * shows for each family: the length meter's words, the Model family select, the sizes offered.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { act } from "react";
import { describe, expect, it } from "vitest";
import { LengthMeter } from "@/components/studio/editing/length-meter";
import { ParamsFields } from "@/components/studio/generations/params-fields";
import type { ComposeSettings } from "@/components/studio/generations/compose-settings";
import fluxWorkflow from "@/lib/backends/comfyui/flux-workflow.json";
import { ProgressTracker } from "@/lib/backends/comfyui/progress";
import { workflowCapabilities } from "@/lib/backends/comfyui/workflow-capabilities";
import { fillWorkflow, validateWorkflow } from "@/lib/backends/comfyui";
import { BACKENDS } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { capabilitiesFor } from "@/lib/prompt-formats/guess-dialect";
import type { Capabilities } from "@/lib/schemas/catalog";
import { nodeDefs, validatePrompt } from "@/tests/fakes/comfyui";
import { byLabel, mountEach } from "./harness/dom";

const A1111 = BACKENDS.automatic1111.capabilities as unknown as Capabilities;

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected an AppError");
}

describe("the built-in FLUX workflow", () => {
  const flux = validateWorkflow(fluxWorkflow, "flux");

  it("declares FLUX.1 dev, which the graph sent to ComfyUI never carries", () => {
    expect(flux.declaration).toEqual({ family: "flux-dev" });
    expect(flux.workflow).not.toHaveProperty("promptsmith");
    expect([...flux.placeholders].sort()).toEqual(
      ["batch_size", "cfg", "height", "prompt", "sampler", "seed", "steps", "width"].sort(),
    );
  });

  it("once filled, passes ComfyUI's validation (the fake's copy, with FLUX's real node specs)", () => {
    const filled = fillWorkflow(flux.workflow, {
      prompt: "A red fox in fresh snow at dawn.",
      seed: 7,
      width: 1216,
      height: 832,
      batch_size: 1,
      steps: 20,
      cfg: 3.5,
      sampler: "euler",
    });
    const result = validatePrompt(filled, nodeDefs(["v1-5-pruned-emaonly.safetensors"]));
    expect(result.ok, JSON.stringify(!result.ok && result.nodeErrors)).toBe(true);
  });

  it("fails there when the FLUX files are not on the server, as ComfyUI would", () => {
    const filled = fillWorkflow(flux.workflow, {
      prompt: "x",
      seed: 1,
      width: 1024,
      height: 1024,
      cfg: 3.5,
      steps: 4,
      batch_size: 1,
      sampler: "euler",
    });
    const result = validatePrompt(filled, nodeDefs([], { unets: ["other.safetensors"], textEncoders: [], vaes: [] }));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(!result.ok && result.nodeErrors)).toContain("unet_name: 'flux1-dev.safetensors' not in");
  });

  it("gives the FLUX capabilities: no negative prompt, no checkpoint, FLUX guidance", () => {
    const caps = workflowCapabilities(flux);
    expect(caps).toMatchObject({ family: "flux-dev", dialect: "prose", negativePrompt: false, checkpoints: false });
    expect(caps.guidance?.default).toBe(3.5);
  });

  it("progress follows SamplerCustomAdvanced, not KSamplerSelect (which never steps)", () => {
    const seen: number[] = [];
    const tracker = new ProgressTracker(flux.workflow, (f) => seen.push(f));
    tracker.step("13", 10, 20);
    expect(seen.at(-1)).toBeCloseTo(0.05 + 0.9 * 0.5);
  });
});

describe("a workflow's declaration", () => {
  const graph = validateWorkflow(fluxWorkflow).workflow;

  it("may fix a family with its own sizes; the default follows them", () => {
    const declared = validateWorkflow({ promptsmith: { family: "sdxl", sizes: ["832x1216", "1216x832"] }, ...graph });
    const caps = workflowCapabilities(declared);
    expect(caps).toMatchObject({ family: "sdxl", dialect: "tags", familySource: "workflow", defaultSize: "832x1216" });
    expect(caps.sizes).toEqual(["832x1216", "1216x832"]);
    // The FLUX graph has no {{negative}}: even a tags family offers none for it.
    expect(caps.negativePrompt).toBe(false);
  });

  it('"checkpoint" (or none at all) follows the checkpoint\'s name', () => {
    const caps = workflowCapabilities(validateWorkflow({ promptsmith: { family: "checkpoint" }, ...graph }));
    expect(caps.familySource).toBe("checkpoint");
    expect(capabilitiesFor(caps, { checkpoint: "sd3.5_large.safetensors" }).dialect).toBe("prose");
  });

  it("says what is wrong with a bad one", () => {
    expect(appError(() => validateWorkflow({ promptsmith: { family: "sd2" }, ...graph }, "my.json")).message).toBe(
      'my.json: "promptsmith" needs "family": sd15, sdxl, flux-dev, flux-schnell, sd3 or checkpoint.',
    );
    expect(
      appError(() => validateWorkflow({ promptsmith: { family: "sdxl", dialect: "tags" }, ...graph })).message,
    ).toMatch(/unknown keys dialect/);
    expect(
      appError(() =>
        validateWorkflow({ promptsmith: { family: "sdxl", sizes: ["1024x1024"], defaultSize: "512x512" }, ...graph }),
      ).message,
    ).toMatch(/defaultSize that is not among its sizes/);
    expect(
      appError(() => validateWorkflow({ promptsmith: { family: "sdxl", defaultSize: "1000x1001" }, ...graph })).message,
    ).toMatch(/steps of 8/);
  });

  it("a user's file with a declaration loads through COMFYUI_WORKFLOW", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flux-decl-"));
    const file = path.join(dir, "schnell.json");
    writeFileSync(file, JSON.stringify({ ...fluxWorkflow, promptsmith: { family: "flux-schnell" } }));
    process.env.COMFYUI_WORKFLOW = file;
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();
    try {
      const { comfyuiBackend } = await import("@/lib/backends/comfyui");
      expect(comfyuiBackend.capabilities).toMatchObject({ family: "flux-schnell", maxPromptTokens: 256 });
      expect(comfyuiBackend.model).toBe("schnell.json");
      process.env.COMFYUI_WORKFLOW = "builtin:flux";
      resetConfigForTests();
      expect(comfyuiBackend.model).toBe("flux-workflow");
      process.env.COMFYUI_WORKFLOW = "builtin:flx";
      resetConfigForTests();
      const { loadWorkflow } = await import("@/lib/backends/comfyui/load-workflow");
      await expect(loadWorkflow()).rejects.toThrow(
        /builtin:flx, which is not a built-in workflow; the built-in ones are builtin:default, builtin:flux/,
      );
    } finally {
      delete process.env.COMFYUI_WORKFLOW;
      resetConfigForTests();
    }
  });
});

const dom = mountEach();

describe("the length meter names its tokenizer", () => {
  const render = (props: Parameters<typeof LengthMeter>[0]) => {
    act(() => dom.root.render(<LengthMeter {...props} />));
    return dom.host.textContent ?? "";
  };

  it("T5 (FLUX, SD3) is always an estimate, and says so", () => {
    const text = "A red fox in fresh snow at dawn.";
    expect(
      render({
        id: "m",
        text,
        maxChars: 4000,
        maxTokens: 512,
        exactTokens: 10,
        tokenizer: "t5",
        backendLabel: "ComfyUI",
      }),
    ).toBe(`${text.length} / 4,000 characters, ≈ 10 / 512 T5 tokens (estimate)`);
    // Before the server's estimate arrives, still an estimate.
    expect(render({ id: "m", text, maxChars: 4000, maxTokens: 512, tokenizer: "t5", backendLabel: "ComfyUI" })).toMatch(
      /≈ 8 \/ 512 T5 tokens \(estimate\)$/,
    );
  });

  it("CLIP counted by the server is exact; over the budget it says how much is read", () => {
    expect(
      render({
        id: "m",
        text: "red fox",
        maxChars: 4000,
        maxTokens: 75,
        exactTokens: 2,
        tokenizer: "clip",
        backendLabel: "A1111",
      }),
    ).toBe("7 / 4,000 characters, 2 / 75 CLIP tokens");
    expect(
      render({
        id: "m",
        text: "x",
        maxChars: 4000,
        maxTokens: 75,
        exactTokens: 90,
        tokenizer: "clip",
        backendLabel: "A1111",
      }),
    ).toContain("A1111 reads about the first 75 CLIP tokens");
  });
});

describe("the parameters follow the model family", () => {
  const settings: ComposeSettings = {
    style: null,
    backend: "automatic1111",
    size: "512x512",
    n: 1,
    randomSeed: true,
    seed: "",
    quality: null,
    sampler: null,
    checkpoint: null,
    steps: "25",
    guidance: "7",
  };
  let last: Partial<ComposeSettings> = {};

  const renderParams = (value: ComposeSettings) =>
    act(() =>
      dom.root.render(
        <ParamsFields
          backendId="automatic1111"
          configured={false}
          caps={capabilitiesFor(A1111, { family: value.family, checkpoint: value.checkpoint })}
          baseCaps={A1111}
          value={value}
          onChange={(patch) => {
            last = patch;
          }}
        />,
      ),
    );

  it("offers SD 1.5's sizes until SDXL is chosen, then 1024² and its buckets", () => {
    renderParams(settings);
    const sizes = () => [...byLabel<HTMLSelectElement>("Size").options].map((o) => o.value);
    expect(sizes()).toEqual(["512x512", "512x768", "768x512", "768x768"]);
    const family = byLabel<HTMLSelectElement>("Model family");
    expect(family.options[0]?.textContent).toBe("SD 1.5 (from the backend's default)");
    act(() => {
      family.value = "sdxl";
      family.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(last).toMatchObject({ family: "sdxl", size: "1024x1024" });
    renderParams({ ...settings, family: "sdxl", size: "1024x1024" });
    expect(sizes()).toEqual([
      "1024x1024",
      "1152x896",
      "896x1152",
      "1216x832",
      "832x1216",
      "1344x768",
      "768x1344",
      "1536x640",
      "640x1536",
    ]);
    expect(dom.host.textContent).toContain("Writes weighted tags for CLIP (75 tokens) and a negative prompt.");
  });

  it("choosing FLUX says prose and no negative prompt, and brings FLUX's guidance", () => {
    renderParams(settings);
    const family = byLabel<HTMLSelectElement>("Model family");
    act(() => {
      family.value = "flux-dev";
      family.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(last).toMatchObject({ family: "flux-dev", size: "1024x1024", guidance: "3.5" });
    renderParams({ ...settings, family: "flux-dev", size: "1024x1024", guidance: "3.5" });
    expect(dom.host.textContent).toContain("Writes sentences for its T5 encoder (512 tokens); no negative prompt.");
  });
});
