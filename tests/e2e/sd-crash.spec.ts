/**
 * Crash safety of the real server: `next start` on its own port and data directory, killed
 * with SIGKILL (a) while a generation runs and (b) while it writes a generation's images
 * (a fake A1111 answering with MBs of noise, the kill timed by watching the image directory),
 * then started again. Each restart must find every committed idea, version and image intact
 * (read back through the API), no row pointing at a missing file, no temp file, and an orphan
 * file planted before the restart swept.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { PORTS } from "../../playwright.config";
import { type FakeA1111, startFakeA1111 } from "../fakes/a1111";
import { appServer, OPEN_ENV } from "./app-server";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-crash-e2e-"));
const imagesDir = path.join(dataDir, "images");
const MID_WRITE_ATTEMPTS = 6;

type Image = { id: string; mime: string; byteSize: number; generationId: string };
type Generation = { id: string; status: string; progress: number; error: { code: string } | null; images: Image[] };

let fake: FakeA1111;
const app = appServer(PORTS.sdCrash, () => ({
  DATA_DIR: dataDir,
  A1111_URL: fake.url,
  ...OPEN_ENV,
  MAX_QUEUED_PER_CLIENT: "100",
}));
const BASE = app.base;

async function restart(request: APIRequestContext) {
  app.start();
  await app.waitUp(request);
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const getJson = async <T>(request: APIRequestContext, url: string): Promise<T> => {
  const res = await request.get(`${BASE}${url}`);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
};

const generation = (request: APIRequestContext, id: string) => getJson<Generation>(request, `/api/generations/${id}`);

async function generate(request: APIRequestContext, promptId: string, backend: string, params: object) {
  const res = await request.post(`${BASE}/api/generate`, { data: { promptId, backend, params } });
  expect(res.status(), await res.text()).toBe(202);
  return (await res.json()) as Generation;
}

/** A valid image file with no row, as a crash between the file and its row leaves one. */
function plantOrphan(): string {
  const id = `orphan${randomBytes(6).toString("hex")}`;
  mkdirSync(imagesDir, { recursive: true });
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
    "base64",
  );
  writeFileSync(path.join(imagesDir, `${id}.png`), png);
  writeFileSync(path.join(imagesDir, `${id}.thumb.webp`), png);
  return id;
}

/** A temp file as a writer that died (its pid) leaves one, in the naming lib/store/atomic-file.ts uses. */
function plantDeadWritersTemp(deadPid: number): string {
  const host = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
  const name = `.tmp-${host}-${deadPid}-${randomBytes(8).toString("hex")}-x.png`;
  writeFileSync(path.join(imagesDir, name), "half an image");
  return name;
}

const diskNames = () => readdirSync(imagesDir);

type Committed = { ideaId: string; versionId: string; prompt: string; generations: string[] };

