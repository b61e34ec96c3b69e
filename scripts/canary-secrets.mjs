// Canary values for every secret the app reads, set while `npm test` builds the app
// (scripts/test.mjs). tests/e2e/offline-bundle.spec.ts then looks for each of them in every
// file of the client bundle (.next/static): finding one means a secret would reach browsers.
// They look like their real counterparts so any format check passes, and are spelled out
// (not random) so no one mistakes them for real keys, yet unique enough that a match is no coincidence.
export const CANARY_SECRETS = {
  OPENAI_API_KEY: "sk-canary-promptsmith-openai-key",
  APP_PASSWORD: "canary-app-password-promptsmith",
  API_TOKENS: "canary-api-token-one-promptsmith,canary-api-token-two-promptsmith",
  SESSION_SECRET: "canary-session-secret-promptsmith-bundle",
  A1111_AUTH: "canary-a1111-user:canary-a1111-pass-promptsmith",
  A1111_URL: "http://canary-url-user:canary-url-pass-promptsmith@127.0.0.1:9/",
  AWS_SECRET_ACCESS_KEY: "canary-aws-secret-access-key-promptsmith",
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
