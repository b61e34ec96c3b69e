import "server-only";
import { createHash } from "node:crypto";
import { link } from "node:fs/promises";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { renderOfflineSketch } from "@/lib/backends/offline";
import { CHECK_KINDS } from "@/lib/schemas/names";
import { createFileImageStore } from "@/lib/store/file-image-store";
import { imageCheckToRow } from "@/lib/store/image-check-queries";
import { migrateToLatest } from "@/lib/store/migrations";
import { isPostgres } from "@/lib/store/migrations/dialect";
import { openPostgres } from "@/lib/store/open-postgres";
import { openSqlite } from "@/lib/store/open-sqlite";
import { generationToRow, ideaToRow, imageToRow, versionToRow } from "@/lib/store/row-mapping";
import type { NewGeneration, NewImage, NewImageCheck, NewPromptVersion } from "@/lib/store/types";
import {
  ADJECTIVES,
  BACKENDS,
  FINISHES,
  INSTRUCTIONS,
  pick,
  pickSkewed,
  type Random,
  randomSource,
  SEED_POOL,
  SETTINGS,
  STYLES,
  SUBJECTS,
  seedFromPool,
} from "./seed-words";

/*
 * `npm run seed` (issue 12): a data folder with N ideas and M images, fast, for the bench and for
 * looking at a big gallery. Rows go through the app's own migrations and row mapping, in batches
 * of multi-row INSERTs, one transaction per batch, so every trigger (search indexes, last
 * activity, stored scores) runs as it does for the app. Image files: one real PNG per size, put
 * through the file image store (which makes its thumbnail); every other image of that size is a
 * hard link to that file and to its thumbnail under its own id: the store keys files by image id
 * (`<id>.png`, `<id>.thumb.webp`), and a link is one directory entry, no bytes copied.
 */

export type SeedOptions = {
  dataDir: string;
  ideas: number;
  images: number;
  /** Postgres instead of the SQLite file in dataDir; image files still go to dataDir/images. */
  databaseUrl?: string;
  /** Same seed, same rows (ids aside: they carry the run's time, so seeding twice adds). */
  seed?: number;
  progress?: (line: string) => void;
};

export type SeedReport = {
  ideas: number;
  versions: number;
  generations: number;
  images: number;
  checks: number;
  rowsMs: number;
  filesMs: number;
  totalMs: number;
};

/** Ideas per transaction: a few thousand rows, well under either database's parameter limit per INSERT chunk. */
const IDEAS_PER_BATCH = 500;
/** Rows per INSERT statement (SQLite allows 32,766 parameters; Postgres 65,535; a version has 18 columns). */
const ROWS_PER_INSERT = 400;
const SPAN_MS = 3 * 365 * 86_400_000;
const START = Date.parse("2024-01-01T00:00:00.000Z");

type Batch = {
  ideas: ReturnType<typeof ideaToRow>[];
  versions: NewPromptVersion[];
  generations: NewGeneration[];
  images: NewImage[];
  checks: NewImageCheck[];
};

function promptFor(random: Random, subject: string, setting: string): string {
  const finishes = [pick(random, FINISHES), pick(random, FINISHES)];
  return `${pick(random, ADJECTIVES)} ${subject} ${setting}, ${[...new Set(finishes)].join(", ")}`;
}

function checkFor(random: Random, id: string, imageId: string, at: string): NewImageCheck {
  const n = 3 + Math.floor(random() * 4);
  const items = Array.from({ length: n }, (_, k) => {
    const verdict = random() < 0.7 ? ("pass" as const) : random() < 0.7 ? ("fail" as const) : ("unsure" as const);
    return {
      checkId: `c${k}`,
      text: `item ${k} of the checklist`,
      kind: CHECK_KINDS[k % CHECK_KINDS.length] ?? "entity",
      verdict,
      reason: verdict === "pass" ? "It is there." : "It is not clearly there.",
    };
  });
  const score = items.filter((i) => i.verdict === "pass").length / n;
  return {
    id,
    imageId,
    judge: { id: "offline", label: "Offline judge", model: "offline-judge-v1" },
    score,
    items,
    createdAt: at,
  };
}

