#!/usr/bin/env node
// Screenshots of every screen at desktop and phone widths, light and dark, for looking at
// (and for the README). Usage: node scripts/screenshots.mjs [baseURL] [outDir]
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS } from "./chromium-args.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = process.argv[3] ?? "test-results/screenshots";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});

async function journey(page) {
  await page.goto(`${base}/`);
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a fox in the snow, cozy");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await page.getByRole("button", { name: "Refine again" }).waitFor({ timeout: 30_000 });
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const prompt = await page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
  await page.locator("main").getByRole("img", { name: prompt, exact: true }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(400);
}

const sizes = { desktop: { width: 1440, height: 900 }, phone: { width: 375, height: 812 } };
for (const scheme of ["light", "dark"]) {
  for (const [name, viewport] of Object.entries(sizes)) {
    const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const shot = async (label) => {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) console.warn(`${label} ${name}: scrolls sideways by ${overflow}px`);
      // A sticky header lands where the page was scrolled to in a full-page capture.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${out}/${label}-${name}-${scheme}.png`, fullPage: true });
    };
    await page.goto(`${base}/`);
    await shot("studio-empty");
    await journey(page);
    await shot("studio-done");
    await page.goto(`${base}/gallery`);
    await page.waitForLoadState("networkidle");
    await shot("gallery");
    await page.locator("main a[href^='/images/']").first().click();
    await page.waitForURL(/\/images\//);
    await page.getByRole("button", { name: "Favorite" }).waitFor();
    await page.waitForLoadState("networkidle");
    await shot("image-detail");
    await page.locator("main a[href^='/ideas/']").first().click();
    await page.waitForURL(/\/ideas\//);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    await shot("idea");
    await context.close();
  }
}
await browser.close();
console.log(`screenshots in ${out}`);