/** Everything the API and the disk must agree on after a restart. */
async function checkIntegrity(request: APIRequestContext, committed: Committed[], planted: string[]) {
  for (const c of committed) {
    const idea = await getJson<{ versions: { id: string; prompt: string }[]; generations: Generation[] }>(
      request,
      `/api/ideas/${c.ideaId}`,
    );
    expect(idea.versions.find((v) => v.id === c.versionId)?.prompt).toBe(c.prompt);
    for (const id of c.generations) {
      const g = await generation(request, id);
      expect(["succeeded", "failed"]).toContain(g.status);
      if (g.status === "failed") expect(g.error?.code).toBe("interrupted");
      if (g.status === "succeeded") expect(g.images.length).toBeGreaterThan(0);
    }
  }

  const images: Image[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Image[]; nextCursor: string | null } = await getJson(
      request,
      `/api/images?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    images.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  // No row points at a missing or partial file: every image reads back whole, thumbnail too.
  for (const image of images) {
    const file = await request.get(`${BASE}/api/images/${image.id}/file`);
    expect(file.status(), image.id).toBe(200);
    expect(file.headers()["content-type"]).toBe(image.mime);
    expect((await file.body()).byteLength).toBe(image.byteSize);
    const thumb = await request.get(`${BASE}/api/images/${image.id}/thumb`);
    expect(thumb.status(), `${image.id} thumb`).toBe(200);
  }

  // No file without a row (the planted orphans were swept), and no temp file left.
  const rows = new Set(images.map((i) => i.id));
  const names = diskNames();
  expect(names.filter((n) => n.startsWith("."))).toEqual([]);
  for (const name of names) expect(rows.has(name.split(".")[0] ?? ""), `${name} has a row`).toBe(true);
  for (const id of planted) expect(names.some((n) => n.startsWith(id))).toBe(false);
  return images;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  fake = await startFakeA1111({ port: 0, stepMs: 20 });
});

test.afterAll(async () => {
  if (app.running) await app.kill().catch(() => undefined);
  await fake.close();
});

test("SIGKILL mid-generation and mid-write, then restarts: nothing committed is lost, nothing half-written stays", async ({
  request,
}) => {
  test.setTimeout(300_000);
  await restart(request);
  const committed: Committed[] = [];

  // Committed before any kill: an idea, its version and an offline image.
  const refined = await request.post(`${BASE}/api/refine`, {
    data: { idea: "a paper boat on a pond", backend: "automatic1111" },
    headers: { accept: "application/json" },
  });
  expect(refined.status()).toBe(201);
  const version = (await refined.json()) as { id: string; ideaId: string; prompt: string };
  const kept = await generate(request, version.id, "offline", { size: "512x512" });
  await until(
    () => generation(request, kept.id),
    (g) => g.status === "succeeded",
    "the offline image",
  );
  const entry: Committed = {
    ideaId: version.ideaId,
    versionId: version.id,
    prompt: version.prompt,
    generations: [kept.id],
  };
  committed.push(entry);

  // (a) Killed while a long A1111 job runs (150 steps, 20 ms each).
  const slow = await generate(request, version.id, "automatic1111", { size: "512x512", steps: 150 });
  entry.generations.push(slow.id);
  await until(
    () => generation(request, slow.id),
    (g) => g.status === "running" && g.progress > 0,
    "the job to run",
  );
  let deadPid = await app.kill();
  const planted = [plantOrphan()];
  const temp = plantDeadWritersTemp(deadPid);
  await restart(request);
  expect((await generation(request, slow.id)).error?.code).toBe("interrupted");
  await checkIntegrity(request, committed, planted);
  expect(diskNames()).not.toContain(temp);

  // (b) Killed while the images of a generation are being written: four noise PNGs of several MB.
  fake.setMode({ mode: "big", endpoint: "txt2img" });
  const outcomes: string[] = [];
  for (let attempt = 0; attempt < MID_WRITE_ATTEMPTS; attempt++) {
    const before = new Set(diskNames());
    const g = await generate(request, version.id, "automatic1111", { size: "1024x1024", n: 4, steps: 2 });
    entry.generations.push(g.id);
    // Kill at a different point each time: the first temp file, or once 1, 2 or 3 new images are in
    // place. Thumbnails come after the rows (issue 12), so only the full images count here.
    const newFilesWanted = attempt % 4;
    let seen = { temps: 0, files: 0 };
    const end = Date.now() + 60_000;
    for (;;) {
      const names = diskNames().filter((n) => !before.has(n));
      seen = {
        temps: names.filter((n) => n.startsWith(".tmp-")).length,
        files: names.filter((n) => !n.startsWith(".") && !n.endsWith(".thumb.webp")).length,
      };
      // All four images in place: too late for this point, kill before the rows.
      if (seen.files >= 4 || (newFilesWanted === 0 ? seen.temps > 0 : seen.files >= newFilesWanted)) break;
      if (Date.now() > end) throw new Error("the images were never written");
      await new Promise((r) => setTimeout(r, 2));
    }
    deadPid = await app.kill();
    outcomes.push(`kill ${attempt + 1}: ${seen.temps} temp, ${seen.files} new files on disk`);
    planted.push(plantOrphan());
    await restart(request);
    const after = await generation(request, g.id);
    outcomes[attempt] +=
      ` → ${after.status}${after.error ? ` (${after.error.code})` : ""}, ${after.images.length} images`;
    if (after.status === "succeeded") expect(after.images).toHaveLength(4);
    else expect(after).toMatchObject({ status: "failed", error: { code: "interrupted" }, images: [] });
    await checkIntegrity(request, committed, planted);
  }
  console.log(`sd-crash mid-write kills:\n  ${outcomes.join("\n  ")}`);

  // And the server still works after all that.
  fake.reset();
  const last = await generate(request, version.id, "automatic1111", { size: "512x512", steps: 2 });
  entry.generations.push(last.id);
  await until(
    () => generation(request, last.id),
    (g) => g.status === "succeeded",
    "a generation after the crashes",
  );
  await checkIntegrity(request, committed, planted);
});
