import { expect, test } from "@playwright/test";
import { readPngText, readRecipe } from "@/lib/png";
import { FAKE_A1111_PORT, FAKE_COMFYUI_PORT } from "../../playwright.config";

const FAKE_A1111 = `http://127.0.0.1:${FAKE_A1111_PORT}`;
const FAKE_COMFYUI = `http://127.0.0.1:${FAKE_COMFYUI_PORT}`;

type Recorded = { method: string; path: string; body?: Record<string, unknown> | null };
async function received(request: import("@playwright/test").APIRequestContext, base: string): Promise<Recorded[]> {
  const data = await (await request.get(`${base}/__fake/requests`)).json();
  return (Array.isArray(data) ? data : data.requests) as Recorded[];
}

test.afterEach(async ({ request }) => {
  await request.post(`${FAKE_A1111}/__fake/reset`);
  await request.post(`${FAKE_COMFYUI}/__fake/reset`);
});

test.beforeEach(async ({ request }) => {
  await request.post(`${FAKE_A1111}/__fake/reset`);
  await request.post(`${FAKE_COMFYUI}/__fake/reset`);
});

async function refine(page: import("@playwright/test").Page, idea: string) {
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  return page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
}

test("A1111: tags and a negative prompt, live progress, 4 images with a fixed seed, the recipe in every PNG", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await expect(page.getByRole("combobox", { name: "Backend" })).toHaveValue("automatic1111");
  const prompt = await refine(page, "a red fox curled up in the snow, cozy");
  expect(prompt).toMatch(/\([^)]+:\d\.\d+\)/); // weighted tags for an SD backend
  const negative = page.getByRole("textbox", { name: "Negative prompt" });
  await expect(negative).toBeVisible();
  expect((await negative.inputValue()).length).toBeGreaterThan(5);
  await expect(page.getByText(/\d+ \/ 75 CLIP tokens/)).toBeVisible();
  await expect(page.getByText(/reads about the first/)).toHaveCount(0); // the refiner kept within CLIP's window

  await page.getByRole("combobox", { name: "Images" }).selectOption("4");
  await page.getByRole("checkbox", { name: "Random" }).uncheck();
  await page.getByRole("spinbutton", { name: "Seed" }).fill("1234");
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  // Progress is shown while the fake samples (about 2 s).
  await expect(page.getByText(/Generating… \d+%/).first()).toBeVisible({ timeout: 15_000 });
  const images = page.locator("main").getByRole("img", { name: prompt, exact: true });
  await expect(images).toHaveCount(4, { timeout: 30_000 });

  const txt2img = (await received(request, FAKE_A1111)).filter((r) => r.path === "/sdapi/v1/txt2img");
  expect(txt2img).toHaveLength(1);
  expect(txt2img[0]?.body).toMatchObject({
    prompt,
    seed: 1234,
    batch_size: 4,
    negative_prompt: await negative.inputValue(),
  });

  // Each image records its own seed; the detail page shows it.
  const href = await page.locator("main a[href^='/images/']").first().getAttribute("href");
  const first = await (await request.get(`/api${href}`)).json();
  const all = await (await request.get(`/api/images?ideaId=${first.ideaId}`)).json();
  const seeds = all.items.map((i: { seed: number }) => i.seed).sort();
  expect(seeds).toEqual([1234, 1235, 1236, 1237]);
  for (const item of all.items as { id: string; seed: number }[]) {
    await page.goto(`/images/${item.id}`);
    await expect(page.getByText(String(item.seed), { exact: true })).toBeVisible();
  }

  // The downloaded PNG holds the recipe: A1111's parameters and our JSON.
  const item = all.items[0] as { id: string; seed: number };
  const file = await request.get(`/api/images/${item.id}/file?download=1`);
  expect(file.headers()["content-disposition"]).toContain("attachment");
  const bytes = new Uint8Array(await file.body());
  const parameters = (await readPngText(bytes)).find((t) => t.keyword === "parameters")?.text ?? "";
  expect(parameters).toContain(`Seed: ${item.seed}`);
  expect(parameters).toContain("Negative prompt:");
  expect(parameters).toMatch(/Steps: \d+, Sampler: [^,]+, CFG scale: [\d.]+/);
  const recipe = await readRecipe(bytes);
  expect(recipe).toMatchObject({ source: "promptsmith", prompt, params: { seed: item.seed } });
});

test("ComfyUI: progress over the websocket, then Cancel midway", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("combobox", { name: "Backend" }).selectOption("comfyui");
  const prompt = await refine(page, "a lighthouse on a cliff at dusk");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByText(/Generating… \d+%/).first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Cancel" }).first().click();
  await expect(page.getByText(/Canceled/i).first()).toBeVisible({ timeout: 15_000 });
  // The server took the prompt off the GPU (or out of the queue), not just stopped listening.
  await expect
    .poll(async () =>
      (await received(request, FAKE_COMFYUI)).some(
        (r) => r.method === "POST" && (r.path === "/interrupt" || r.path === "/queue"),
      ),
    )
    .toBe(true);
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(prompt);

  // The next one runs to the end.
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.locator("main").getByRole("img", { name: prompt, exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
});

test("A1111: a failing server is a clear message, the prompt stays", async ({ page, request }) => {
  await page.goto("/");
  const prompt = await refine(page, "a quiet harbour at dawn");
  await request.post(`${FAKE_A1111}/__fake/mode`, { data: { mode: "error500", endpoint: "txt2img" } });
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /failed/i })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(prompt);
});
