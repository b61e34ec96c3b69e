import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type FileChooser, type Page, test } from "@playwright/test";
import { generateAndWait } from "./helpers";

// Runs in the "offline" project: the offline sketch is the only configured backend (seed, sizes;
// no negative prompt, steps, guidance, sampler or checkpoint). Fixtures: tests/fixtures/png.

const fixture = (name: string) => path.join(__dirname, "..", "fixtures", "png", name);

const A1111_PROMPT =
  "masterpiece, best quality, 1girl, solo, silver hair, (looking at viewer:1.2), night city, neon lights, " +
  "rain, <lora:add_detail:0.6>";
const A1111_NEGATIVE = "(worst quality, low quality:1.4), easynegative, watermark";
const PROMPTSMITH_PROMPT =
  "A porcelain teapot shaped like a lighthouse, beam of light from its spout, misty harbour — “warm”";
const COMFY_PROMPT =
  "cinematic photo of a lighthouse on a basalt cliff at dusk, storm clouds, crashing waves, volumetric light, " +
  "35mm, Fujifilm — “golden hour”";
const OVERLAY = "Drop a PNG to load its prompt and settings";

const fileInput = (page: Page) => page.locator('input[type="file"][aria-label="Load from image…"]');
const promptBox = (page: Page) => page.getByRole("textbox", { name: "Prompt", exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });

/** The button (and the drop handler) work once the page is interactive; the button is enabled from then on. */
async function hydrated(page: Page) {
  await expect(page.getByRole("button", { name: "Load from image…" })).toBeEnabled();
}

/**
 * Enter on the focused "Load from image…" opens the file chooser. On a busy machine focus can
 * still move once after hydration (CI saw one run where the press went elsewhere), so the press
 * is repeated while the button really has focus; a button that never opens it still fails.
 */
async function chooserFromKeyboard(page: Page): Promise<FileChooser> {
  const button = page.getByRole("button", { name: "Load from image…" });
  for (let attempt = 0; attempt < 3; attempt++) {
    await button.focus();
    await expect(button).toBeFocused();
    const chooser = page.waitForEvent("filechooser", { timeout: 5_000 }).catch(() => null);
    await page.keyboard.press("Enter");
    const opened = await chooser;
    if (opened) return opened;
  }
  throw new Error("Enter on Load from image… never opened the file chooser");
}

async function ideaCount(page: Page): Promise<number> {
  const body = await (await page.request.get("/api/ideas?limit=100")).json();
  return body.items.length;
}

test("offline: Load from image… reads an AUTOMATIC1111 PNG; Generate saves it as a new idea and draws it", async ({
  page,
}) => {
  await page.goto("/");
  await hydrated(page);
  const ideasBefore = await ideaCount(page);

  await fileInput(page).setInputFiles(fixture("a1111-infotext.png"));

  await expect(promptBox(page)).toHaveValue(A1111_PROMPT);
  await expect(status(page, "Loaded the prompt and 1 setting from an AUTOMATIC1111 image.")).toBeVisible();
  // The seed is the one setting the offline sketch takes: Random off, the image's seed in.
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("3928471113");
  await expect(page.getByRole("checkbox", { name: "Random" })).not.toBeChecked();
  // 512 × 768 is not an offline size: the size stays, and the notes say why.
  await expect(page.getByRole("combobox", { name: "Size" })).toHaveValue("1024x1024");
  await expect(page.getByText("From the image, not used by Offline sketch (no model):")).toBeVisible();
  await expect(page.getByText("Size 512 × 768: not one of its sizes.")).toBeVisible();
  // No Negative prompt field on this backend: the studio says the image has one.
  await expect(page.getByRole("textbox", { name: "Negative prompt" })).toHaveCount(0);
  await expect(page.getByText(/^Negative prompt: it takes none\./)).toBeVisible();
  // Loading saves nothing.
  expect(await ideaCount(page)).toBe(ideasBefore);

  await generateAndWait(page, A1111_PROMPT);
  await expect(page.getByText("seed 3928471113").first()).toBeVisible();
  expect(await ideaCount(page)).toBe(ideasBefore + 1);

  const images = await (await page.request.get("/api/images?limit=1")).json();
  expect(images.items[0]).toMatchObject({ prompt: A1111_PROMPT, seed: 3928471113, width: 1024, height: 1024 });
  const detail = await (await page.request.get(`/api/images/${images.items[0].id}`)).json();
  // Saved word for word as the first version of a new idea, its negative prompt kept for backends that take one.
  expect(detail.version).toMatchObject({
    source: "edit",
    parentId: null,
    prompt: A1111_PROMPT,
    negativePrompt: A1111_NEGATIVE,
  });
  await expect(page.getByRole("region", { name: "History" }).getByText("Imported").first()).toBeVisible();
});

