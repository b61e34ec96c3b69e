// Canary values for every secret the app reads, set while `npm test` builds the app
// (scripts/test.mjs). tests/e2e/offline-bundle.spec.ts then looks for each of them in every
// file of the client bundle (.next/static): finding one means a secret would reach browsers.
// They look like their real counterparts so any format check passes, and are unique enough
// that a match is never a coincidence.
export const CANARY_SECRETS = {
  OPENAI_API_KEY: "sk-canary-7f3a9c1e5b2d48f6a0c4e8b1d3f5a7c9",
  APP_PASSWORD: "canary-app-password-5e1b7d3f9a2c4e6b",
  API_TOKENS: "canary-api-token-one-8c2e4a6b0d1f3e5a,canary-api-token-two-1d3f5b7a9c0e2d4f",
  SESSION_SECRET: "canary-session-secret-2b4d6f8a0c1e3b5d7f9a1c3e5b7d9f0a",
  A1111_AUTH: "canary-a1111-user:canary-a1111-pass-9e7c5a3b1d0f2e4c",
  A1111_URL: "http://canary-url-user:canary-url-pass-4c6e8a0b2d1f3e5a@127.0.0.1:9/",
};

/** The strings that must appear nowhere in the bundle: each value, each token, each credential. */
export function canaryNeedles() {
  const needles = new Set();
  for (const value of Object.values(CANARY_SECRETS)) {
    needles.add(value);
    for (const part of value.split(/[,:@/]+/))
      if (part.startsWith("canary-") || part.startsWith("sk-canary")) needles.add(part);
  }
  // A1111_AUTH travels base64-encoded in a Basic header: look for that form too.
  needles.add(Buffer.from(CANARY_SECRETS.A1111_AUTH).toString("base64"));
  return [...needles];
}

/** Written beside the build, so the bundle test knows the build it checks was made with the canaries. */
export const CANARY_MARKER = "promptsmith-canary-build.json";
