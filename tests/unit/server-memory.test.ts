import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  builtNextConfig,
  SERVER_MALLOC_ARENA_MAX,
  SERVER_NODE_FLAGS,
  serverEnv,
  serverNodeArgs,
} from "@/scripts/server-memory.mjs";

describe("how npm start runs the server (scripts/server-memory.mjs)", () => {
  it("gives the server its memory flags, unless NODE_OPTIONS sets the same one", () => {
    expect(serverNodeArgs({})).toEqual(SERVER_NODE_FLAGS);
    expect(serverNodeArgs({ NODE_OPTIONS: "--max-semi-space-size=16 --enable-source-maps" })).toEqual(
      SERVER_NODE_FLAGS.filter((f) => !f.startsWith("--max-semi-space-size")),
    );
    expect(serverNodeArgs({ NODE_OPTIONS: "--max_semi_space_size=8" })).not.toContain("--max-semi-space-size=1");
  });

  it("caps glibc's malloc arenas unless the operator chose a number", () => {
    expect(serverEnv({ PATH: "/bin" }, undefined)).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: SERVER_MALLOC_ARENA_MAX });
    expect(serverEnv({ MALLOC_ARENA_MAX: "4" }, undefined).MALLOC_ARENA_MAX).toBe("4");
  });

  it("hands the server the configuration the build resolved, when the build wrote one", () => {
    const root = mkdtempSync(path.join(tmpdir(), "promptsmith-server-memory-"));
    expect(builtNextConfig(root, ".next")).toBeUndefined();
    mkdirSync(path.join(root, ".next"));
    const config = { distDir: ".next", poweredByHeader: false, experimental: { preloadEntriesOnStart: false } };
    writeFileSync(path.join(root, ".next", "required-server-files.json"), JSON.stringify({ version: 1, config }));
    const built = builtNextConfig(root, ".next");
    expect(JSON.parse(built ?? "null")).toEqual(config);
    expect(serverEnv({}, built).__NEXT_PRIVATE_STANDALONE_CONFIG).toBe(built);
    expect(serverEnv({}, undefined)).not.toHaveProperty("__NEXT_PRIVATE_STANDALONE_CONFIG");
  });
});