test("offline: a Promptsmith PNG dropped on the page loads prompt, idea, size and seed, then generates", async ({
  page,
}) => {
  await page.goto("/");
  await hydrated(page);
  const bytes = readFileSync(fixture("promptsmith-zipped.png")).toString("base64");
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name, { type: "image/png" }));
      return dt;
    },
    { b64: bytes, name: "promptsmith-zipped.png" },
  );
  const main = page.locator("main");
  await expect(page.getByText(OVERLAY)).toHaveCount(0);
  await main.dispatchEvent("dragenter", { dataTransfer });
  await main.dispatchEvent("dragover", { dataTransfer });
  await expect(page.getByText(OVERLAY)).toBeVisible();
  await main.dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText(OVERLAY)).toHaveCount(0);

  await expect(promptBox(page)).toHaveValue(PROMPTSMITH_PROMPT);
  await expect(page.getByRole("textbox", { name: "Idea", exact: true })).toHaveValue(
    "a teapot that is also a lighthouse",
  );
  await expect(page.getByRole("combobox", { name: "Size" })).toHaveValue("768x768");
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue("4242");
  await expect(status(page, "Loaded the prompt, the idea and 2 settings from a Promptsmith image.")).toBeVisible();

  await generateAndWait(page, PROMPTSMITH_PROMPT);
  await expect(page.getByText("seed 4242").first()).toBeVisible();
  const images = await (await page.request.get("/api/images?limit=1")).json();
  expect(images.items[0]).toMatchObject({ prompt: PROMPTSMITH_PROMPT, seed: 4242, width: 768, height: 768 });
  const detail = await (await page.request.get(`/api/images/${images.items[0].id}`)).json();
  expect(detail.idea.text).toBe("a teapot that is also a lighthouse");
});

test("offline: from the keyboard on a phone, a ComfyUI PNG; its too-large seed leaves Random on", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/");
  await hydrated(page);
  const chooser = await chooserFromKeyboard(page);
  await chooser.setFiles(fixture("comfyui.png"));

  await expect(promptBox(page)).toHaveValue(COMFY_PROMPT);
  await expect(status(page, "Loaded the prompt from a ComfyUI image.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Random" })).toBeChecked();
  await expect(
    page.getByText("Seed 156680208700286: beyond its range (0 to 4294967295), so Random stays on."),
  ).toBeVisible();
  // Nothing scrolls sideways at 375 px.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Focus stayed on the button.
  await expect(page.getByRole("button", { name: "Load from image…" })).toBeFocused();
});

test("offline: a file that is not a PNG, and a PNG without a recipe, are said so and change nothing", async ({
  page,
}) => {
  await page.goto("/");
  await hydrated(page);
  await fileInput(page).setInputFiles({
    name: "holiday.png",
    mimeType: "image/png",
    buffer: Buffer.from("GIF89a: a GIF wearing a .png name"),
  });
  await expect(status(page, "That is not a PNG.")).toBeVisible();
  await expect(promptBox(page)).toHaveValue("");

  await fileInput(page).setInputFiles(fixture("text-kinds.png"));
  await expect(status(page, "This image has no recipe we can read.")).toBeVisible();
  await expect(promptBox(page)).toHaveValue("");
  await expect(page.getByRole("button", { name: "Generate", exact: true })).toBeDisabled();
});
