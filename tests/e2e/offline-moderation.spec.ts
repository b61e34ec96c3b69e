import { expect, type Page, test } from "@playwright/test";

/**
 * The offline policy in the browser: a blocked request says why (the category) where the person
 * pressed the button, and no image appears, in the studio or the gallery.
 */

const CATEGORY = /graphic violence or gore/;

async function expectNoImageFor(page: Page, text: string) {
  await expect(page.locator("main").getByRole("img", { name: text })).toHaveCount(0);
  const res = await page.request.get(`/api/images?q=${encodeURIComponent("severed")}`);
  expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  await page.getByRole("link", { name: "Gallery", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Gallery", level: 1 })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("img", { name: /severed/i })).toHaveCount(0);
}

test("offline moderation: a harmful idea is refused with its category, and no image is made", async ({ page }) => {
  const idea = "a battlefield covered in severed heads, gore everywhere";
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  await page.getByRole("button", { name: "Refine", exact: true }).click();

  // Refine may refuse the idea itself (once refine is moderated too), or write a prompt that Generate refuses.
  const refused = page.getByRole("alert").filter({ hasText: CATEGORY });
  const refined = page.getByRole("button", { name: "Refine again" });
  await expect(refused.or(refined).first()).toBeVisible({ timeout: 30_000 });

  if (await refined.isVisible()) {
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/generate") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    const res = await answer;
    expect(res.status()).toBe(422);
    expect(await res.json()).toMatchObject({
      error: { code: "moderation_blocked", details: { categories: ["violence/graphic"], source: "policy" } },
    });
    const alert = page.getByRole("alert").filter({ hasText: "Generate failed" });
    await expect(alert).toContainText("Blocked by the safety check");
    await expect(alert).toContainText(CATEGORY);
    await expect(alert).toContainText("Nothing was generated.");
    // No generation card was added: nothing is queued, running or failed.
    await expect(page.getByRole("progressbar", { name: "Generation progress" })).toHaveCount(0);
  }
  await expectNoImageFor(page, idea);
});

test("offline moderation: a harmful prompt typed over a refined one is refused at Generate", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a quiet harbour at dawn");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });

  const prompt = "a quiet harbour at dawn, a severed head floating by the pier";
  await page.getByRole("textbox", { name: "Prompt", exact: true }).fill(prompt);
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const alert = page.getByRole("alert").filter({ hasText: "Generate failed" });
  await expect(alert).toContainText("The prompt was blocked by our safety policy: graphic violence or gore.");
  await expect(page.getByRole("progressbar", { name: "Generation progress" })).toHaveCount(0);

  // The same prompt made harmless goes through: the refusal was about the words, not the session.
  await page.getByRole("textbox", { name: "Prompt", exact: true }).fill("a quiet harbour at dawn, a gull on the pier");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(
    page.locator("main").getByRole("img", { name: "a quiet harbour at dawn, a gull on the pier", exact: true }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(alert).toHaveCount(0);
  await expectNoImageFor(page, prompt);
});
