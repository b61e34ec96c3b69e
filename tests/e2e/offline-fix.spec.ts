import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { switchColorScheme } from "./helpers";

/*
 * Does the image match the idea? (issue 11), offline with no key: the idea's checklist under the
 * prompt, the offline judge's receipt on the result, and Fix misses running its rounds on the
 * server, still there after a reload. The newcomer's own example: the refined prompt's palette
 * ("deep navy and silver with accents of warm amber") outweighs "red", and the sketch paints the
 * foxes amber, as a diffusion model lets a palette bleed into its subject. The judge catches it;
 * the round's edit quiets the palette, and the same seed draws red foxes.
 */

const IDEA = "two red foxes under a full moon";

async function refineAndGenerate(page: Page) {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(IDEA);
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  const checklist = page.getByRole("region", { name: "Checklist" });
  await expect(checklist).toContainText("there are exactly two foxes");
  await expect(checklist).toContainText("the foxes are red");
  const prompt = await page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.locator("main").getByRole("img", { name: prompt, exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
  return prompt;
}

test("a newcomer sees the checklist and a receipt, presses Fix misses and watches the rounds", async ({ page }) => {
  await refineAndGenerate(page);

  // The offline judge checks every new image by itself (AUTO_CHECK): the receipt comes unasked.
  const receipt = page.getByRole("button", { name: /3 of 4 passed.*checked by Offline check \(no model\)/ }).first();
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  await expect(receipt).toContainText("missed");
  await expect(receipt).toHaveAttribute("aria-expanded", "false");
  await receipt.click();
  await expect(receipt).toHaveAttribute("aria-expanded", "true");
  const list = page.locator(`[id="${await receipt.getAttribute("aria-controls")}"]`);
  await expect(list.getByRole("listitem").filter({ hasText: "the foxes are red" })).toContainText("missed");

  await page.getByRole("button", { name: "Fix misses" }).first().click();
  const loop = page.getByRole("region", { name: "Fix loop" });
  await expect(loop).toBeVisible();
  await expect(loop.getByText("Round 1", { exact: true })).toBeVisible({ timeout: 60_000 });
  const status = loop.getByRole("status");
  await expect(status).toHaveText("Done: every item passes", { timeout: 90_000 });
  await expect(loop.getByText("Best", { exact: true })).toBeVisible();
  await expect(loop).toContainText(/4 of 4|100 %/);
  const ended = await status.textContent();
  // The round's version joins History as it arrives, without a reload.
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("button", { name: "Load v2" })).toContainText("Fixed from v1");

  // The loop lives on the server: after a reload the page finds it again through the address.
  expect(page.url()).toMatch(/[?&]fix=/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Fix loop" }).getByRole("status")).toHaveText(ended ?? "", {
    timeout: 30_000,
  });

  for (const scheme of ["light", "dark"] as const) {
    await switchColorScheme(page, scheme);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
  }
});

test("the image page shows the receipt, and the gallery sorts by score", async ({ page, request }) => {
  await refineAndGenerate(page);
  const images = await (await request.get("/api/images?sort=score&limit=50")).json();
  expect(images.items.length).toBeGreaterThan(0);
  const first = images.items[0];
  const detail = await (await request.get(`/api/images/${first.id}`)).json();
  expect(detail.check.judge.label).toBe("Offline check (no model)");
  await page.goto(`/images/${first.id}`);
  await expect(page.getByRole("heading", { name: "Does it match the idea?" })).toBeVisible();
  await expect(page.getByRole("button", { name: /checked by Offline check \(no model\)/ })).toBeVisible();
  await page.goto("/gallery?sort=score");
  await expect(page.getByRole("combobox", { name: /Sort/ })).toHaveValue("score");
});
