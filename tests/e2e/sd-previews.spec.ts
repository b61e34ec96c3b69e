import { expect, test } from "@playwright/test";
import { FAKE_A1111_PORT } from "../../playwright.config";

const FAKE_A1111 = `http://127.0.0.1:${FAKE_A1111_PORT}`;

test.beforeEach(async ({ request }) => {
  await request.post(`${FAKE_A1111}/__fake/reset`);
});
test.afterEach(async ({ request }) => {
  await request.post(`${FAKE_A1111}/__fake/reset`);
});

test("A1111: the result card shows live previews of the image being made, then the image in their place", async ({
  page,
  request,
}) => {
  // A live picture every 3 steps (A1111's show_progress_every_n_steps), 40 steps of 80 ms: about 3 s.
  const options = await request.post(`${FAKE_A1111}/sdapi/v1/options`, { data: { show_progress_every_n_steps: 3 } });
  expect(options.ok()).toBe(true);

  await page.goto("/");
  await expect(page.getByRole("combobox", { name: "Backend" })).toHaveValue("automatic1111");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a lighthouse on a cliff at dusk");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  const prompt = await page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
  await page.getByRole("spinbutton", { name: "Steps" }).fill("40");
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const card = page.locator("main article").first();
  const preview = card.getByRole("img", { name: /^Preview, \d+%$/ });
  await expect(preview).toBeVisible({ timeout: 15_000 });
  // A frame the server shrank (512 px from A1111 → a 256 px WebP), carried in the events stream.
  expect(await preview.getAttribute("src")).toMatch(/^data:image\/webp;base64,/);
  // Decoding is asynchronous, even for a data: URL.
  await expect
    .poll(() => preview.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight })))
    .toEqual({ w: 256, h: 256 });
  // The frames change as the sampling goes on.
  const first = await preview.getAttribute("src");
  await expect.poll(() => preview.getAttribute("src"), { timeout: 10_000 }).not.toBe(first);

  // Then the image, and the preview is gone.
  await expect(card.getByRole("img", { name: prompt, exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole("img", { name: /^Preview/ })).toHaveCount(0);

  // Only the image was stored: the generation has one image, and the gallery shows one for the idea.
  const href = await card.locator("a[href^='/images/']").first().getAttribute("href");
  const stored = await (await request.get(`/api${href}`)).json();
  const generation = await (await request.get(`/api/generations/${stored.generationId}`)).json();
  expect(generation.images).toHaveLength(1);

  // The fake was asked for the live picture while the job ran.
  const log = await (await request.get(`${FAKE_A1111}/__fake/requests`)).json();
  const paths = (Array.isArray(log) ? log : log.requests).map((r: { path: string }) => r.path) as string[];
  expect(paths).toContain("/sdapi/v1/progress?skip_current_image=false");
});
