import { expect, type Page, test } from "@playwright/test";
import { SECURE } from "../../playwright.config";
import { generateAndWait, refineIdea } from "./helpers";

const SECRETS = [SECURE.password, ...SECURE.tokens, SECURE.sessionSecret];

async function signIn(page: Page, password: string = SECURE.password) {
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Collects CSP violations on every page the test visits: the DOM event, and Chromium's console reports. */
async function watchCsp(page: Page): Promise<() => string[]> {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|evaluate)/i.test(msg.text()))
      seen.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (line: string) => seen.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (line: string) => void }).__reportCspViolation;
      report(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return () => [...seen];
}

test("a wrong password says so and keeps the gate shut", async ({ page }) => {
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/login\?next=%2Fgallery$/);
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await signIn(page, "not the password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("That password is not right.");
  await expect(page).toHaveURL(/\/login/);
  expect(await page.context().cookies()).toEqual([]);
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/login/);
});

test("the right password opens the studio: refine and generate run under the CSP with no violation", async ({
  page,
}) => {
  const violations = await watchCsp(page);

  await page.goto("/gallery");
  await signIn(page);
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByRole("heading", { name: "Gallery", level: 1 })).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "ps_session");
  expect(session).toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.path).toBe("/");
  expect(session?.secure).toBe(false); // plain http here; Secure over https (unit-tested)
  const days = ((session?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThan(31);
  // Scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("ps_session");

  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const { prompt } = await refineIdea(page, "a copper kettle steaming on a stove");
  await generateAndWait(page, prompt);
  expect(violations()).toEqual([]);
  // The other pages run their own scripts (the gallery's grid, the detail page's actions).
  await page.goto("/gallery");
  const thumb = page.getByRole("img", { name: prompt, exact: true }).first();
  await expect(thumb).toBeVisible();
  await thumb.click();
  await expect(page).toHaveURL(/\/images\/[A-Za-z0-9_-]+$/);
  await page.waitForLoadState("networkidle");
  expect(violations()).toEqual([]);
  // Nothing secret went to the browser: not in the page, the catalog, or any script the page loaded.
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((u) => /\/_next\/static\/.+\.js(\?|$)/.test(u)),
  );
  expect(scripts.length).toBeGreaterThan(0);
  const bodies = [await page.content(), await (await page.request.get("/api/catalog")).text()];
  for (const url of new Set(scripts)) {
    // A busy server may drop a connection; a script that cannot be fetched twice is a failure.
    const res = await page.request.get(url).catch(() => page.request.get(url));
    expect(res.status(), url).toBe(200);
    bodies.push(await res.text());
  }
  for (const secret of SECRETS) for (const body of bodies) expect(body.includes(secret), secret).toBe(false);
});

test("Sign out ends the session in this browser", async ({ page }) => {
  await page.goto("/");
  await signIn(page);
  await expect(page.getByRole("textbox", { name: "Idea", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.context().cookies()).find((c) => c.name === "ps_session")).toBeUndefined();
  await page.goto("/gallery");
  await expect(page).toHaveURL(/\/login\?next=%2Fgallery$/);
  expect((await page.request.get("/api/ideas")).status()).toBe(401);
});
