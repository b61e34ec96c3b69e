#!/usr/bin/env node
// Screenshots of every screen at desktop and phone widths, light and dark, for looking at
// (and for the README). Usage: node scripts/screenshots.mjs [baseURL] [outDir]
// With DEEP_GALLERY=<images> instead: only the gallery scrolled that far down, against a server on
// a seeded data folder (npm run seed -- --data-dir DIR --images 5000), with the DOM's size logged.
// With LIVE_PREVIEW=1 instead: only the Studio's result card while a live preview shows, against a
// server whose default backend is A1111 (the fake: tests/fakes/a1111/cli.ts with STEP_MS=80).
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

/** A fresh Studio, an idea typed and refined, its first version saved. */
async function refineInStudio(page, idea) {
  await page.goto(`${base}/`);
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await page.getByRole("button", { name: "Refine again" }).waitFor({ timeout: 30_000 });
}

async function journey(page) {
  await refineInStudio(page, "a fox in the snow, cozy");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const prompt = await page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
  await page.locator("main").getByRole("img", { name: prompt, exact: true }).first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(400);
}

/** Refine again, lock a part, star, diff and compare two versions, the library, three candidates. */
async function iterate(page, shot) {
  await refineInStudio(page, "a lighthouse on a cliff, stormy sea");
  await page.getByRole("button", { name: "Lock subject" }).click();
  await page.getByRole("textbox", { name: "Instruction" }).fill("make it night, as a watercolor");
  await page.getByRole("button", { name: "Refine again" }).click();
  await page
    .getByText(/Changes from v1/)
    .first()
    .waitFor({ timeout: 30_000 });
  await page
    .getByText(/Changes from v1/)
    .first()
    .click();
  await page.getByRole("button", { name: "Star" }).click();
  await page.getByRole("dialog", { name: "Save to library" }).getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: "Starred" }).waitFor();
  await shot("studio-iterate");
  const ideaUrl = await page.evaluate(() => `/ideas/${new URL(location.href).searchParams.get("idea")}`);
  await page.goto(`${base}${ideaUrl}`);
  await page.getByRole("checkbox", { name: "Select v1" }).check();
  await page.getByRole("checkbox", { name: "Select v2" }).check();
  await page.getByRole("button", { name: "Compare prompts" }).click();
  await page.getByRole("region", { name: "Prompt diff" }).waitFor();
  await shot("idea-diff");
  await page.getByRole("button", { name: "Compare images" }).click();
  await page.waitForURL(/\/compare\//);
  const grid = page.getByRole("region", { name: "Comparison" });
  await grid.getByRole("img").nth(1).waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  await shot("compare");
  await page.goto(`${base}/library`);
  await page.getByRole("searchbox", { name: "Search library" }).waitFor();
  await shot("library");
  await page.goto(`${base}/`);
  await page.getByRole("combobox", { name: "Candidates" }).selectOption("3");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a tea house in the mountains");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await page
    .getByRole("button", { name: /^Use this: Bolder/ })
    .nth(1)
    .waitFor({ timeout: 30_000 });
  await page.waitForTimeout(300);
  await shot("studio-candidates");
}

/** Lazy images load only near the viewport: walk down the page so a full-page capture has them all. */
async function loadAllImages(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForLoadState("networkidle");
}

/** A link to the lighthouse idea (made by iterate), with feedback on; its path `/s/<token>`. */
async function shareLink(page) {
  return page.evaluate(async () => {
    const ideas = await (await fetch("/api/ideas?q=lighthouse&limit=1")).json();
    const body = JSON.stringify({ target: { kind: "idea", id: ideas.items[0].id }, feedback: true });
    const share = await fetch("/api/shares", { method: "POST", headers: { "content-type": "application/json" }, body });
    return (await share.json()).url;
  });
}

/** The Ideas page, a shared story and the list of links. */
async function showing(page, shot) {
  await page.goto(`${base}/ideas`);
  await page.getByRole("searchbox", { name: "Search ideas" }).waitFor();
  await loadAllImages(page);
  await shot("ideas");
  await page.goto(`${base}${await shareLink(page)}`);
  await loadAllImages(page);
  await shot("share-story");
  await page.goto(`${base}/shares`);
  await page.waitForLoadState("networkidle");
  await shot("shares");
}