/** The rows of ideas [from, to): their versions, generations, images and some checks. */
function buildBatch(random: Random, tag: string, from: number, to: number, opts: SeedOptions): Batch {
  const batch: Batch = { ideas: [], versions: [], generations: [], images: [], checks: [] };
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = from; i < to; i++) {
    const ideaId = `${tag}i${i.toString(36)}`;
    const created = START + Math.floor((i / opts.ideas) * SPAN_MS) + Math.floor(random() * 60_000);
    const subject = pickSkewed(random, SUBJECTS);
    const setting = pick(random, SETTINGS);
    const text = `a ${subject} ${setting}`;
    batch.ideas.push(
      ideaToRow({
        id: ideaId,
        text,
        title: `${subject[0]?.toUpperCase()}${subject.slice(1)} ${i}`,
        createdAt: iso(created),
      }),
    );

    const versionCount = 1 + (random() < 0.4 ? 1 : 0) + (random() < 0.15 ? 1 : 0);
    const versions: NewPromptVersion[] = [];
    for (let v = 0; v < versionCount; v++) {
      const parent = versions.at(-1);
      versions.push({
        id: `${ideaId}v${v}`,
        ideaId,
        parentId: parent?.id ?? null,
        source: parent ? "edit" : "refine",
        instruction: parent ? pick(random, INSTRUCTIONS) : null,
        prompt: promptFor(random, subject, setting),
        negativePrompt: null,
        style: pick(random, STYLES),
        dialect: "prose",
        refiner: "offline",
        model: "offline-refiner-v1",
        title: `${text} ${v + 1}`,
        notes: parent ? [`kept the ${subject}`] : [],
        parts: null,
        locks: [],
        direction: null,
        approvedAt: null,
        checks: [],
        createdAt: iso(created + (v + 1) * 60_000),
      });
    }
    batch.versions.push(...versions);

    // Images spread evenly over the ideas (idea i gets images [first, last)), in generations of 1 to 4.
    const first = Math.floor((i * opts.images) / opts.ideas);
    const last = Math.floor(((i + 1) * opts.images) / opts.ideas);
    let k = first;
    let g = 0;
    while (k < last) {
      const version = pick(random, versions);
      const backend = pick(random, BACKENDS);
      const model = pick(random, backend.models);
      const size = pick(random, backend.sizes);
      const [width, height] = size.split("x").map(Number) as [number, number];
      const n = Math.min(last - k, 1 + Math.floor(random() * 4));
      const genAt = Date.parse(version.createdAt) + (g + 1) * 120_000;
      const seed = backend.seeded ? seedFromPool(Math.floor(random() * SEED_POOL)) : null;
      const generation: NewGeneration = {
        id: `${ideaId}g${g}`,
        promptId: version.id,
        ideaId,
        backend: backend.id,
        model,
        params: { size, n, ...(seed === null ? {} : { seed }) },
        status: "succeeded",
        progress: 1,
        error: null,
        createdAt: iso(genAt),
        startedAt: iso(genAt),
        finishedAt: iso(genAt + 5_000),
        durationMs: 5_000,
      };
      batch.generations.push(generation);
      for (let j = 0; j < n; j++, k++) {
        const imageId = `${tag}m${k.toString(36)}`;
        const imageAt = iso(genAt + 5_000 + j);
        batch.images.push({
          id: imageId,
          generationId: generation.id,
          promptId: version.id,
          ideaId,
          width,
          height,
          seed: seed === null ? null : (seed + j) % 4_294_967_296,
          mime: "image/png",
          byteSize: 0, // set from the file once the sources exist
          favorite: random() < 0.05,
          createdAt: imageAt,
        });
        if (random() < 0.25) {
          batch.checks.push(checkFor(random, `${imageId}c0`, imageId, iso(genAt + 10_000 + j)));
          if (random() < 0.1) batch.checks.push(checkFor(random, `${imageId}c1`, imageId, iso(genAt + 20_000 + j)));
        }
      }
      g++;
    }
  }
  return batch;
}

/** Inserts rows in statements of ROWS_PER_INSERT. */
async function inChunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let n = 0; n < rows.length; n += ROWS_PER_INSERT) await insert(rows.slice(n, n + ROWS_PER_INSERT));
}

type Source = { id: string; bytes: number; hash: string };

/** One real image per size (rendered offline, its thumbnail made by the store), keyed by size. */
async function sourceFiles(dir: string, firstIds: Map<string, string>): Promise<Map<string, Source>> {
  const files = createFileImageStore(dir);
  const sources = new Map<string, Source>();
  for (const [size, id] of firstIds) {
    const [width, height] = size.split("x").map(Number) as [number, number];
    const png = await renderOfflineSketch({ prompt: "a fox in the snow at dusk", width, height, seed: width + height });
    await files.put(id, png, "image/png");
    sources.set(size, { id, bytes: png.byteLength, hash: createHash("sha256").update(png).digest("hex") });
  }
  await files.settled();
  return sources;
}

