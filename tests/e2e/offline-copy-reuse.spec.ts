import { expect, type APIRequestContext, test } from "@playwright/test";

/** One idea, one version, and one image per seed (generated one after another, so the newest is the last seed). */
async function seedImages(request: APIRequestContext, seeds: number[]) {
  const version = await (
    await request.post("/api/refine", {
      data: { idea: "a neon sign that says OPEN above a rainy diner door" },
      headers: { accept: "application/json" },
    })
  ).json();
  const images: { id: string; seed: number }[] = [];
  for (const seed of seeds) {
    const queued = await (
      await request.post("/api/generate", {
        data: { promptId: version.id, backend: "offline", params: { size: "1024x1536", n: 1, seed } },
      })
    ).json();
    let done: { status: string; images: { id: string; seed: number }[] } | undefined;
    for (let i = 0; i < 200 && done?.status !== "succeeded"; i++) {
      done = await (await request.get(`/api/generations/${queued.id}`)).json();
      if (done?.status === "failed") throw new Error("the generation failed");
      if (done?.status !== "succeeded") await new Promise((r) => setTimeout(r, 100));
    }
    const image = done?.images[0];
    if (!image) throw new Error("the generation did not finish");
    images.push(image);
  }
  return { version, images };
}

test("offline: copy on the image page, previous and next by arrow keys, Reuse prompt with the same seed", async ({
  page,
  context,
  request,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const { version, images } = await seedImages(request, [4321, 8765]);
  const [older, newer] = images as [{ id: string; seed: number }, { id: string; seed: number }];

  await page.goto(`/images/${newer.id}`);
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  // Copy: the prompt as it is, and "Copied" said.
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await clipboard()).toBe(version.prompt.trim());

  // Copy for Midjourney, from the keyboard: the prompt with --ar from the image's size.
  const menuButton = page.getByRole("button", { name: "Copy for…" });
  await menuButton.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Copy for Midjourney" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Copied for Midjourney" })).toBeVisible();
  await expect(menuButton).toBeFocused();
  expect(await clipboard()).toMatch(/ --ar 2:3$/);
  await menuButton.click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("copy-menu-image-page.png") });
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(menuButton).toBeFocused();

  // The Download link is named after the title and the seed, not the id.
  const download = page.getByRole("link", { name: "Download" });
  await expect(download).toHaveAttribute("download", new RegExp(`-seed-${newer.seed}\\.png$`));
  expect(await download.getAttribute("download")).not.toContain(newer.id);

  // Previous and next: the older image is next in the gallery's order (newest first).
  await page.locator("h1").click(); // focus out of any control: the arrows are the page's
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/images/${older.id}$`));
  await expect(page.getByRole("link", { name: "Previous image" })).toHaveAttribute("href", `/images/${newer.id}`);
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(new RegExp(`/images/${newer.id}$`));
  await page.getByRole("link", { name: "Next image" }).click();
  await expect(page).toHaveURL(new RegExp(`/images/${older.id}$`));

  // Reuse prompt and seed: the studio opens the version with that image's seed, one image.
  await page.getByRole("link", { name: "Reuse prompt and seed" }).click();
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(version.prompt);
  await expect(page.getByRole("spinbutton", { name: "Seed" })).toHaveValue(String(older.seed));
  await expect(page.getByRole("checkbox", { name: "Random" })).not.toBeChecked();

  // Copy beside the prompt in the studio too.
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Copied$/ })).toBeVisible();
  expect(await clipboard()).toBe(version.prompt.trim());
  await page.getByRole("button", { name: "Copy for…" }).click();
  await page.screenshot({ path: test.info().outputPath("copy-menu-studio.png") });
  await page.getByRole("menuitem", { name: "Copy for Stable Diffusion" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied for Stable Diffusion" })).toBeVisible();
  expect(await clipboard()).not.toContain("--ar");

  // Reuse prompt, new seed: same prompt, a random seed.
  await page.goto(`/images/${older.id}`);
  await page.getByRole("link", { name: "Reuse prompt, new seed" }).click();
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(version.prompt);
  await expect(page.getByRole("checkbox", { name: "Random" })).toBeChecked();
});

test("offline: opened from a filtered gallery, previous, next and the way back stay within the filter", async ({
  page,
  request,
}) => {
  // Three images of one idea; the middle one is not starred, so the starred list skips it.
  const { version, images } = await seedImages(request, [1111, 2222, 3333]);
  type Seeded = { id: string; seed: number };
  const [oldest, middle, newest] = images as [Seeded, Seeded, Seeded];
  for (const { id } of [oldest, newest]) {
    const res = await request.patch(`/api/images/${id}`, { data: { favorite: true } });
    expect(res.ok()).toBe(true);
  }
  // The idea narrows it to this test's images whatever else the gallery holds.
  const filter = `favorite=1&ideaId=${version.ideaId}`;
  await page.goto(`/gallery?${filter}`);
  const tiles = page.locator("main a[href^='/images/']");
  await expect(tiles).toHaveCount(2);
  await tiles.first().click();
  await expect(page).toHaveURL(new RegExp(`/images/${newest.id}\\?${filter}$`));
  await expect(page.getByRole("link", { name: "Back to gallery" })).toHaveAttribute("href", `/gallery?${filter}`);
  await expect(page.getByRole("link", { name: "Next image" })).toHaveAttribute(
    "href",
    `/images/${oldest.id}?${filter}`,
  );

  await page.locator("h1").click();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(new RegExp(`/images/${oldest.id}\\?${filter}$`));
  await expect(page.getByRole("link", { name: "Previous image" })).toHaveAttribute(
    "href",
    `/images/${newest.id}?${filter}`,
  );
  await expect(page.getByRole("link", { name: "Next image" })).toHaveCount(0);
  expect(page.url()).not.toContain(middle.id);

  // The recipe says who wrote the prompt in plain words.
  await expect(page.locator("dt", { hasText: /^Prompt$/ }).locator("+ dd")).toHaveText(/^Refined by Offline refiner/);

  // Unfiltered, the middle image is between them again.
  await page.goto(`/images/${oldest.id}`);
  await expect(page.getByRole("link", { name: "Previous image" })).toHaveAttribute("href", `/images/${middle.id}`);
  await expect(page.getByRole("link", { name: "Back to gallery" })).toHaveAttribute("href", "/gallery");

  // Back to the gallery as it was filtered.
  await page.goto(`/images/${oldest.id}?${filter}`);
  await page.getByRole("link", { name: "Back to gallery" }).click();
  await expect(page).toHaveURL(new RegExp(`/gallery\\?${filter}$`));
  await expect(page.getByRole("checkbox", { name: "Favorites only" })).toBeChecked();
  await expect(tiles).toHaveCount(2);
});

test("offline: the embedded-defaults notice can be dismissed and stays dismissed after a reload", async ({ page }) => {
  await page.goto("/");
  const notice = page.getByRole("complementary", { name: "Embedded defaults" });
  await expect(notice).toBeVisible();
  await page.getByRole("button", { name: "Dismiss notice" }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator("#main")).toBeFocused();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Idea", exact: true })).toBeVisible();
  await expect(notice).toHaveCount(0);
  // Not even in the server's HTML: nothing flashes in before scripts run.
  const html = await (await page.request.get("/")).text();
  expect(html).not.toContain("Running on embedded defaults");
});

test("offline: candidates show in version order, with what sets each apart underlined", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a lighthouse on a cliff above the sea at dusk");
  await page.getByRole("combobox", { name: "Candidates" }).selectOption("3");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  const cards = page.getByRole("region", { name: "Candidates" });
  await expect(cards.getByRole("button", { name: /^Use this/ })).toHaveCount(3, { timeout: 30_000 });
  const saved = (await cards.locator("li h4 + span").allTextContents()).map((t) => Number(/v(\d+)/.exec(t)?.[1]));
  expect(saved).toHaveLength(3);
  expect(saved).toEqual([...saved].sort((a, b) => a - b));
  // The first reads plain; the others mark the words it does not have.
  const items = cards.locator(":scope > ul > li");
  await expect(items.nth(0).locator("ins")).toHaveCount(0);
  await expect(items.nth(1).locator("ins").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("candidates-diff.png"), fullPage: true });
});
