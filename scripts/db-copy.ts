/**
 * `npm run db:copy -- --to postgres://… [--storage s3] [--force]`: moves an embedded data folder
 * (DATA_DIR: promptsmith.db and images/) to Postgres and, with --storage s3, its image bytes to
 * the bucket the app would use (STORAGE=s3, S3_BUCKET, S3_ENDPOINT…, read by lib/config.ts).
 * Without --storage s3 the images stay where they are: the target app runs with the same DATA_DIR.
 * Progress goes to stderr; the check's figures to stdout. Exit 1 on any error or mismatch, and
 * when the source database was written while it copied (an embedded server still running).
 */
import { parseArgs } from "node:util";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { CopyError, copyDataFolder } from "@/lib/store/copy/copy-data-folder";
import { outcome } from "@/lib/store/copy/report";

const USAGE = "usage: npm run db:copy -- --to postgres://user@host:5432/db [--storage s3] [--force]";

function fail(message: string): never {
  process.stderr.write(`db:copy: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let values: { to?: string; storage?: string; force?: boolean };
  try {
    ({ values } = parseArgs({
      options: { to: { type: "string" }, storage: { type: "string" }, force: { type: "boolean" } },
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (!values.to) fail(`--to is required: the Postgres database to copy into\n${USAGE}`);
  if (values.storage !== undefined && values.storage !== "s3" && values.storage !== "files") {
    fail(`--storage must be s3 or files, not ${values.storage}\n${USAGE}`);
  }
  const config = getConfig();
  if (values.storage === "s3" && config.storage.kind !== "s3") {
    fail(
      "--storage s3 uses the bucket the app is configured with: set STORAGE=s3 and S3_BUCKET (and S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE as needed)",
    );
  }
  const result = await copyDataFolder({
    dataDir: config.dataDir,
    to: values.to,
    storage: values.storage === "s3" ? config.storage : { kind: "files" },
    force: values.force,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const { stdout, stderr, exitCode } = outcome(result);
  for (const line of stdout) process.stdout.write(`${line}\n`);
  for (const line of stderr) process.stderr.write(`${line}\n`);
  process.exitCode = exitCode;
}

main().catch((e: unknown) => {
  // A CopyError or the storage's AppError is a sentence for a person; anything else keeps its stack.
  if (e instanceof CopyError || (e instanceof AppError && e.code === "backend_unavailable")) fail(e.message);
  process.stderr.write(`db:copy: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
