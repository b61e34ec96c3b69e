/**
 * Crash safety of the store and the image files, below the server: a child process writes as a
 * generation does (crash-writer.ts) and is killed with SIGKILL at a random moment, again and
 * again, on the same data directory and database. After each kill the database must pass its own
 * checks (SQLite's integrity and foreign-key checks; on Postgres the keys are never deferred, so
 * a join finding no dangling image is the check), everything the child reported committed must
 * be there, and no image row may point at a missing or partial file. Recovery at start then
 * leaves no orphan and no temp file. Once on SQLite and once on Postgres (store-dialects.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDialect, type StoreDialect } from "./store-dialects";

delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
const root = path.resolve(__dirname, "../..");
const KILLS = 6;

/** The data directory (image files, and the SQLite file) and the environment the writer and recovery run under. */
let dataDir = "";
let imagesDir = "";
let env: Record<string, string> = {};

type Committed = { ideaId: string; versionId: string; generationId: string; imageIds: string[] };

/**
 * Runs the writer until it has committed `commits` generations (0: none needed), then for
 * `thenMs` more, and SIGKILLs it; what it said it committed. Waiting for commits rather than
 * for a fixed time keeps the test meaningful on a slow, busy machine.
 */
async function runAndKill(commits: number, thenMs: number): Promise<{ committed: Committed[]; deleted: Set<string> }> {
  // tsx as a loader in this very process: its CLI would run the script in a grandchild that a
  // SIGKILL to the CLI leaves running.
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", "tests/unit/crash-writer.ts"],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  const started = Date.now();
  const commitsSoFar = () => out.split("\n").filter((l) => l.startsWith("C ")).length;
  while (!out.includes("ready\n") || commitsSoFar() < commits) {
    if (child.exitCode !== null) throw new Error(`the writer died: ${err}`);
    if (Date.now() - started > 60_000) throw new Error(`the writer did not get there (${commitsSoFar()} commits)`);
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, thenMs));
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  const committed: Committed[] = [];
  const deleted = new Set<string>();
  // A line cut by the kill has no newline: only whole lines count.
  for (const line of out.split("\n").slice(0, -1)) {
    const [kind, a = "", b = "", c = "", d = ""] = line.split(" ");
    if (kind === "C") committed.push({ ideaId: a, versionId: b, generationId: c, imageIds: d.split(",") });
    if (kind === "D") deleted.add(a);
  }
  return { committed, deleted };
}

const ids = async (dialect: StoreDialect, table: string) =>
  new Set((await dialect.query<{ id: string }>(sql`SELECT id FROM ${sql.table(table)}`)).map((r) => r.id));

/** The database's own consistency checks, where it has any to run. */
async function checkDatabase(dialect: StoreDialect): Promise<void> {
  if (dialect.name === "sqlite") {
    expect(await dialect.query(sql`PRAGMA journal_mode`)).toEqual([{ journal_mode: "wal" }]);
    expect(await dialect.query(sql`PRAGMA integrity_check`)).toEqual([{ integrity_check: "ok" }]);
    expect(await dialect.query(sql`PRAGMA foreign_key_check`)).toEqual([]);
  } else {
    const dangling = await dialect.query(sql`
      SELECT img.id FROM images img
      LEFT JOIN generations g ON g.id = img.generation_id AND g.prompt_id = img.prompt_id AND g.idea_id = img.idea_id
      LEFT JOIN prompt_versions pv ON pv.id = img.prompt_id
      WHERE g.id IS NULL OR pv.id IS NULL`);
    expect(dangling).toEqual([]);
  }
}

/** The disk as the writer left it: image files by id, and temp files. */
function onDisk() {
  const names = existsSync(imagesDir) ? readdirSync(imagesDir) : [];
  const temps = names.filter((n) => n.startsWith(".tmp-"));
  const fileIds = new Set(names.filter((n) => !n.startsWith(".")).map((n) => n.split(".")[0] ?? ""));
  return { temps, fileIds };
}

