import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

/**
 * A real S3-protocol server on 127.0.0.1: s3rver, keeping objects in a temp folder, in a child
 * process (see s3rver-process.mjs for why). The AWS SDK is exercised as against AWS, MinIO or R2:
 * signed requests, XML answers, continuation tokens. Stopping it is a server that went away.
 */
export type S3TestServer = { endpoint: string; port: number; stop(): Promise<void> };

/** s3rver checks signatures against these (its documented defaults); the SDK reads them from the environment. */
export const S3RVER_KEY = "S3RVER";

export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  process.env.AWS_ACCESS_KEY_ID = S3RVER_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = S3RVER_KEY;
  const directory = mkdtempSync(path.join(tmpdir(), "promptsmith-s3rver-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--openssl-legacy-provider", path.join(__dirname, "s3rver-process.mjs"), directory, ...buckets],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = once(child, "exit");
  const port = await new Promise<number>((resolve, reject) => {
    if (!child.stdout) return reject(new Error("s3rver: no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
  });
  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
