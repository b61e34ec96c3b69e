import { expect, type Page, test } from "@playwright/test";
import { refineIdea } from "./helpers";

/** The seeds the cells recorded under their images, in order. */
async function cellSeeds(page: Page): Promise<string[]> {
  const cells = page.getByRole("region", { name: "Comparison" }).getByRole("listitem");
  const texts = await cells.allTextContents();
  return texts.map((t) => /Seed (\d+)/.exec(t)?.[1] ?? "none");
}

async function expectTwoColumnGrid(page: Page) {
  const grid = page.getByRole("region", { name: "Comparison" });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole("listitem")).toHaveCount(2);
  // Both images arrive and actually decode.
  const images = grid.getByRole("img");
  await expect(images).toHaveCount(2, { timeout: 30_000 });
  for (const img of await images.all()) {
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  }
  // Two columns side by side: same top, different left.
  const columns = await grid.locator("ul").evaluate((ul) => getComputedStyle(ul).gridTemplateColumns.split(" ").length);
  expect(columns).toBe(2);
  const [boxA, boxB] = await Promise.all((await images.all()).map((i) => i.boundingBox()));
  expect(boxA && boxB && Math.abs(boxA.y - boxB.y) < 2 && boxB.x > boxA.x + boxA.width / 2).toBe(true);
}

test("offline: compare two versions side by side with one seed, the prompt diff beneath; it reopens", async ({
  page,
}) => {
  await page.goto("/");
  await refineIdea(page, "a lighthouse on a cliff above the sea");
  await page.getByRole("textbox", { name: "Instruction" }).fill("make it night");
  await page.getByRole("button", { name: "Refine again" }).click();
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(/night/i, { timeout: 20_000 });
  // Saved, not only streamed: History lists the child with its instruction.
  await expect(page.getByRole("region", { name: "History" }).getByText(/make it night/i)).toBeVisible({
    timeout: 20_000,
  });
  await expect(page).toHaveURL(/[?&]idea=[A-Za-z0-9_-]+/);
  const ideaId = new URL(page.url()).searchParams.get("idea");

  // From the idea page: tick v1 and v2, then Compare images.
  await page.goto(`/ideas/${ideaId}`);
  const compare = page.getByRole("button", { name: "Compare images" });
  await page.getByRole("checkbox", { name: "Select v1" }).check();
  await expect(compare).toBeDisabled();
  await page.getByRole("checkbox", { name: "Select v2" }).check();
  await expect(compare).toBeEnabled();
  await compare.click();
  await expect(page).toHaveURL(/\/compare\/[A-Za-z0-9_-]+$/, { timeout: 45_000 });
  const url = page.url();

  await expect(page.getByRole("heading", { level: 1, name: "Comparison of v1, v2" })).toBeVisible();
  await expectTwoColumnGrid(page);
  const seeds = await cellSeeds(page);
  expect(seeds).toHaveLength(2);
  expect(new Set(seeds).size, `seeds recorded: ${seeds.join(", ")}`).toBe(1);
  expect(seeds[0]).toMatch(/^\d+$/);
  await expect(page.getByText(`Same seed ${seeds[0]}`)).toBeVisible();
  await expect(page.getByText("Offline sketch (no model)").first()).toBeVisible();

  // The prompt diff beneath: v2 against v1, the added words marked.
  const diff = page.getByRole("region", { name: "Prompt differences" });
  await expect(diff).toBeVisible();
  await expect(diff.getByText("compared with v1")).toBeVisible();
  await expect(diff.locator("ins").filter({ hasText: /night/i }).first()).toBeVisible();

  // A reload reopens the same comparison, seeds and all.
  await page.reload();
  await expectTwoColumnGrid(page);
  expect(await cellSeeds(page)).toEqual(seeds);

  // The idea page lists it, and the link reopens it.
  await page.getByRole("link", { name: "Back to the idea" }).click();
  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}$`));
  await page.getByRole("link", { name: "Comparison of v1, v2" }).first().click();
  await expect(page).toHaveURL(url);
  await expectTwoColumnGrid(page);
});

test("offline: deleting a comparison asks first, then returns to the idea with its images kept", async ({
  page,
  request,
}) => {
  const v1 = await (
    await request.post("/api/refine", {
      data: { idea: "a red kite over a green hill" },
      headers: { accept: "application/json" },
    })
  ).json();
  const v2 = await (
    await request.post("/api/refine", {
      data: { parentId: v1.id, instruction: "make it winter" },
      headers: { accept: "application/json" },
    })
  ).json();
  const made = await request.post("/api/comparisons", {
    data: { versionIds: [v1.id, v2.id], backend: "offline", params: { seed: 4242 } },
  });
  expect(made.status()).toBe(201);
  const comparison = await made.json();

  await page.goto(`/compare/${comparison.id}`);
  await expect(page.getByText("Same seed 4242")).toBeVisible();
  await expect.poll(() => cellSeeds(page), { timeout: 30_000 }).toEqual(["4242", "4242"]);

  await page.getByRole("button", { name: "Delete comparison" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this comparison?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete comparison" }).click();
  await expect(page).toHaveURL(new RegExp(`/ideas/${v1.ideaId}$`), { timeout: 45_000 });
  expect((await request.get(`/api/comparisons/${comparison.id}`)).status()).toBe(404);
  // The images were the idea's: they stay.
  const idea = await (await request.get(`/api/ideas/${v1.ideaId}`)).json();
  expect(idea.generations.flatMap((g: { images: unknown[] }) => g.images)).toHaveLength(2);
});
