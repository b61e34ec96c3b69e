/**
 * Issue 16 §6, in a real browser against a real server: `next start` on its own port and data
 * directory with its own slow fake A1111, killed (SIGKILL) while the studio follows a running
 * generation, then started again. The studio must say "Connection lost" within about 3 s and
 * only once, stop showing live progress and a live Cancel, never call the generation failed
 * for it, reconnect by itself, show the truthful "Interrupted" the restarted server reports,
 * and offer a Retry that works.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PORTS } from "../../playwright.config";
import { type FakeA1111, startFakeA1111 } from "../fakes/a1111";
import { appServer, OPEN_ENV } from "./app-server";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-reconnect-e2e-"));

let fake: FakeA1111;
// A free port chosen by playwright.config.ts (tests/e2e/ports.ts), so the suite runs beside anything.
const app = appServer(PORTS.sdReconnect, () => ({ DATA_DIR: dataDir, A1111_URL: fake.url, ...OPEN_ENV }));
const BASE = app.base;

test.beforeAll(async () => {
  // 80 ms a step, as the shared fake: 100 steps give about 8 s to kill the server in.
  fake = await startFakeA1111({ port: 0, stepMs: 80 });
});

test.afterAll(async () => {
  if (app.running) await app.kill().catch(() => undefined);
  await fake.close();
});

test("killed mid-generation: 'Connection lost' once within 3 s, no live progress, then reconnects to the truthful 'Interrupted' and Retry works", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  app.start();
  await app.waitUp(request);

  await page.goto(BASE);
  await expect(page.getByRole("combobox", { name: "Backend" })).toHaveValue("automatic1111");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a paper boat on a pond at dawn");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("button", { name: "Refine again" })).toBeVisible({ timeout: 30_000 });
  const prompt = await page.getByRole("textbox", { name: "Prompt", exact: true }).inputValue();
  await page.getByRole("spinbutton", { name: "Steps" }).fill("100");
  await page.getByRole("button", { name: "Generate", exact: true }).click();

  const card = page.locator("main article").first();
  await expect(card).toContainText(/Generating… \d+%/, { timeout: 20_000 });
  await expect(card.getByRole("button", { name: "Cancel" })).toBeEnabled();

  await app.kill();
  const killedAt = Date.now();
  const lost = page.getByText("Connection lost. Reconnecting…", { exact: true });
  await expect(lost).toBeVisible({ timeout: 3000 });
  expect(Date.now() - killedAt).toBeLessThan(3500);
  await expect(card).toContainText("Connection lost — waiting for the server");
  await expect(card).not.toContainText(/Generating…/);
  await expect(card.getByRole("button", { name: "Cancel" })).toBeDisabled();

  // Some seconds of a dead server: still said once, and nothing claims the generation failed.
  await page.waitForTimeout(4000);
  await expect(lost).toHaveCount(1);
  await expect(page.getByText(/could not be reached/)).toHaveCount(0);
  await expect(card).not.toContainText("Failed");
  await page.screenshot({ path: test.info().outputPath("connection-lost.png") });

  app.start();
  await app.waitUp(request);
  await expect(page.getByText("Reconnected.", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText("Interrupted: the server restarted while this was running.", { timeout: 10_000 });
  await expect(page.getByText(/Connection lost/)).toHaveCount(0);
  await expect(page.getByText(/could not be reached/)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("reconnected-interrupted.png") });

  // Retry runs the same version, backend and parameters again, as a new card at the top.
  await card.getByRole("button", { name: "Retry" }).click();
  await expect(page.locator("main article")).toHaveCount(2);
  const retried = page.locator("main article").first();
  await expect(retried.getByRole("img", { name: prompt, exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator("main article").nth(1)).toContainText("Interrupted");
  const sent = fake.requests().filter((r) => r.path === "/sdapi/v1/txt2img");
  expect(sent.length).toBeGreaterThanOrEqual(2);
  expect(sent.at(-1)?.body).toMatchObject({ prompt, steps: 100 });
});
