/**
 * Crash safety of the store and the image files, below the server: a child process writes as a
 * generation does (crash-writer.ts) and is killed with SIGKILL at a random moment, again and
 * again, on the same data directory. After each kill the database must pass SQLite's own
 * checks, everything the child reported committed must be there, and no image row may point
 * at a missing or partial file. Recovery at start then leaves no orphan and no temp file.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-crash-"));
process.env.DATA_DIR = dataDir;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
const imagesDir = path.join(dataDir, "images");
const root = path.resolve(__dirname, "../..");
const KILLS = 6;

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
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] },
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

function openDb() {
  return new BetterSqlite3(path.join(dataDir, "promptsmith.db"));
}

const ids = (db: BetterSqlite3.Database, table: string) =>
  new Set((db.prepare(`SELECT id FROM ${table}`).all() as { id: string }[]).map((r) => r.id));

/** The disk as the writer left it: image files by id, and temp files. */
function onDisk() {
  const names = existsSync(imagesDir) ? readdirSync(imagesDir) : [];
  const temps = names.filter((n) => n.startsWith(".tmp-"));
  const fileIds = new Set(names.filter((n) => !n.startsWith(".")).map((n) => n.split(".")[0] ?? ""));
  return { temps, fileIds };
}

describe("SIGKILL while writing through the store", () => {
  const everCommitted: Committed[] = [];
  const everDeleted = new Set<string>();
  const stats = { kills: 0, midWrite: 0, orphanFiles: 0, runningLeft: 0 };

  afterAll(async () => {
    await (await import("@/lib/store")).resetStoreForTests();
    console.log(
      `crash-store: ${stats.kills} SIGKILLs, ${everCommitted.length} generations committed before them; ` +
        `${stats.midWrite} kills left a temp file (mid-write), ${stats.orphanFiles} orphan image files, ` +
        `${stats.runningLeft} generations left running`,
    );
  });

  it("keeps every committed row and file intact across repeated kills", async () => {
    for (let i = 0; i < KILLS; i++) {
      // Every other kill comes after a commit or two, the rest at any moment after start.
      const { committed, deleted } =
        i % 2 === 0
          ? await runAndKill(1 + (i % 4 === 0 ? 1 : 0), Math.floor(Math.random() * 300))
          : await runAndKill(0, 100 + Math.floor(Math.random() * 800));
      stats.kills++;
      everCommitted.push(...committed);
      for (const id of deleted) everDeleted.add(id);

      const db = openDb();
      try {
        expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);

        const ideas = ids(db, "ideas");
        const versions = ids(db, "prompt_versions");
        const images = ids(db, "images");
        for (const c of everCommitted) {
          expect(ideas.has(c.ideaId)).toBe(true);
          expect(versions.has(c.versionId)).toBe(true);
          const g = db.prepare("SELECT status FROM generations WHERE id = ?").get(c.generationId) as
            | { status: string }
            | undefined;
          expect(g?.status).toBe("succeeded");
          for (const id of c.imageIds) expect(images.has(id) || everDeleted.has(id)).toBe(true);
        }

        // No row points at a missing or partial file.
        const rows = db.prepare("SELECT id, byte_size, width, height FROM images").all() as {
          id: string;
          byte_size: number;
          width: number;
          height: number;
        }[];
        for (const row of rows) {
          const full = readFileSync(path.join(imagesDir, `${row.id}.png`));
          expect(full.byteLength).toBe(row.byte_size);
          const meta = await sharp(full).metadata();
          expect([meta.width, meta.height]).toEqual([row.width, row.height]);
          expect(existsSync(path.join(imagesDir, `${row.id}.thumb.webp`))).toBe(true);
        }

        const { temps, fileIds } = onDisk();
        if (temps.length > 0) stats.midWrite++;
        stats.orphanFiles += [...fileIds].filter((id) => !images.has(id)).length;
        stats.runningLeft += (
          db.prepare("SELECT count(*) AS n FROM generations WHERE status = 'running'").get() as {
            n: number;
          }
        ).n;
      } finally {
        db.close();
      }

      // What the next start does: the run that was cut is interrupted, orphans and temp files go.
      const { resetConfigForTests } = await import("@/lib/config");
      resetConfigForTests();
      const { resetStoreForTests } = await import("@/lib/store");
      await resetStoreForTests();
      await (await import("@/lib/studio/recover")).recoverAtStart();
      await resetStoreForTests();

      const after = openDb();
      try {
        const images = ids(after, "images");
        const { temps, fileIds } = onDisk();
        expect(temps).toEqual([]);
        expect([...fileIds].filter((id) => !images.has(id))).toEqual([]);
        expect([...images].filter((id) => !fileIds.has(id))).toEqual([]);
        const left = after.prepare("SELECT status, error FROM generations WHERE status NOT IN ('succeeded')").all() as {
          status: string;
          error: string;
        }[];
        for (const g of left) {
          expect(g.status).toBe("failed");
          expect(JSON.parse(g.error)).toMatchObject({ code: "interrupted" });
        }
      } finally {
        after.close();
      }
    }
    // Something was committed before the kills, or the checks above checked nothing.
    expect(everCommitted.length).toBeGreaterThan(0);
  }, 120_000);
});