async function linkFiles(dir: string, images: NewImage[], sources: Map<string, { id: string }>): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const image of images) {
    const source = sources.get(`${image.width}x${image.height}`);
    if (!source || source.id === image.id) continue;
    jobs.push(link(path.join(dir, `${source.id}.png`), path.join(dir, `${image.id}.png`)));
    jobs.push(link(path.join(dir, `${source.id}.thumb.webp`), path.join(dir, `${image.id}.thumb.webp`)));
    if (jobs.length >= 256) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
}

export async function seedDataFolder(opts: SeedOptions): Promise<SeedReport> {
  if (!Number.isInteger(opts.ideas) || opts.ideas < 1) throw new Error("--ideas must be a whole number of at least 1");
  if (!Number.isInteger(opts.images) || opts.images < 0) throw new Error("--images must be a whole number, 0 or more");
  const progress = opts.progress ?? (() => undefined);
  const t0 = performance.now();
  const random = randomSource(opts.seed ?? 12);
  const tag = `s${Date.now().toString(36)}`;
  const imageDir = path.join(opts.dataDir, "images");
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite({ dataDir: opts.dataDir });
  const report: SeedReport = {
    ideas: 0,
    versions: 0,
    generations: 0,
    images: 0,
    checks: 0,
    rowsMs: 0,
    filesMs: 0,
    totalMs: 0,
  };
  let sources: Map<string, Source> | undefined;
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>);
    for (let from = 0; from < opts.ideas; from += IDEAS_PER_BATCH) {
      const to = Math.min(opts.ideas, from + IDEAS_PER_BATCH);
      const batch = buildBatch(random, tag, from, to, opts);
      if (!sources && batch.images.length > 0) {
        // The first image of each size in the first batch carries the real file; SIZES beyond it get theirs later.
        const firstIds = new Map<string, string>();
        for (const image of batch.images) {
          const size = `${image.width}x${image.height}`;
          if (!firstIds.has(size)) firstIds.set(size, image.id);
        }
        const f0 = performance.now();
        sources = await sourceFiles(imageDir, firstIds);
        report.filesMs += performance.now() - f0;
      }
      for (const image of batch.images) {
        const size = `${image.width}x${image.height}`;
        let source = sources?.get(size);
        if (!source && sources) {
          // A size first seen after the first batch: its own real file.
          const made = await sourceFiles(imageDir, new Map([[size, image.id]]));
          source = made.get(size);
          if (source) sources.set(size, source);
        }
        image.byteSize = source?.bytes ?? 0;
        // The bytes are the source's (a hard link), so its hash is theirs too.
        if (source) image.contentHash = source.hash;
      }
      const r0 = performance.now();
      await db.transaction().execute(async (trx) => {
        await inChunks(batch.ideas, (part) => trx.insertInto("ideas").values(part).execute());
        await inChunks(batch.versions.map(versionToRow), (part) =>
          trx.insertInto("prompt_versions").values(part).execute(),
        );
        await inChunks(batch.generations.map(generationToRow), (part) =>
          trx.insertInto("generations").values(part).execute(),
        );
        await inChunks(batch.images.map(imageToRow), (part) => trx.insertInto("images").values(part).execute());
        await inChunks(batch.checks.map(imageCheckToRow), (part) =>
          trx.insertInto("image_checks").values(part).execute(),
        );
      });
      report.rowsMs += performance.now() - r0;
      const f0 = performance.now();
      if (sources) await linkFiles(imageDir, batch.images, sources);
      report.filesMs += performance.now() - f0;
      report.ideas += batch.ideas.length;
      report.versions += batch.versions.length;
      report.generations += batch.generations.length;
      report.images += batch.images.length;
      report.checks += batch.checks.length;
      progress(`seed: ${report.ideas}/${opts.ideas} ideas, ${report.images}/${opts.images} images`);
    }
    // What autovacuum would do soon after a bulk load on Postgres: fresh statistics, the GIN
    // indexes' pending lists merged, the visibility map set (index-only scans).
    if (isPostgres(db as unknown as Kysely<unknown>)) await sql`VACUUM ANALYZE`.execute(db);
  } finally {
    await db.destroy();
  }
  report.totalMs = performance.now() - t0;
  return report;
}
