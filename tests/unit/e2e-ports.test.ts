/**
 * Issue 14.2: the browser tests listen on free ports chosen once, by the runner, and every process
 * that evaluates playwright.config.ts again (each worker) gets the same ones, so the suite runs
 * beside a running Promptsmith (or anything) on the old fixed ports 3110–3113 and 4310–4330.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2ePorts, findFreePortsSync, PORT_NAMES, PORTS_ENV } from "@/tests/e2e/ports";

const OLD_FIXED = [3110, 3111, 3112, 3113, 4310, 4320, 4330, 3120, 3121, 3122];
const held: net.Server[] = [];

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

beforeAll(async () => {
  // Stand in for a Promptsmith already running on the old ports (where they are free to take).
  for (const port of OLD_FIXED) {
    const s = net.createServer();
    await new Promise<void>((resolve) => {
      s.once("error", () => resolve());
      s.listen(port, "127.0.0.1", () => {
        held.push(s);
        resolve();
      });
    });
  }
});
afterAll(() => {
  for (const s of held) s.close();
});

describe("e2e ports", () => {
  it("are distinct, free, and none of the old fixed ones", async () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: "test" };
    const ports = Object.values(e2ePorts(env));
    expect(ports).toHaveLength(PORT_NAMES.length);
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of ports) {
      expect(OLD_FIXED).not.toContain(p);
      expect(await bindable(p)).toBe(true);
    }
  });

  it("are chosen once: a worker that inherits the runner's environment gets the same ones", () => {
    const runner: NodeJS.ProcessEnv = { NODE_ENV: "test" };
    const chosen = e2ePorts(runner);
    expect(runner[PORTS_ENV]).toBe(JSON.stringify(chosen));
    const worker: NodeJS.ProcessEnv = { ...runner };
    expect(e2ePorts(worker)).toEqual(chosen);
    expect(e2ePorts(runner)).toEqual(chosen);
  });

  it("are chosen afresh when the inherited value is missing or malformed", () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: "test", [PORTS_ENV]: '{"offline": 3110}' };
    const ports = e2ePorts(env);
    expect(ports.offline).not.toBe(3110);
    expect(PORT_NAMES.every((n) => Number.isInteger(ports[n]))).toBe(true);
  });

  it("findFreePortsSync gives as many distinct ports as asked", () => {
    const ports = findFreePortsSync(20);
    expect(new Set(ports).size).toBe(20);
  });
});
