import { expect, type Page } from "@playwright/test";

export const FAKE_OPENAI = "http://127.0.0.1:4310";

/** Types an idea, refines it, and waits until the streamed prompt is saved. Returns the prompt. */
export async function refineIdea(page: Page, idea: string): Promise<{ prompt: string; lengths: number[] }> {
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  const promptBox = page.getByRole("textbox", { name: "Prompt", exact: true });
  // Sample the prompt while it streams: several growing lengths prove it arrives in pieces.
  const lengths: number[] = [];
  const sampling = (async () => {
    for (let i = 0; i < 400; i++) {
      const value = await promptBox.inputValue().catch(() => "");
      if (value.length && lengths.at(-1) !== value.length) lengths.push(value.length);
      if (
        await page
          .getByRole("button", { name: "Refine again" })
          .isVisible()
          .catch(() => false)
      )
        break;
      await page.waitForTimeout(10);
    }
  })();
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  await sampling;
  const prompt = await promptBox.inputValue();
  expect(prompt.length).toBeGreaterThan(40);
  return { prompt, lengths };
}

export async function generateAndWait(page: Page, prompt: string) {
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const image = page.locator("main").getByRole("img", { name: prompt, exact: true }).first();
  await expect(image).toBeVisible({ timeout: 30_000 });
  return image;
}

export async function resetFake(request: import("@playwright/test").APIRequestContext) {
  await request.post(`${FAKE_OPENAI}/__fake/reset`);
}
