import { expect, type Page, test } from "@playwright/test";
import { refineIdea } from "./helpers";

/* Issue 16 §1 and §7: a hand edit survives a reload and a trip to the Gallery; on a phone the studio follows the work. */

const promptBox = (page: Page) => page.getByRole("textbox", { name: "Prompt", exact: true });

test("an edit saves itself and survives a reload, an immediate reload and a trip to the Gallery and back", async ({
  page,
}) => {
  await page.goto("/");
  const { prompt: first } = await refineIdea(page, "a lighthouse on a cliff above the sea");
  const history = page.getByRole("region", { name: "History" });

  // Typing pauses: the edit becomes v2 by itself.
  const edited = `${first} Painted in gouache.`;
  await promptBox(page).fill(edited);
  await expect(page.getByText("Unsaved changes", { exact: true })).toBeVisible();
  await expect(page.getByText("Saved as v2", { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page).toHaveURL(/version=/);
  await page.reload();
  await expect(promptBox(page)).toHaveValue(edited);
  await expect(history.getByRole("button", { name: "Load v2", exact: true })).toHaveAttribute("aria-current", "true");

  // Reloaded at once, before the pause: the browser may ask first; leaving keeps the edit anyway.
  const sudden = `${edited} Storm clouds gather.`;
  page.on("dialog", (d) => void d.accept());
  await promptBox(page).fill(sudden);
  await page.reload();
  await expect(promptBox(page)).toHaveValue(sudden, { timeout: 10_000 });
  // Saved once (as v3, by the request that outlived the page, or by this page if that came too late).
  await expect(history.getByRole("button", { name: "Load v3", exact: true })).toHaveAttribute("aria-current", "true", {
    timeout: 10_000,
  });
  await expect(page.getByText("Unsaved changes", { exact: true })).toHaveCount(0);
  await expect(history.getByRole("button", { name: "Load v4", exact: true })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("edit-kept-after-reload.png"), fullPage: true });

  // The header's Gallery link, clicked straight after typing: saved first, then the Gallery, then Back.
  const beforeGallery = `${sudden} A gull overhead.`;
  await promptBox(page).fill(beforeGallery);
  await page.getByRole("link", { name: "Gallery", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Gallery" })).toBeVisible();
  await page.goBack();
  await expect(promptBox(page)).toHaveValue(beforeGallery);
  await expect(history.getByRole("button", { name: "Load v4", exact: true })).toHaveAttribute("aria-current", "true");

  // Star acts on the text on screen: the Library gets the edit, not the version it came from.
  const starred = `${beforeGallery} Starred as seen.`;
  await promptBox(page).fill(starred);
  await page.getByRole("button", { name: "Star", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Save to library" });
  await dialog.getByRole("textbox", { name: "Name" }).fill("Gouache lighthouse");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("button", { name: "Starred" })).toBeVisible();
  await page.goto("/library");
  await expect(page.getByText("Starred as seen.").first()).toBeVisible();
});

test("a prompt typed before any Refine is generated as written", async ({ page }) => {
  await page.goto("/");
  const mine = "1girl, red hood, (forest:1.2), moonlight";
  await promptBox(page).fill(mine);
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.locator("main").getByRole("img", { name: mine, exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("v1 · As written")).toBeVisible();
  await expect(promptBox(page)).toHaveValue(mine);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("Refine brings the Prompt into view; Generate brings the results", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a red fox asleep in fresh snow");
    const box = promptBox(page);
    expect(await box.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(844);
    await page.getByRole("button", { name: "Refine", exact: true }).click();
    await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
    await expect(box).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath("phone-after-refine.png") });

    await page.getByRole("button", { name: "Generate", exact: true }).click();
    const results = page.getByRole("region", { name: "Results" });
    await expect(results.getByRole("listitem").first()).toBeInViewport({ timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath("phone-after-generate.png") });
    // Nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
