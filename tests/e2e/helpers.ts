import { expect, type Page } from "@playwright/test";
import { FAKE_OPENAI_PORT } from "../../playwright.config";

/** The fake OpenAI server (playwright.config.ts starts it on a free port; a local run may point elsewhere). */
export const FAKE_OPENAI = process.env.FAKE_OPENAI_URL ?? `http://127.0.0.1:${FAKE_OPENAI_PORT}`;

/** Types an idea, refines it, and waits until the streamed prompt is saved. Returns the prompt. */
export async function refineIdea(page: Page, idea: string): Promise<{ prompt: string; lengths: number[] }> {
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  const promptBox = page.getByRole("textbox", { name: "Prompt", exact: true });
  // Sample the prompt inside the page while it streams (round trips from the test are too slow
  // on a busy machine): several growing lengths prove it arrives in pieces.
  await promptBox.evaluate((el: HTMLTextAreaElement) => {
    const seen: number[] = [];
    (window as unknown as { __promptLengths: number[] }).__promptLengths = seen;
    const sample = () => {
      if (el.value.length && seen.at(-1) !== el.value.length) seen.push(el.value.length);
    };
    new MutationObserver(sample).observe(el, { childList: true, characterData: true, subtree: true, attributes: true });
    const timer = setInterval(sample, 2);
    setTimeout(() => clearInterval(timer), 30_000);
  });
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  const lengths = await page.evaluate(() => (window as unknown as { __promptLengths: number[] }).__promptLengths);
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

/**
 * Switches a live page to a colour scheme and waits until its colour transitions have ended.
 * Buttons and links fade their colours (transition-colors, 120–150 ms): axe run at once measured
 * text against a background half-way between light and dark (2.6:1 on Chromium 156.0.8078.114).
 */
export async function switchColorScheme(page: Page, colorScheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme });
  await page.waitForFunction(() => !document.getAnimations().some((a) => a instanceof CSSTransition));
}
