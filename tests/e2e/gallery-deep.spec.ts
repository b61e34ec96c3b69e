/**
 * Issue 12: the gallery scrolled deep. 2,000 images seeded into a fresh DATA_DIR (npm run seed)
 * before the server starts; the grid loads them all by scrolling, and the DOM holds only the rows
 * near the screen however far one goes. Keyboard: Tab walks the tiles in order, each focused tile
 * on screen. Back from an image page deep down lands at the same tile. Thumbnails are asked for at
 * their content-addressed URLs, cached for good.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { PORTS } from "../../playwright.config";
import { type AppServer, appServer, OPEN_ENV } from "./app-server";

const IMAGES = 2000;
/** Rows near the screen at 1280×800: a few dozen tiles; the whole list would be 2,000. */
const MAX_TILES = 150;

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-deep-gallery-"));
let server: AppServer;

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  execFileSync(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions",
      "react-server",
      "scripts/seed.ts",
      "--data-dir",
      dataDir,
      "--ideas",
      "40",
      "--images",
      String(IMAGES),
    ],
    { stdio: "ignore", env: { ...process.env, DATABASE_URL: "" } },
  );
  server = appServer(PORTS.deepGallery, () => ({ ...OPEN_ENV, DATA_DIR: dataDir }));
  server.start();
  await server.waitUp(request);
});

test.afterAll(async () => {
  if (server?.running) await server.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const tiles = (page: Page) => page.locator("ul[aria-label='Images'] > li");
const domSize = (page: Page) => page.evaluate(() => document.getElementsByTagName("*").length);

test("scrolling through 2,000 images keeps the DOM bounded, and Tab keeps focus on screen", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.base}/gallery`);
  await expect(tiles(page).first()).toBeVisible();
  const firstSrc = await tiles(page).first().locator("img").getAttribute("src");
  expect(firstSrc).toMatch(/^\/api\/images\/[^/]+\/thumb\?v=[0-9a-f]{16}$/);
  const thumb = await page.request.get(`${server.base}${firstSrc}`);
  expect(thumb.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  const status = page.getByRole("status").filter({ hasText: /images? shown|Showing/ });
  const sizes: number[] = [];
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    sizes.push(await tiles(page).count());
    await expect(status).toHaveText(`All ${IMAGES} images shown`, { timeout: 250 });
  }).toPass({ timeout: 90_000, intervals: [50] });

  const deep = { tiles: await tiles(page).count(), nodes: await domSize(page) };
  console.log(`deep gallery: ${IMAGES} images loaded, ${deep.tiles} tiles and ${deep.nodes} elements in the DOM`);
  expect(Math.max(...sizes, deep.tiles)).toBeLessThanOrEqual(MAX_TILES);
  expect(deep.tiles).toBeGreaterThan(0);
  // The last image is there at the end, with its position in the whole list.
  await expect(tiles(page).last()).toHaveAttribute("aria-posinset", String(IMAGES));
  await expect(tiles(page).last()).toHaveAttribute("aria-setsize", String(IMAGES));

  // Back to the top: the first tiles come back, and the DOM is no bigger than at the end.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(tiles(page).first()).toHaveAttribute("aria-posinset", "1");
  expect(await domSize(page)).toBeLessThan(deep.nodes + 400);

  // Tab from the filters into the grid and on through 40 tiles: each in order, each on screen.
  await page.locator("ul[aria-label='Images'] a").first().focus();
  let previous = 1;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const focused = page.locator("ul[aria-label='Images'] > li:has(a:focus)");
    await expect(focused).toHaveCount(1);
    const at = Number(await focused.getAttribute("aria-posinset"));
    expect(at).toBe(previous + 1);
    previous = at;
    await expect(page.locator("ul[aria-label='Images'] a:focus")).toBeInViewport();
  }
  expect(await tiles(page).count()).toBeLessThanOrEqual(MAX_TILES);

  // Deep down, open an image and come Back: the same tile is on screen again.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
  await page.waitForTimeout(200);
  const n = await page.evaluate(() => {
    const li = [...document.querySelectorAll<HTMLElement>("ul[aria-label='Images'] > li")].find((el) => {
      const top = el.getBoundingClientRect().top;
      return top > 150 && top < 500;
    });
    return li?.getAttribute("aria-posinset");
  });
  expect(Number(n)).toBeGreaterThan(1000);
  await page.locator(`ul[aria-label='Images'] > li[aria-posinset='${n}'] a`).click();
  await page.waitForURL(/\/images\//);
  await page.goBack();
  await expect(page.locator(`ul[aria-label='Images'] > li[aria-posinset='${n}']`)).toBeInViewport();
});
