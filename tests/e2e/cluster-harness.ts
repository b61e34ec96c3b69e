/**
 * Promptsmith as a team runs it, on one machine: three `next start` instances of the production
 * build on ONE fresh Postgres database and ONE S3 bucket (s3rver), with the fake AUTOMATIC1111 as
 * their shared SD backend at a concurrency of one. Each instance is its own process group with its
 * own DATA_DIR, as separate machines behind a load balancer would be: whatever they share must go
 * through Postgres or the bucket. stop() kills every process and drops the database and the bucket.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type FakeA1111, startFakeA1111 } from "../fakes/a1111";
import { S3RVER_KEY, type S3TestServer, startS3Server } from "../unit/s3-server";
import { type AppServer, appServer } from "./app-server";

const ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

/** Test values, never real secrets. */
export const CLUSTER = {
  password: "cluster-gate-password-9",
  /** Each API token is a client of its own to the rate limits: tests take fresh ones (nextClient). */
  tokens: Array.from({ length: 24 }, (_, i) => `cluster-token-${String(i).padStart(2, "0")}`),
  /** A short lease, so a killed instance's job is settled within seconds. */
  leaseMs: 3000,
  /** Generations a client may start at once, cluster-wide; refilled very slowly (one a minute). */
  generateBurst: 3,
  /** The fake A1111's time per sampling step. */
  stepMs: 40,
  bucket: "promptsmith-cluster",
} as const;

export type Instance = AppServer & { name: string; log: string; dataDir: string };

export type Cluster = {
  instances: Instance[];
  fake: FakeA1111;
  databaseUrl: string;
  /** The last lines each instance wrote, for a failure's message. */
  logs(): string;
  stop(): Promise<void>;
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Waits for GET /api/ready (database and bucket answer); fails early when the process exits. */
async function waitReady(instance: Instance, ms = 150_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(instance.pid)) throw new Error(`${instance.name} exited:\n${tail(instance.log)}`);
    try {
      const res = await fetch(`${instance.base}/api/ready`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${instance.name} was not ready after ${ms} ms:\n${tail(instance.log)}`);
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Starts the fake, the bucket, the database and three instances on `ports`; all of it stops on a failure. */
export async function startCluster(ports: readonly number[]): Promise<Cluster> {
  const scratch = mkdtempSync(path.join(tmpdir(), "promptsmith-cluster-"));
  // promptsmith_test_<ms>_…: the store tests' sweep of stale test databases drops it if a run is killed.
  const database = `promptsmith_test_${Date.now()}_${process.pid}_cluster`;
  const databaseUrl = databaseUrlFor(database);
  let fake: FakeA1111 | undefined;
  let s3: S3TestServer | undefined;
  let created = false;
  const instances: Instance[] = [];

  const stop = async () => {
    await Promise.all(instances.filter((i) => i.running).map((i) => i.kill().catch(() => undefined)));
    await fake?.close().catch(() => undefined);
    await s3?.stop().catch(() => undefined);
    if (created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    if (!process.env.KEEP_CLUSTER_LOGS) rmSync(scratch, { recursive: true, force: true });
  };

  try {
    fake = await startFakeA1111({ port: 0, stepMs: CLUSTER.stepMs });
    s3 = await startS3Server([CLUSTER.bucket]);
    await admin((c) => c.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8'`));
    created = true;
    const shared: Record<string, string> = {
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      STORAGE: "s3",
      S3_BUCKET: CLUSTER.bucket,
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      AWS_SESSION_TOKEN: "",
      A1111_URL: fake.url,
      A1111_CONCURRENCY: "1",
      COMFYUI_URL: "",
      OPENAI_API_KEY: "",
      OPENAI_BASE_URL: "",
      JOB_LEASE_MS: String(CLUSTER.leaseMs),
      GENERATE_RETRIES: "0",
      APP_PASSWORD: CLUSTER.password,
      API_TOKENS: CLUSTER.tokens.join(","),
      // Unset on purpose: each instance has its own DATA_DIR, so a session signed on one instance
      // verifies on another only through the secret the instances share in the database.
      SESSION_SECRET: "",
      TRUST_PROXY: "0",
      RATE_GENERATE_BURST: String(CLUSTER.generateBurst),
      RATE_GENERATE_PER_MIN: "1",
      RATE_LOGIN_BURST: "50",
      RATE_LOGIN_PER_MIN: "50",
      MAX_QUEUED_PER_CLIENT: "8",
      LOG_LEVEL: "info",
    };
    for (const [i, port] of ports.entries()) {
      const name = `instance ${i + 1}`;
      const dataDir = path.join(scratch, `data-${i + 1}`);
      const log = path.join(scratch, `instance-${i + 1}.log`);
      mkdirSync(dataDir);
      const server = appServer(port, () => ({ ...shared, DATA_DIR: dataDir }), { log });
      instances.push(Object.assign(server, { name, log, dataDir }));
    }
    // All at once, as a compose file or an orchestrator starts them: migrations and start-up
    // recovery must cope with the others doing the same.
    for (const instance of instances) instance.start();
    await Promise.all(instances.map((i) => waitReady(i)));
  } catch (e) {
    const logs = instances.map((i) => `--- ${i.name}\n${tail(i.log)}`).join("\n");
    await stop();
    throw new Error(`${(e as Error).message}\n${logs}`);
  }

  return {
    instances,
    fake,
    databaseUrl,
    logs: () => instances.map((i) => `--- ${i.name} (${i.log})\n${tail(i.log)}`).join("\n"),
    stop,
  };
}
