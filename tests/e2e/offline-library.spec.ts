import { expect, test } from "@playwright/test";
import { refineIdea } from "./helpers";

test("offline: star a version, find it in the Library, start a new idea from it", async ({ page }) => {
  await page.goto("/");
  const { prompt } = await refineIdea(page, "a paper boat sailing down a rainy street");
  const firstIdea = new URL(page.url()).searchParams.get("idea");
  const name = `Rainy paper boat ${Date.now()}`;

  await page.getByRole("button", { name: "Star", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Save to library" });
  await expect(dialog).toBeVisible();
  const field = dialog.getByRole("textbox", { name: "Name" });
  await expect(field).not.toHaveValue("");
  await field.fill(name);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Starred", exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Library", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Library" })).toBeVisible();
  const search = page.getByRole("searchbox", { name: "Search library" });
  await search.fill("rainy paper boat");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/library\?q=rainy\+paper\+boat/);
  const entry = page.getByRole("article", { name });
  await expect(entry).toBeVisible();
  await expect(entry).toContainText(prompt.slice(0, 60));

  await entry.getByRole("button", { name: "Start new idea" }).click();
  await expect(page).toHaveURL(/\/\?idea=[A-Za-z0-9_-]+&version=[A-Za-z0-9_-]+$/, { timeout: 45_000 });
  const newIdea = new URL(page.url()).searchParams.get("idea");
  expect(newIdea).not.toBe(firstIdea);
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(prompt);
});

test("offline: in the Library, rename an entry, remove it and undo", async ({ page, request }) => {
  const version = await (
    await request.post("/api/refine", {
      data: { idea: "a teapot shaped like a snail" },
      headers: { accept: "application/json" },
    })
  ).json();
  const unique = `Snail teapot ${Date.now()}`;
  expect((await request.post("/api/library", { data: { versionId: version.id, name: unique } })).status()).toBe(201);

  await page.goto(`/library?q=${encodeURIComponent(unique)}`);
  let entry = page.getByRole("article", { name: unique });
  await entry.getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename" });
  await dialog.getByRole("textbox", { name: "Name" }).fill(`${unique} (renamed)`);
  await dialog.getByRole("button", { name: "Save" }).click();
  entry = page.getByRole("article", { name: `${unique} (renamed)` });
  await expect(entry).toBeVisible();

  await entry.getByRole("button", { name: "Remove" }).click();
  await expect(entry).toBeHidden();
  const notice = page.getByRole("status").filter({ hasText: `Removed “${unique} (renamed)”` });
  await expect(notice).toBeVisible();
  const listed = async () =>
    (await (await request.get(`/api/library?q=${encodeURIComponent(unique)}`)).json()).items.map(
      (e: { name: string }) => e.name,
    );
  expect(await listed()).toEqual([]);

  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("article", { name: `${unique} (renamed)` })).toBeVisible();
  expect(await listed()).toEqual([`${unique} (renamed)`]);
});
