import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

/** A word no other spec writes, so the search finds only this spec's ideas on the shared server. */
const tag = (name: string) =>
  `${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toLowerCase();

async function newIdea(request: APIRequestContext, idea: string) {
  const res = await request.post("/api/refine", { data: { idea }, headers: { accept: "application/json" } });
  expect(res.status()).toBe(201);
  const version = (await res.json()) as { id: string; ideaId: string };
  const detail = await (await request.get(`/api/ideas/${version.ideaId}`)).json();
  return { ...version, title: detail.idea.title as string };
}

async function generate(request: APIRequestContext, promptId: string) {
  const g = await (
    await request.post("/api/generate", { data: { promptId, backend: "offline", params: { size: "512x512" } } })
  ).json();
  for (let i = 0; i < 150; i++) {
    const current = await (await request.get(`/api/generations/${g.id}`)).json();
    if (current.status === "succeeded") return current;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the generation did not finish");
}

const card = (page: Page, title: string) => page.getByRole("article", { name: title, exact: true });

test("offline: find an idea on the Ideas page, filter, open it in the Studio, delete with Undo", async ({
  page,
  request,
}) => {
  const word = tag("kettle");
  const kettle = await newIdea(request, `a copper kettle whistling on a stove ${word}`);
  const bridge = await newIdea(request, `a moss covered stone bridge over a stream ${word}`);
  await generate(request, kettle.id);

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ideas", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ideas" })).toBeVisible();

  // Search as you type: a prefix of the last word is enough, and the address follows.
  const search = page.getByRole("searchbox", { name: "Search ideas" });
  await search.pressSequentially(`copper ${word.slice(0, -2)}`, { delay: 20 });
  await expect(card(page, kettle.title)).toBeVisible();
  await expect(card(page, bridge.title)).toBeHidden();
  await expect(page).toHaveURL(/\/ideas\?q=copper\+/);
  await expect(card(page, kettle.title).getByRole("img").first()).toHaveAttribute("width", "512");

  // Reload keeps it.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search ideas" })).toHaveValue(`copper ${word.slice(0, -2)}`);
  await expect(card(page, kettle.title)).toBeVisible();

  // Both, then the "Has images" chip narrows to the one with an image.
  await search.fill(word);
  await expect(card(page, bridge.title)).toBeVisible();
  await expect(card(page, kettle.title)).toBeVisible();
  const hasImages = page.getByRole("button", { name: "Has images" });
  await hasImages.click();
  await expect(hasImages).toHaveAttribute("aria-pressed", "true");
  await expect(card(page, bridge.title)).toBeHidden();
  await expect(card(page, kettle.title)).toContainText("1 version · 1 image");
  await expect(page).toHaveURL(/hasImages=1/);
  await hasImages.click();
  await expect(card(page, bridge.title)).toBeVisible();

  // The phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The card's idea page link, and the card itself opening the Studio.
  await expect(card(page, kettle.title).getByRole("link", { name: /^Idea page/ })).toHaveAttribute(
    "href",
    `/ideas/${kettle.ideaId}`,
  );
  await card(page, kettle.title).getByRole("link", { name: kettle.title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?idea=${kettle.ideaId}`));
  await expect(page.getByRole("textbox", { name: "Idea", exact: true })).toHaveValue(/copper kettle/);

  // Back to the list as it was; delete, then Undo: nothing was sent.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/ideas\\?q=${word}`));
  await expect(card(page, bridge.title)).toBeVisible();
  await card(page, bridge.title)
    .getByRole("button", { name: /^Delete/ })
    .click();
  await expect(card(page, bridge.title)).toBeHidden();
  const notice = page.getByRole("status").filter({ hasText: `Deleted “${bridge.title}”.` });
  await expect(notice).toBeVisible();
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(card(page, bridge.title)).toBeVisible();
  expect((await request.get(`/api/ideas/${bridge.ideaId}`)).status()).toBe(200);

  // Delete and let it go: sent when the undo window ends.
  await card(page, bridge.title)
    .getByRole("button", { name: /^Delete/ })
    .click();
  await page.mouse.move(0, 0);
  await expect(notice).toBeVisible();
  expect((await request.get(`/api/ideas/${bridge.ideaId}`)).status()).toBe(200);
  await expect(notice).toBeHidden({ timeout: 15_000 });
  await expect.poll(async () => (await request.get(`/api/ideas/${bridge.ideaId}`)).status()).toBe(404);
  await page.reload();
  await expect(card(page, kettle.title)).toBeVisible();
  await expect(card(page, bridge.title)).toBeHidden();

  // Leaving the page inside the window sends the delete at once (keepalive).
  await card(page, kettle.title)
    .getByRole("button", { name: /^Delete/ })
    .click();
  await expect(page.getByRole("status").filter({ hasText: `Deleted “${kettle.title}”.` })).toBeVisible();
  await page.goto("/gallery");
  await expect.poll(async () => (await request.get(`/api/ideas/${kettle.ideaId}`)).status()).toBe(404);
});

for (const scheme of ["light", "dark"] as const) {
  test(`offline: axe finds no serious or critical violation on /ideas (${scheme})`, async ({ page, request }) => {
    const word = tag("lantern");
    const idea = await newIdea(request, `a paper lantern over a night market ${word}`);
    await generate(request, idea.id);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ["/ideas", `/ideas?q=${word}&hasImages=1`, "/ideas?q=nothingmatchesthisatall"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        bad.map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`),
      ).toEqual([]);
    }
    // The delete with Undo's notice, too.
    await page.goto(`/ideas?q=${word}`);
    await card(page, idea.title)
      .getByRole("button", { name: /^Delete/ })
      .click();
    await page.mouse.move(0, 0);
    await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await page.getByRole("button", { name: "Undo" }).click();
  });
}
