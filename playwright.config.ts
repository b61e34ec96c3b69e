import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/chromium-args.mjs";
import { e2ePorts } from "./tests/e2e/ports";

const chromium = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const e2eData = path.resolve(__dirname, "test-results", "e2e-data");
/** Free ports, the same in the runner, every worker and every web server (tests/e2e/ports.ts). */
export const PORTS = e2ePorts();
export const FAKE_OPENAI_PORT = PORTS.fakeOpenai;
export const OFFLINE_PORT = PORTS.offline;
export const OPENAI_PORT = PORTS.openai;
export const SD_PORT = PORTS.sd;
export const FAKE_A1111_PORT = PORTS.fakeA1111;
export const FAKE_COMFYUI_PORT = PORTS.fakeComfyui;
export const SECURE_PORT = PORTS.secure;
/** The password-gated server (tests/e2e/secure-*.spec.ts): test values, never real secrets. */
export const SECURE = {
  password: "e2e-gate-password-7",
  tokens: ["e2e-token-alpha-1", "e2e-token-beta-2"],
  sessionSecret: "e2e-session-secret-0123456789abcdef",
  refineBurst: 4,
  loginBurst: 30,
} as const;
const nextBin = "node node_modules/next/dist/bin/next start -H 127.0.0.1";
/**
 * Every spec of a project talks to its server from 127.0.0.1, one client to the rate limiter:
 * the suites that are not about limits get room enough never to meet them.
 */
const UNLIMITED = {
  RATE_REFINE_PER_MIN: "100000",
  RATE_REFINE_BURST: "100000",
  RATE_OFFLINE_REFINE_PER_MIN: "100000",
  RATE_OFFLINE_REFINE_BURST: "100000",
  RATE_GENERATE_PER_MIN: "100000",
  RATE_GENERATE_BURST: "100000",
};

/**
 * Production servers from one build: embedded defaults, OpenAI pointed at the local fake, the SD
 * backends on their fakes, and embedded defaults behind APP_PASSWORD (with API tokens and small limits).
 */
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
    { name: "secure", testMatch: /secure-.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${SECURE_PORT}` } },
    // Servers the specs start themselves (a bad configuration must stop them): no baseURL.
    { name: "startup", testMatch: /startup-.*\.spec\.ts/ },
    // A server on a data folder the spec seeds first (2,000 images), which it starts itself.
    { name: "gallery", testMatch: /gallery-.*\.spec\.ts/ },
    // Three instances on one Postgres database and one bucket, which the spec starts itself.
    { name: "cluster", testMatch: /cluster\.spec\.ts/ },
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
      env: {
        DATA_DIR: `${e2eData}/offline`,
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_API_KEY: "",
        OPENAI_BASE_URL: "",
        ...UNLIMITED,
      },
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
        ...UNLIMITED,
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
        ...UNLIMITED,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -rf ${e2eData}/secure && ${nextBin} -p ${SECURE_PORT}`,
      url: `http://127.0.0.1:${SECURE_PORT}/api/health`,
      env: {
        DATA_DIR: `${e2eData}/secure`,
        NEXT_TELEMETRY_DISABLED: "1",
        OPENAI_API_KEY: "",
        OPENAI_BASE_URL: "",
        APP_PASSWORD: SECURE.password,
        API_TOKENS: SECURE.tokens.join(","),
        SESSION_SECRET: SECURE.sessionSecret,
        // The specs stand for clients behind one reverse proxy, told apart by X-Forwarded-For.
        TRUST_PROXY: "1",
        // The secure server refines offline: its (small) limit is the offline one.
        RATE_OFFLINE_REFINE_BURST: String(SECURE.refineBurst),
        RATE_LOGIN_BURST: String(SECURE.loginBurst),
        RATE_LOGIN_PER_MIN: String(SECURE.loginBurst),
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
