import { expect, test } from "@playwright/test";
import { generateAndWait, refineIdea } from "./helpers";

test("offline: idea → streamed prompt → image → gallery, detail page and history", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText(/embedded defaults/i).first()).toBeVisible();

  const idea = "a fox in the snow, cozy";
  const { prompt, lengths } = await refineIdea(page, idea);
  expect(lengths.length, `prompt lengths seen while streaming: ${lengths.join(",")}`).toBeGreaterThan(2);
  for (const word of ["fox", "snow", "cozy"]) expect(prompt.toLowerCase()).toContain(word);

  await generateAndWait(page, prompt);
  await expect(
    page.getByText("Offline sketch (no model)", { exact: true }).filter({ visible: true }).first(),
  ).toBeVisible();

  // History holds the version.
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("button").first()).toBeVisible();

  // The gallery shows it, newest first, and opens its detail page.
  await page.getByRole("link", { name: "Gallery", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Gallery", level: 1 })).toBeVisible();
  const thumb = page.getByRole("img", { name: prompt, exact: true }).first();
  await expect(thumb).toBeVisible();
  // Visible is its box; the bytes may still be on the way (a thumbnail made on demand). A broken
  // image keeps naturalWidth at 0, so this still fails on one.
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await thumb.click();
  await expect(page).toHaveURL(/\/images\/[A-Za-z0-9_-]+$/);
  await expect(page.getByText(prompt).first()).toBeVisible();
  await expect(
    page.getByText("Offline sketch (no model)", { exact: true }).filter({ visible: true }).first(),
  ).toBeVisible();
  for (const name of ["Reuse prompt", "Download", "Delete"]) {
    await expect(
      page
        .getByRole(name === "Download" ? "link" : "button", { name })
        .or(page.getByRole("link", { name }))
        .first(),
    ).toBeVisible();
  }
  const favorite = page.getByRole("button", { name: "Favorite" });
  await expect(favorite).toHaveAttribute("aria-pressed", "false");
  await favorite.click();
  await expect(favorite).toHaveAttribute("aria-pressed", "true");

  // The idea page shows the version and its image.
  await page
    .getByRole("link", { name: new RegExp(idea.split(",")[0] ?? idea, "i") })
    .first()
    .click();
  await expect(page).toHaveURL(/\/ideas\/[A-Za-z0-9_-]+$/);
  await expect(page.getByText(prompt).first()).toBeVisible();
  await expect(page.getByRole("img", { name: prompt, exact: true }).first()).toBeVisible();
});

test("offline: a follow-up instruction makes a second version in History", async ({ page }) => {
  await page.goto("/");
  await refineIdea(page, "a lighthouse on a cliff above the sea");
  await page.getByRole("textbox", { name: "Instruction" }).fill("make it night");
  await page.getByRole("button", { name: "Refine again" }).click();
  const promptBox = page.getByRole("textbox", { name: "Prompt", exact: true });
  await expect(promptBox).toHaveValue(/night/i, { timeout: 20_000 });
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByText(/make it night/i)).toBeVisible();
});

test("offline: the empty-state examples fill the idea", async ({ page }) => {
  await page.goto("/");
  const idea = page.getByRole("textbox", { name: "Idea", exact: true });
  await expect(idea).toHaveValue("");
  const example = page.getByRole("button", { name: /^Try:/ }).first();
  await example.click();
  await expect(idea).not.toHaveValue("");
});

test("offline: bad input gets a clear error and changes nothing", async ({ request }) => {
  const before = await (await request.get("/api/images?limit=100")).json();
  const r = await request.post("/api/refine", { data: { idea: "" }, headers: { accept: "application/json" } });
  expect(r.status()).toBe(400);
  const body = await r.json();
  expect(body.error.code).toBe("invalid_request");
  const g = await request.post("/api/generate", { data: { promptId: "nope", backend: "offline" } });
  expect(g.status()).toBe(404);
  const after = await (await request.get("/api/images?limit=100")).json();
  expect(after.items.length).toBe(before.items.length);
});
