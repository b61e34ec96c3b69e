import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/chromium-args.mjs";

const chromium = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const e2eData = path.resolve(__dirname, "test-results", "e2e-data");
export const FAKE_OPENAI_PORT = 4310;
export const OFFLINE_PORT = 3110;
export const OPENAI_PORT = 3111;
export const SD_PORT = 3112;
export const FAKE_A1111_PORT = 4320;
export const FAKE_COMFYUI_PORT = 4330;
const nextBin = "node node_modules/next/dist/bin/next start -H 127.0.0.1";

/** Two production servers from one build: embedded defaults, and OpenAI pointed at the local fake. */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  projects: [
    {
      name: "offline",
      testMatch: /offline.*\.spec\.ts|a11y\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${OFFLINE_PORT}` },
    },
    { name: "openai", testMatch: /openai.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${OPENAI_PORT}` } },
    { name: "sd", testMatch: /sd-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${SD_PORT}` } },
  ],
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs tests/fakes/a1111/cli.ts",
      url: `http://127.0.0.1:${FAKE_A1111_PORT}/__fake/health`,
      // Slow enough that progress and Cancel can be seen: 25 steps take about 2 s.
      env: { PORT: String(FAKE_A1111_PORT), STEP_MS: "80" },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs tests/fakes/comfyui/cli.ts",
      url: `http://127.0.0.1:${FAKE_COMFYUI_PORT}/__fake/health`,
      env: { PORT: String(FAKE_COMFYUI_PORT), STEP_MS: "80" },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
    },
    {
      command: `node node_modules/tsx/dist/cli.mjs tests/fakes/openai/cli.ts`,
      url: `http://127.0.0.1:${FAKE_OPENAI_PORT}/__fake/health`,
      // A real model writes about 50–100 tokens a second: chunks 15 ms apart make streaming visible.
      env: { PORT: String(FAKE_OPENAI_PORT), CHUNK_GAP_MS: "15" },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
    },
    {
      command: `rm -rf ${e2eData}/offline && ${nextBin} -p ${OFFLINE_PORT}`,
      url: `http://127.0.0.1:${OFFLINE_PORT}/api/health`,
      env: { DATA_DIR: `${e2eData}/offline`, NEXT_TELEMETRY_DISABLED: "1", OPENAI_API_KEY: "", OPENAI_BASE_URL: "" },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf ${e2eData}/openai && ${nextBin} -p ${OPENAI_PORT}`,
      url: `http://127.0.0.1:${OPENAI_PORT}/api/health`,
      env: {
        DATA_DIR: `${e2eData}/openai`,
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_API_KEY: "sk-fake-e2e-key",
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_OPENAI_PORT}/v1`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf ${e2eData}/sd && ${nextBin} -p ${SD_PORT}`,
      url: `http://127.0.0.1:${SD_PORT}/api/health`,
      env: {
        DATA_DIR: `${e2eData}/sd`,
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_API_KEY: "",
        OPENAI_BASE_URL: "",
        A1111_URL: `http://127.0.0.1:${FAKE_A1111_PORT}`,
        COMFYUI_URL: `http://127.0.0.1:${FAKE_COMFYUI_PORT}`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
