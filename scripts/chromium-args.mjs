// The Chromium flags for the browser tests (playwright.config.ts) and scripts/screenshots.mjs:
// no sandbox (containers run as root), no GPU, and none of a fresh profile's background traffic.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
