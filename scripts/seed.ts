/**
 * `npm run seed -- --data-dir DIR --ideas N --images M [--seed S]` (issue 12): fills a data folder
 * with N ideas and M images, fast, reusing one real image file per size (hard links). With
 * DATABASE_URL set (read by lib/config.ts) the rows go to that Postgres database; the image files
 * still go to DIR/images, where an app with the same DATA_DIR finds them.
 */
import { parseArgs } from "node:util";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { seedDataFolder } from "@/lib/seed/seed-data-folder";

const USAGE = "usage: npm run seed -- --data-dir DIR --ideas N --images M [--seed S]";

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n${USAGE}\n`);
  process.exit(1);
}

function count(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) fail(`--${name} must be a whole number`);
  return Number(value);
}

async function main(): Promise<void> {
  let values: { "data-dir"?: string; ideas?: string; images?: string; seed?: string };
  try {
    ({ values } = parseArgs({
      options: {
        "data-dir": { type: "string" },
        ideas: { type: "string" },
        images: { type: "string" },
        seed: { type: "string" },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (!values["data-dir"]) fail("--data-dir is required");
  const config = getConfig();
  if (config.storage.kind === "s3") fail("STORAGE=s3 is not supported: the seed links image files in DATA_DIR/images");
  const dataDir = path.resolve(values["data-dir"]);
  const report = await seedDataFolder({
    dataDir,
    ideas: count(values.ideas, "ideas"),
    images: count(values.images, "images"),
    seed: values.seed === undefined ? undefined : count(values.seed, "seed"),
    databaseUrl: config.databaseUrl,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const where = config.databaseUrl
    ? `Postgres ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
    : `SQLite in ${dataDir}`;
  process.stdout.write(
    `seeded ${report.ideas} ideas, ${report.versions} versions, ${report.generations} generations, ${report.images} images, ${report.checks} checks into ${where} in ${(report.totalMs / 1000).toFixed(1)} s (rows ${(report.rowsMs / 1000).toFixed(1)} s, files ${(report.filesMs / 1000).toFixed(1)} s)\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`seed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
