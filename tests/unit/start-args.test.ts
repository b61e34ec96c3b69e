/**
 * Issue 15.3 (the host): `npm start` always passes -H, so HOSTNAME is obeyed, and listens on
 * 127.0.0.1 unless the person asks for more (tests/e2e/startup-config.spec.ts checks the binding).
 */
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { listenOptions, servingLine } from "@/scripts/start-args.mjs";

describe("npm start's listening options", () => {
  it("default to 127.0.0.1:3000, passed explicitly", () => {
    expect(listenOptions({}).args).toEqual(["start", "-H", "127.0.0.1", "-p", "3000"]);
    expect(listenOptions({ HOSTNAME: " ", PORT: "" }).args).toEqual(["start", "-H", "127.0.0.1", "-p", "3000"]);
  });

  it("listen on every interface only when HOSTNAME asks for it", () => {
    expect(listenOptions({ HOSTNAME: "0.0.0.0", PORT: "8080" }).args).toEqual(["start", "-H", "0.0.0.0", "-p", "8080"]);
    expect(listenOptions({ HOSTNAME: "192.168.1.20" }).args).toEqual(["start", "-H", "192.168.1.20", "-p", "3000"]);
    expect(listenOptions({ HOSTNAME: "[::1]" }).host).toBe("::1");
  });

  it("take a HOSTNAME that is the machine's own name (as Docker exports it) for unset", () => {
    expect(listenOptions({ HOSTNAME: hostname() }).host).toBe("127.0.0.1");
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "0" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "30.5" }, "PORT"],
    [{ HOSTNAME: "--inspect" }, "HOSTNAME"],
    [{ HOSTNAME: "a host" }, "HOSTNAME"],
  ])("refuse %j, naming %s", (env, name) => {
    expect(() => listenOptions(env)).toThrow(new RegExp(`^Promptsmith: invalid configuration:\\n  ${name}: `));
  });

  it("say where they serve, and how to open it up", () => {
    expect(servingLine({ host: "127.0.0.1", port: 3000 })).toContain("http://127.0.0.1:3000 (this machine only");
    expect(servingLine({ host: "0.0.0.0", port: 3000 })).toContain("every interface");
  });
});
