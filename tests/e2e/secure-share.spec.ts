import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { readPngText } from "@/lib/png";
import { SECURE, SECURE_PORT } from "../../playwright.config";
import { switchColorScheme } from "./helpers";

/*
 * Share links behind APP_PASSWORD (issue 10): the owner signs in; the visitor is a fresh browser
 * context with no cookie at all, and must get exactly what the link names and nothing else.
 */

const BASE = `http://127.0.0.1:${SECURE_PORT}`;
type Seeded = { ideaId: string; versionIds: string[]; imageIds: string[]; prompts: string[]; ideaText: string };

test.describe.configure({ mode: "serial" });

let owner: BrowserContext;
let seeded: Seeded;
let other: Seeded;

async function signedIn(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Password", { exact: true }).fill(SECURE.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${BASE}/`);
  await page.close();
  return context;
}

async function generated(request: APIRequestContext, promptId: string): Promise<string> {
  const g = await (
    await request.post("/api/generate", { data: { promptId, backend: "offline", params: { size: "512x512" } } })
  ).json();
  for (let i = 0; i < 200; i++) {
    const current = await (await request.get(`/api/generations/${g.id}`)).json();
    if (current.status === "succeeded") return current.images[0].id as string;
    if (current.status === "failed") throw new Error(`generation failed: ${JSON.stringify(current.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the generation did not finish");
}

/** An idea refined, refined again with an instruction, and an image of each version. */
async function seed(request: APIRequestContext, ideaText: string, instruction: string): Promise<Seeded> {
  const json = { accept: "application/json" };
  const first = await (await request.post("/api/refine", { data: { idea: ideaText }, headers: json })).json();
  const second = await (
    await request.post("/api/refine", { data: { parentId: first.id, instruction }, headers: json })
  ).json();
  expect(second.parentId).toBe(first.id);
  const imageIds = [await generated(request, first.id), await generated(request, second.id)];
  return {
    ideaId: first.ideaId,
    versionIds: [first.id, second.id],
    imageIds,
    prompts: [first.prompt, second.prompt],
    ideaText,
  };
}

async function createShare(
  request: APIRequestContext,
  data: Record<string, unknown>,
): Promise<{ id: string; url: string }> {
  const response = await request.post("/api/shares", { data });
  expect(response.status()).toBe(201);
  return response.json();
}

async function noSeriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    ),
  ).toEqual([]);
}

async function allImagesLoaded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const images = [...document.images];
    await Promise.all(
      images.map((img) => (img.complete ? null : new Promise((r) => img.addEventListener("load", r, { once: true })))),
    );
    if (images.some((img) => img.naturalWidth === 0)) throw new Error("an image did not load");
    return images.length;
  });
}

test.beforeAll(async ({ browser }) => {
  owner = await signedIn(browser);
  seeded = await seed(owner.request, "a lighthouse keeper's cat watching the storm", "make it dusk with warm windows");
  other = await seed(owner.request, "a greenhouse full of orange trees", "add morning fog");
});

test.afterAll(async () => {
  await owner?.close();
});

test("a visitor with no password reads the story, presents it and leaves a note; the owner sees it and approves", async ({
  browser,
}) => {
  const page = await owner.newPage();
  await page.goto(`/ideas/${seeded.ideaId}`);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("switch", { name: "Allow feedback" }).check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Link" }).inputValue();
  expect(link).toMatch(new RegExp(`^${BASE}/s/[A-Za-z0-9_-]{43}$`));

  const visitor = await browser.newContext({ baseURL: BASE });
  expect(await visitor.cookies()).toEqual([]);
  const guest = await visitor.newPage();
  const pageErrors: string[] = [];
  guest.on("dialog", (d) => {
    pageErrors.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  const response = await guest.goto(link);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(guest.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(guest.getByText(seeded.ideaText).first()).toBeVisible();
  await expect(guest.getByRole("heading", { name: /Step 1/ })).toBeVisible();
  await expect(guest.getByRole("heading", { name: /Step 2/ })).toBeVisible();
  await expect(guest.getByText("make it dusk with warm windows").first()).toBeVisible();
  for (const prompt of seeded.prompts)
    await expect(guest.getByRole("img", { name: prompt, exact: true }).first()).toBeVisible();
  expect(await allImagesLoaded(guest)).toBeGreaterThanOrEqual(2);
  // Nothing to click that leads behind the gate.
  expect(await guest.locator('a[href="/gallery"], a[href="/ideas"], a[href="/library"]').count()).toBe(0);

  for (const scheme of ["light", "dark"] as const) {
    await switchColorScheme(guest, scheme);
    await noSeriousViolations(guest, `share page (${scheme})`);
  }

  // The presenter's view, with the keyboard only.
  const present = guest.getByRole("button", { name: "Present" });
  await present.focus();
  await guest.keyboard.press("Enter");
  const presenter = guest.getByRole("dialog");
  await expect(presenter).toBeVisible();
  const status = presenter.getByText(/^Slide \d+ of \d+$/);
  await expect(status).toHaveText(/^Slide 1 of 3$/);
  await expect(presenter.getByText(seeded.ideaText)).toBeVisible();
  for (const scheme of ["light", "dark"] as const) {
    await switchColorScheme(guest, scheme);
    await noSeriousViolations(guest, `presenter (${scheme})`);
  }
  await guest.keyboard.press("ArrowRight");
  await expect(status).toHaveText("Slide 2 of 3");
  await expect(presenter.getByRole("img", { name: seeded.prompts[0], exact: true })).toBeVisible();
  await guest.keyboard.press("Space");
  await expect(status).toHaveText("Slide 3 of 3");
  await guest.keyboard.press("ArrowRight");
  await expect(status).toHaveText("Slide 3 of 3");
  await guest.keyboard.press("ArrowLeft");
  await expect(status).toHaveText("Slide 2 of 3");
  await guest.keyboard.press("Escape");
  await expect(presenter).toBeHidden();
  await expect(present).toBeFocused();

  // A note and a vote, with markup in both that must stay text.
  const name = `<img src=x onerror="alert('name')">Ann`;
  const comment = `<script>alert("comment")</script> Love the warm windows`;
  await guest.getByRole("textbox", { name: "Your name" }).first().fill(name);
  await guest.getByRole("textbox", { name: "Comment" }).first().fill(comment);
  await guest.getByRole("button", { name: "Send" }).first().click();
  await expect(guest.getByRole("status").filter({ hasText: "your note went to the owner" })).toContainText("Thanks");
  const vote = guest.getByRole("button", { name: "Vote for this image" }).last();
  await vote.click();
  await expect(vote).toHaveAttribute("aria-pressed", "true");
  expect(await guest.locator("img[src='x']").count()).toBe(0);

  // The owner sees both, as text.
  await page.reload();
  const feedback = page.getByRole("region", { name: "Feedback" });
  await expect(feedback.getByText(comment)).toBeVisible();
  await expect(feedback.getByText(name).first()).toBeVisible();
  await expect(feedback.getByText(/1 vote/).first()).toBeVisible();
  expect(await page.locator("img[src='x']").count()).toBe(0);

  // Approving the second version records it on the version and in its image's recipe.
  const approve = page.getByRole("button", { name: /Approve version 2/ });
  await approve.click();
  await expect(approve).toHaveAttribute("aria-pressed", "true");
  const download = await owner.request.get(`/api/images/${seeded.imageIds[1]}/file?download=1`);
  expect(download.status()).toBe(200);
  const texts = await readPngText(new Uint8Array(await download.body()));
  const recipe = JSON.parse(texts.find((t) => t.keyword === "promptsmith")?.text ?? "{}");
  expect(recipe.prompt?.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(texts.some((t) => t.keyword === "parameters")).toBe(true);
  const sidecar = await (await owner.request.get(`/api/images/${seeded.imageIds[1]}/recipe`)).json();
  expect(sidecar.prompt?.approvedAt).toBe(recipe.prompt.approvedAt);

  // The visitor sees the approval too, and nobody saw a dialog from the markup.
  await guest.reload();
  await expect(guest.getByText("Approved").first()).toBeVisible();
  expect(pageErrors).toEqual([]);
  await visitor.close();
  await page.close();
});

test("a share opens only what it names: other ids and file paths give 404, the rest stays behind the gate", async ({
  browser,
}) => {
  const share = await createShare(owner.request, { target: { kind: "idea", id: seeded.ideaId } });
  const token = share.url.replace("/s/", "");
  const visitor = await browser.newContext({ baseURL: BASE });
  const r = visitor.request;

  const view = await r.get(`/api/s/${token}`);
  expect(view.status()).toBe(200);
  const body = await view.text();
  // Nothing in it names a row outside the images it shows.
  for (const id of [seeded.ideaId, ...seeded.versionIds, other.ideaId, ...other.versionIds, ...other.imageIds]) {
    expect(body).not.toContain(id);
  }
  // The page, RSC payload included, names nothing of the app behind the gate.
  const html = await (await r.get(share.url)).text();
  for (const id of [seeded.ideaId, ...seeded.versionIds]) expect(html).not.toContain(id);
  for (const href of ["/gallery", "/library", "/ideas", "/shares"]) expect(html).not.toContain(`"${href}"`);
  expect((await r.get(`/api/s/${token}/images/${seeded.imageIds[0]}/file`)).status()).toBe(200);
  expect((await r.get(`/api/s/${token}/images/${seeded.imageIds[0]}/thumb`)).status()).toBe(200);

  const unknown = await r.get(`/api/s/${"A".repeat(43)}`);
  expect(unknown.status()).toBe(404);
  for (const probe of [
    `/api/s/${token}/images/${other.imageIds[0]}/file`,
    `/api/s/${token}/images/${other.imageIds[1]}/thumb`,
    `/api/s/${token}/images/..%2F..%2Fsecure.sqlite/file`,
    `/api/s/${token}/images/${seeded.imageIds[0]}/..%2F..%2F..%2Fapi%2Fideas`,
    `/api/s/${token}/ideas/${other.ideaId}`,
    `/api/s/${token}/images/%2e%2e/file`,
    `/s/${token}/../../api/images/${other.imageIds[0]}/file`,
  ]) {
    const answer = await r.get(probe, { maxRedirects: 0 });
    expect([404, 400, 401, 307], probe).toContain(answer.status());
    expect(answer.headers()["content-type"] ?? "", probe).not.toMatch(/^image\//);
  }
  // The rest of the app still needs the password.
  expect((await r.get(`/api/images/${seeded.imageIds[0]}/file`)).status()).toBe(401);
  expect((await r.get(`/api/ideas/${seeded.ideaId}`)).status()).toBe(401);
  expect((await r.get("/api/shares")).status()).toBe(401);
  expect((await r.get(`/api/ideas/${seeded.ideaId}/feedback`)).status()).toBe(401);
  expect((await r.get(`/api/ideas/${seeded.ideaId}/export`)).status()).toBe(401);
  expect((await r.get("/shares", { maxRedirects: 0 })).status()).toBe(307);
  expect((await r.get(`/ideas/${seeded.ideaId}`, { maxRedirects: 0 })).status()).toBe(307);
  // Feedback is off on this link.
  const refused = await r.post(`/api/s/${token}/feedback`, {
    data: { name: "Bo", comment: "hello" },
    headers: { origin: BASE },
  });
  expect([403, 404]).toContain(refused.status());
  await visitor.close();
});

test("a revoked link is gone like an unknown one, and an expired link says so with 410", async ({ browser }) => {
  const share = await createShare(owner.request, { target: { kind: "image", id: seeded.imageIds[1] } });
  const visitor = await browser.newContext({ baseURL: BASE });
  const guest = await visitor.newPage();
  expect((await guest.goto(share.url))?.status()).toBe(200);
  await expect(guest.getByRole("img", { name: seeded.prompts[1], exact: true })).toBeVisible();

  const page = await owner.newPage();
  await page.goto(`/ideas/${seeded.ideaId}`);
  const links = page.getByRole("region", { name: "Shared links" });
  const row = links.getByRole("listitem").filter({ hasText: "Image" }).first();
  await row.getByRole("button", { name: "Revoke" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(row).toContainText("Revoked");

  const gone = await guest.goto(share.url);
  expect(gone?.status()).toBe(404);
  await expect(guest.getByRole("heading", { level: 1 })).toContainText(/does not work|not found/i);
  const unknownPage = await guest.goto(`/s/${"B".repeat(43)}`);
  expect(unknownPage?.status()).toBe(404);
  const revokedApi = await visitor.request.get(`/api/s${share.url.slice(2)}`);
  const unknownApi = await visitor.request.get(`/api/s/${"B".repeat(43)}`);
  expect(revokedApi.status()).toBe(404);
  expect(await revokedApi.json()).toEqual(await unknownApi.json());

  const soon = new Date(Date.now() + 1500).toISOString();
  const expiring = await createShare(owner.request, { target: { kind: "idea", id: seeded.ideaId }, expiresAt: soon });
  expect((await guest.goto(expiring.url))?.status()).toBe(200);
  await new Promise((r) => setTimeout(r, 2000));
  const expired = await guest.goto(expiring.url);
  expect(expired?.status()).toBe(410);
  await expect(guest.getByRole("heading", { level: 1 })).toContainText(/expired/i);
  expect((await visitor.request.get(`/api/s${expiring.url.slice(2)}`)).status()).toBe(410);
  await visitor.close();
  await page.close();
});

test("the export ZIP unpacks into PNGs with their recipe and an index.html that shows every step offline", async ({
  browser,
}) => {
  const response = await owner.request.get(`/api/ideas/${seeded.ideaId}/export`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "promptsmith-export-"));
  try {
    const zip = path.join(dir, "export.zip");
    fs.writeFileSync(zip, await response.body());
    execFileSync("unzip", ["-q", zip, "-d", path.join(dir, "out")]);
    const out = path.join(dir, "out");
    const files = fs.readdirSync(out, { recursive: true }).map(String);
    expect(files).toEqual(expect.arrayContaining(["idea.json", "prompts.md", "index.html"]));
    const pngs = files.filter((f) => f.endsWith(".png"));
    expect(pngs.length).toBe(seeded.imageIds.length);
    for (const png of pngs) {
      const texts = await readPngText(new Uint8Array(fs.readFileSync(path.join(out, png))));
      expect(
        texts.some((t) => t.keyword === "parameters"),
        png,
      ).toBe(true);
    }
    const idea = JSON.parse(fs.readFileSync(path.join(out, "idea.json"), "utf8"));
    expect(JSON.stringify(idea)).toContain(seeded.versionIds[1]);
    const md = fs.readFileSync(path.join(out, "prompts.md"), "utf8");
    for (const prompt of seeded.prompts) expect(md).toContain(prompt);

    const html = fs.readFileSync(path.join(out, "index.html"), "utf8");
    expect(html).not.toMatch(/<script/i);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const external: string[] = [];
    page.on("request", (req) => {
      if (!req.url().startsWith("file://")) external.push(req.url());
    });
    await page.goto(pathToFileURL(path.join(out, "index.html")).href);
    await expect(page.getByText(seeded.ideaText).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: /Step 1/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Step 2/ })).toBeVisible();
    for (const prompt of seeded.prompts)
      await expect(page.getByRole("img", { name: prompt, exact: true }).first()).toBeVisible();
    // Every image arrives (allImagesLoaded waits for the ones still loading; a broken one throws).
    expect(await allImagesLoaded(page)).toBeGreaterThanOrEqual(seeded.imageIds.length);
    expect(external).toEqual([]);
    await context.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
