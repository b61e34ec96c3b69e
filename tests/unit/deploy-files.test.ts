/**
 * The Dockerfile and compose.yaml (issue 9, item 8). No Docker engine or registry is reachable
 * here, so they are checked against what they must say: every variable the team setup needs, the
 * official images' documented interfaces, a non-root runtime that starts the standalone server,
 * and two app instances by default on one database and one bucket.
 * tests/e2e/startup-standalone.spec.ts starts the server the way the Dockerfile's runtime stage
 * lays it out; tests/e2e/cluster.spec.ts runs several instances on one database and one bucket.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_VARIABLES } from "@/lib/config";
import { SERVER_MALLOC_ARENA_MAX, SERVER_NODE_FLAGS } from "@/scripts/server-memory.mjs";

const ROOT = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

type Instruction = { name: string; args: string };
type Stage = { from: string; alias?: string; body: Instruction[] };

/** The Dockerfile's stages, with continuation lines joined and comments dropped. */
function stages(): Stage[] {
  const lines = read("Dockerfile")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const out: Stage[] = [];
  for (const line of lines) {
    const [name = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (name.toUpperCase() === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      out.push({ from: m?.[1] ?? "", alias: m?.[2], body: [] });
    } else out.at(-1)?.body.push({ name: name.toUpperCase(), args });
  }
  return out;
}

/** ARG defaults before the first FROM, to resolve `FROM ${NODE_IMAGE}`. */
function globalArgs(): Record<string, string> {
  const head = read("Dockerfile").split(/^FROM\s/m)[0] ?? "";
  return Object.fromEntries([...head.matchAll(/^ARG\s+([A-Z_]+)=(\S+)/gm)].map((m) => [m[1], m[2]]));
}

function env(stage: Stage): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const i of stage.body.filter((b) => b.name === "ENV"))
    for (const m of i.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) vars[m[1] as string] = m[2] as string;
  return vars;
}

type Service = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string>;
  profiles?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  volumes?: string[];
};
const composeText = read("compose.yaml");
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

describe("Dockerfile", () => {
  const all = stages();
  const runtime = all.at(-1) as Stage;
  const args = globalArgs();
  const image = (s: Stage) => s.from.replace(/^\$\{([A-Z_]+)\}$/, (_, n: string) => args[n] ?? "");

  it("is multi-stage: npm ci, a standalone build, then a runtime from an official Node image", () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
    const deps = all.find((s) => s.body.some((i) => i.name === "RUN" && /\bnpm ci\b/.test(i.args)));
    const build = all.find((s) => s.body.some((i) => i.name === "RUN" && /\bnext build\b/.test(i.args)));
    expect(deps, "a stage that runs npm ci").toBeDefined();
    expect(build, "a stage that runs next build").toBeDefined();
    expect(env(build as Stage).BUILD_STANDALONE).toBe("1");
    expect(image(runtime)).toMatch(/^node:\d+-(bookworm|trixie)-slim$/);
    // One libc for every stage: native modules installed by npm ci match the runtime's.
    for (const s of all) expect(["deps", "build"].includes(s.from) || image(s) === image(runtime)).toBe(true);
    expect(runtime.body.some((i) => i.name === "RUN" && /npm (ci|install)/.test(i.args))).toBe(false);
  });

  it("copies the standalone server, its static files and public/ from the build", () => {
    const copies = runtime.body.filter((i) => i.name === "COPY").map((i) => i.args.replace(/--chown=\S+\s*/, ""));
    expect(copies).toEqual([
      "--from=build /app/.next/standalone ./",
      "--from=build /app/.next/static ./.next/static",
      "--from=build /app/public ./public",
    ]);
  });

  it("runs as a non-root user and starts the standalone server with node server.js", () => {
    const user = runtime.body.filter((i) => i.name === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const order = runtime.body.map((i) => i.name);
    expect(order.lastIndexOf("USER")).toBeLessThan(order.lastIndexOf("CMD"));
    expect(JSON.parse(runtime.body.filter((i) => i.name === "CMD").at(-1)?.args ?? "null")).toEqual([
      "node",
      ...SERVER_NODE_FLAGS,
      "server.js",
    ]);
  });

  it("runs the server with npm start's memory settings (issue 12)", () => {
    expect(env(runtime).MALLOC_ARENA_MAX).toBe(SERVER_MALLOC_ARENA_MAX);
  });

  it("listens on the container's every interface, keeps DATA_DIR on a volume, and is production", () => {
    const vars = env(runtime);
    expect(vars.HOSTNAME).toBe("0.0.0.0");
    expect(vars.NODE_ENV).toBe("production");
    expect(vars.DATA_DIR).toBe("/data");
    expect(runtime.body.find((i) => i.name === "VOLUME")?.args).toContain(`"${vars.DATA_DIR}"`);
    expect(runtime.body.find((i) => i.name === "EXPOSE")?.args).toBe(vars.PORT);
  });

  it("has a HEALTHCHECK that asks /api/health with node (slim images have no curl)", () => {
    const hc = runtime.body.find((i) => i.name === "HEALTHCHECK")?.args ?? "";
    const cmd = JSON.parse(hc.slice(hc.indexOf("CMD") + 3).trim()) as string[];
    expect(cmd[0]).toBe("node");
    expect(cmd.join(" ")).toContain("/api/health");
    expect(hc).toMatch(/--timeout=\d+s/);
  });

  it("leaves secrets, data and local builds out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of [".env", ".env.*", "node_modules", ".next", "data", ".git"]) expect(ignored).toContain(entry);
    expect(ignored).toContain("!.env.example");
  });
});

