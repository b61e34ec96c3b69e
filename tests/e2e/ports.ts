import { execFileSync } from "node:child_process";

/** Every port the browser tests listen on: the app servers, the fakes, and servers that specs start themselves. */
export const PORT_NAMES = [
  "offline",
  "openai",
  "sd",
  "secure",
  "fakeOpenai",
  "fakeA1111",
  "fakeComfyui",
  "sdCrash",
  "sdRestart",
  "sdReconnect",
  "startup",
  "startupWide",
  "cluster1",
  "cluster2",
  "cluster3",
  "deepGallery",
] as const;
export type PortName = (typeof PORT_NAMES)[number];
export type Ports = Record<PortName, number>;

/** Where the runner leaves its choice for the processes it starts (workers, web servers). */
export const PORTS_ENV = "PROMPTSMITH_E2E_PORTS";

// Listens on port 0 `count` times at once (so no port comes twice), prints the ports, lets them go.
const FIND_PORTS = `
const net = require("node:net");
const count = Number(process.argv[1]);
const servers = Array.from({ length: count }, () => net.createServer());
Promise.all(servers.map((s) => new Promise((ok, fail) => { s.once("error", fail); s.listen(0, "127.0.0.1", ok); })))
  .then(() => {
    process.stdout.write(JSON.stringify(servers.map((s) => s.address().port)));
    for (const s of servers) s.close();
  });
`;

/**
 * `count` distinct TCP ports that were free on 127.0.0.1 a moment ago, chosen by the OS.
 * Synchronous (a child process) because playwright.config.ts is evaluated synchronously.
 */
export function findFreePortsSync(count: number): number[] {
  const out = execFileSync(process.execPath, ["-e", FIND_PORTS, String(count)], { encoding: "utf8" });
  const ports = JSON.parse(out) as unknown;
  if (!Array.isArray(ports) || ports.length !== count || !ports.every((p) => Number.isInteger(p) && p > 0)) {
    throw new Error(`could not find ${count} free ports: ${out}`);
  }
  return ports as number[];
}

function parsePorts(text: string): Ports | undefined {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const ok = PORT_NAMES.every((n) => Number.isInteger(parsed[n]) && (parsed[n] as number) > 0);
    return ok ? (parsed as Ports) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser tests' ports. playwright.config.ts runs in the runner and again in every worker:
 * the runner chooses free ports and leaves them in `env`, which the workers and web servers it
 * starts inherit, so every process agrees. Free ports (not fixed ones) let the suite run beside
 * a running Promptsmith or anything else on 3000–3113.
 */
export function e2ePorts(env: NodeJS.ProcessEnv = process.env): Ports {
  const given = env[PORTS_ENV] ? parsePorts(env[PORTS_ENV]) : undefined;
  if (given) return given;
  const found = findFreePortsSync(PORT_NAMES.length);
  const ports = Object.fromEntries(PORT_NAMES.map((name, i) => [name, found[i]])) as Ports;
  env[PORTS_ENV] = JSON.stringify(ports);
  return ports;
}
