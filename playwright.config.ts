import path from "node:path";
import { defineConfig } from "@playwright/test";

const chromium = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const e2eData = path.resolve(__dirname, "test-results", "e2e-data");
export const FAKE_OPENAI_PORT = 4310;
export const OFFLINE_PORT = 3110;
export const OPENAI_PORT = 3111;
const nextBin = "node node_modules/next/dist/bin/next start";

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  projects: [
    { name: "offline", testMatch: /offline.*\.spec\.ts|a11y\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${OFFLINE_PORT}` } },
    { name: "openai", testMatch: /openai.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${OPENAI_PORT}` } },
  ],
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs tests/fakes/openai/cli.ts`,
      url: `http://127.0.0.1:${FAKE_OPENAI_PORT}/__fake/health`,
      env: { PORT: String(FAKE_OPENAI_PORT) },
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
        OPENAI_API_KEY: "sk-test-e2e-not-a-real-key",
        OPENAI_BASE_URL: `http://127.0.0.1:${FAKE_OPENAI_PORT}/v1`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