describe("compose.yaml", () => {
  const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

  it("runs Postgres from postgres:16 with its documented variables and a pg_isready healthcheck", () => {
    const db = services.postgres as Service;
    expect(db.image).toBe("postgres:16");
    expect(Object.keys(db.environment ?? {})).toEqual(
      expect.arrayContaining(["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"]),
    );
    expect(db.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(JSON.stringify(db.healthcheck?.test)).toContain("pg_isready");
    expect(db.volumes?.some((v) => v.endsWith(":/var/lib/postgresql/data"))).toBe(true);
  });

  it("runs MinIO (server /data, console on :9001, root user and password) and makes the bucket once", () => {
    const minio = services.minio as Service;
    expect(minio.image).toMatch(/minio\/minio/);
    expect(minio.command).toBe("server /data --console-address :9001");
    expect(Object.keys(minio.environment ?? {})).toEqual(["MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"]);
    const mc = services["minio-bucket"] as Service;
    expect(mc.image).toMatch(/minio\/mc/);
    expect(String(mc.command)).toMatch(/mc mb --ignore-existing "local\/\$\$S3_BUCKET"/);
  });

  it("gives the app every variable of the team setup: Postgres, S3 on MinIO with path style, the gate", () => {
    const app = services.app as Service;
    const e = app.environment ?? {};
    expect(e.DATABASE_URL).toMatch(
      /^postgres:\/\/promptsmith:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/promptsmith$/,
    );
    expect(e.STORAGE).toBe("s3");
    expect(e.S3_BUCKET).toMatch(/S3_BUCKET/);
    expect(e.S3_ENDPOINT).toBe("http://minio:9000");
    expect(e.S3_FORCE_PATH_STYLE).toBe("true");
    // The SDK's credential chain, from MinIO's root user.
    expect(e.AWS_ACCESS_KEY_ID).toMatch(/^\$\{MINIO_ROOT_USER\b/);
    expect(e.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{MINIO_ROOT_PASSWORD:\?/);
    // Required, not defaulted: the port is published, and sessions must verify on every instance.
    expect(e.APP_PASSWORD).toMatch(/^\$\{APP_PASSWORD:\?/);
    expect(e.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?/);
    expect(app.depends_on).toMatchObject({
      postgres: { condition: "service_healthy" },
      "minio-bucket": { condition: "service_completed_successfully" },
    });
  });

  it("passes the app only variables something reads (no typo goes unnoticed)", () => {
    const known = new Set([...CONFIG_VARIABLES, "AWS_ACCESS_KEY_ID", "HOSTNAME", "PORT"]);
    for (const [, s] of appServices) expect(Object.keys(s.environment ?? {}).filter((k) => !known.has(k))).toEqual([]);
  });

  it("runs TWO app instances by default, from one definition, each with its own port and DATA_DIR volume", () => {
    const always = appServices.filter(([, s]) => !s.profiles?.length);
    expect(always.map(([name]) => name)).toEqual(["app", "app-2"]);
    expect(appServices.length).toBe(2);
    // The same settings on both: the concurrency limits and the lease are the cluster's, not an instance's.
    const [first, second] = always.map(([, s]) => s) as [Service, Service];
    expect(second.environment).toEqual(first.environment);
    expect(second.depends_on).toEqual(first.depends_on);
    for (const name of ["JOB_LEASE_MS", "A1111_CONCURRENCY", "COMFYUI_CONCURRENCY"]) {
      expect(Object.keys(first.environment ?? {})).toContain(name);
    }
    // No longer marked unsafe: the queue, its leases, events and limits are in Postgres.
    expect(composeText).not.toMatch(/NOT SAFE YET|ONE APP INSTANCE ONLY/);
    const volumes = appServices.map(([, s]) => s.volumes?.[0]?.split(":")[0]);
    expect(new Set(volumes).size).toBe(appServices.length);
    const hostPorts = appServices.map(([, s]) => s.ports?.[0]?.split(":")[0]);
    expect(new Set(hostPorts).size).toBe(appServices.length);
  });

  it("has optional profiles for Ollama (official image) and ComfyUI (an image the person names)", () => {
    expect(services.ollama?.image).toBe("ollama/ollama");
    expect(services.ollama?.profiles).toEqual(["ollama"]);
    expect(services.comfyui?.profiles).toEqual(["comfyui"]);
    expect(services.comfyui?.image).toMatch(/^\$\{COMFYUI_IMAGE\b/);
    expect(composeText).toContain("OPENAI_BASE_URL=http://ollama:11434/v1");
    expect(composeText).toMatch(/no official ComfyUI image/i);
  });
});