/** Issue 11: the newcomer's foxes, their receipt opened, Fix misses run to its end, the Ideas page by score. */
async function checking(page, shot) {
  await refineInStudio(page, "two red foxes under a full moon");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const receipt = page.getByRole("button", { name: /passed.*checked by/ }).first();
  await receipt.waitFor({ timeout: 30_000 });
  await receipt.click();
  await page.waitForTimeout(300);
  await shot("receipt");
  await page.getByRole("button", { name: "Fix misses" }).first().click();
  const loop = page.getByRole("region", { name: "Fix loop" });
  await loop
    .getByRole("status")
    .filter({ hasText: /^(Done|Stopped)/ })
    .waitFor({ timeout: 90_000 });
  await loadAllImages(page);
  await loop.scrollIntoViewIfNeeded();
  await shot("fix-loop");
  await page.goto(`${base}/ideas?sort=score`);
  await page.getByRole("searchbox", { name: "Search ideas" }).waitFor();
  await loadAllImages(page);
  await shot("ideas-by-score");
}

/** The presenter's view on a projector: the idea's slide, then the first step. */
async function presenter(scheme) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.goto(`${base}${await shareLink(page)}`);
  await page.getByRole("button", { name: "Present" }).click();
  await page.getByRole("dialog").waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/presenter-1-projector-${scheme}.png` });
  await page.keyboard.press("ArrowRight");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/presenter-2-projector-${scheme}.png` });
  await context.close();
}

const sizes = { desktop: { width: 1440, height: 900 }, phone: { width: 375, height: 812 } };

/** The gallery scrolled until `count` images have loaded, the screen there, and how big the DOM is. */
async function deepGallery(count) {
  for (const scheme of ["light", "dark"]) {
    for (const [name, viewport] of Object.entries(sizes)) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${base}/gallery`);
      const status = page.getByRole("status").filter({ hasText: /images? shown|Showing/ });
      for (let shown = 0; shown < count; ) {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForTimeout(60);
        const text = (await status.textContent()) ?? "";
        shown = Number(text.replace(/[^0-9]/g, "")) || 0;
        if (/All/.test(text)) break;
      }
      // Back up a little from the very end, to a screen full of tiles deep in the list.
      await page.evaluate(() => window.scrollBy(0, -1.5 * window.innerHeight));
      await page.waitForTimeout(300);
      await page.waitForLoadState("networkidle");
      const dom = await page.evaluate(() => ({
        nodes: document.getElementsByTagName("*").length,
        tiles: document.querySelectorAll("ul[aria-label='Images'] > li").length,
        scrollY: Math.round(window.scrollY),
      }));
      console.log(`gallery-deep ${name} ${scheme}: ${(await status.textContent()) ?? ""}; ${JSON.stringify(dom)}`);
      await page.screenshot({ path: `${out}/gallery-deep-${name}-${scheme}.png` });
      await context.close();
    }
  }
}

/** The result card while the backend's intermediate frame shows ("Preview, N%"), then the image. */
async function livePreview() {
  for (const scheme of ["light", "dark"]) {
    for (const [name, viewport] of Object.entries(sizes)) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await refineInStudio(page, "a lighthouse on a cliff at dusk");
      await page.getByRole("spinbutton", { name: "Steps" }).fill("60");
      await page.getByRole("button", { name: "Generate", exact: true }).click();
      const card = page.locator("main article").first();
      const preview = card.getByRole("img", { name: /^Preview, \d+%$/ });
      await preview.waitFor({ timeout: 15_000 });
      // Wait for a frame some way into the sampling, decoded, so the picture is more than noise.
      await page.waitForFunction(
        () => {
          const img = document.querySelector("main article img[alt^='Preview, ']");
          const pct = Number(img?.getAttribute("alt")?.replace(/[^0-9]/g, ""));
          return img instanceof HTMLImageElement && img.naturalWidth > 0 && pct >= 40;
        },
        undefined,
        { timeout: 15_000 },
      );
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${out}/live-preview-${name}-${scheme}.png` });
      console.log(`live-preview ${name} ${scheme}: ${await preview.getAttribute("alt")}`);
      await context.close();
    }
  }
}

if (process.env.LIVE_PREVIEW) {
  await livePreview();
  await browser.close();
  console.log(`screenshots in ${out}`);
  process.exit(0);
}

if (process.env.DEEP_GALLERY) {
  await deepGallery(Number(process.env.DEEP_GALLERY));
  await browser.close();
  console.log(`screenshots in ${out}`);
  process.exit(0);
}

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
    // The route's loading fallback shows until the streamed Studio is revealed: shoot the Studio.
    await page.getByRole("textbox", { name: "Idea", exact: true }).waitFor();
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
    await iterate(page, shot);
    await showing(page, shot);
    await checking(page, shot);
    // Issue 13: the house rules (on the Library page) and own styles.
    await page.goto(`${base}/library`);
    await page.waitForLoadState("networkidle");
    await shot("library-house-rules");
    await page.goto(`${base}/library/styles`);
    await page.getByRole("heading", { name: "Styles", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    await shot("styles");
    await context.close();
  }
  await presenter(scheme);
}
await browser.close();
console.log(`screenshots in ${out}`);