describeEachDialect("SIGKILL while writing through the store", (dialect) => {
  const everCommitted: Committed[] = [];
  const everDeleted = new Set<string>();
  const stats = { kills: 0, midWrite: 0, orphanFiles: 0, runningLeft: 0, thumbnailsToMake: 0 };

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-crash-"));
  });

  afterAll(async () => {
    await (await import("@/lib/store")).resetStoreForTests();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `crash-store [${dialect.name}]: ${stats.kills} SIGKILLs, ${everCommitted.length} generations committed before them; ` +
        `${stats.midWrite} kills left a temp file (mid-write), ${stats.orphanFiles} orphan image files, ` +
        `${stats.runningLeft} generations left running`,
    );
  });

  it("keeps every committed row and file intact across repeated kills", async () => {
    // SQLite's file lives in the dialect's fresh directory; Postgres keeps rows in its database
    // and only the image files here.
    env = { DATA_DIR: dataDir, ...dialect.env() };
    if (env.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
    Object.assign(process.env, env);
    imagesDir = path.join(env.DATA_DIR ?? dataDir, "images");
    for (let i = 0; i < KILLS; i++) {
      // Every other kill comes after a commit or two, the rest at any moment after start.
      const { committed, deleted } =
        i % 2 === 0
          ? await runAndKill(1 + (i % 4 === 0 ? 1 : 0), Math.floor(Math.random() * 300))
          : await runAndKill(0, 100 + Math.floor(Math.random() * 800));
      stats.kills++;
      everCommitted.push(...committed);
      for (const id of deleted) everDeleted.add(id);

      {
        await checkDatabase(dialect);

        const ideas = await ids(dialect, "ideas");
        const versions = await ids(dialect, "prompt_versions");
        const images = await ids(dialect, "images");
        const statuses = new Map(
          (await dialect.query<{ id: string; status: string }>(sql`SELECT id, status FROM generations`)).map((g) => [
            g.id,
            g.status,
          ]),
        );
        for (const c of everCommitted) {
          expect(ideas.has(c.ideaId)).toBe(true);
          expect(versions.has(c.versionId)).toBe(true);
          expect(statuses.get(c.generationId)).toBe("succeeded");
          for (const id of c.imageIds) expect(images.has(id) || everDeleted.has(id)).toBe(true);
        }

        // No row points at a missing or partial file.
        const rows = await dialect.query<{ id: string; byte_size: number; width: number; height: number }>(
          sql`SELECT id, byte_size, width, height FROM images`,
        );
        for (const row of rows) {
          const full = readFileSync(path.join(imagesDir, `${row.id}.png`));
          expect(full.byteLength).toBe(Number(row.byte_size));
          const meta = await sharp(full).metadata();
          expect([meta.width, meta.height]).toEqual([Number(row.width), Number(row.height)]);
          // The thumbnail follows the durable image (issue 12): a kill may come between them, and
          // the thumbnail is then made when first asked for. One that is there is whole.
          const thumb = path.join(imagesDir, `${row.id}.thumb.webp`);
          if (existsSync(thumb)) expect((await sharp(readFileSync(thumb)).metadata()).format).toBe("webp");
          else stats.thumbnailsToMake++;
        }

        const { temps, fileIds } = onDisk();
        if (temps.length > 0) stats.midWrite++;
        stats.orphanFiles += [...fileIds].filter((id) => !images.has(id)).length;
        stats.runningLeft += [...statuses.values()].filter((status) => status === "running").length;
      }

      // What the next start does: the run that was cut is interrupted, orphans and temp files go.
      const { resetConfigForTests } = await import("@/lib/config");
      resetConfigForTests();
      const { resetStoreForTests } = await import("@/lib/store");
      await resetStoreForTests();
      await (await import("@/lib/jobs/recover")).recoverAtStart();
      await resetStoreForTests();

      {
        const images = await ids(dialect, "images");
        const { temps, fileIds } = onDisk();
        expect(temps).toEqual([]);
        expect([...fileIds].filter((id) => !images.has(id))).toEqual([]);
        expect([...images].filter((id) => !fileIds.has(id))).toEqual([]);
        // A thumbnail a kill cut off is made when asked for.
        const { createFileImageStore } = await import("@/lib/store");
        const files = createFileImageStore(imagesDir);
        for (const id of images) expect((await files.read(id, "thumb"))?.mime, id).toBe("image/webp");
        await files.settled();
        const left = await dialect.query<{ status: string; error: string }>(
          sql`SELECT status, error FROM generations WHERE status NOT IN ('succeeded')`,
        );
        for (const g of left) {
          expect(g.status).toBe("failed");
          expect(JSON.parse(g.error)).toMatchObject({ code: "interrupted" });
        }
      }
    }
    // Something was committed before the kills, or the checks above checked nothing.
    expect(everCommitted.length).toBeGreaterThan(0);
  }, 120_000);
});
