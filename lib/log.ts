import "server-only";
import { type Config, getConfig } from "@/lib/config";
import { scrubShareTokens, scrubText, secretMatcher } from "@/lib/security/scrub";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The configured secrets, by value: whatever shape they have, they never reach a log line or a message. */
function configuredSecrets(cfg: Config): Array<string | undefined> {
  const userinfo = (url?: string) => {
    try {
      const u = url ? new URL(url) : undefined;
      return u?.password ? [decodeURIComponent(u.password), u.password] : [];
    } catch {
      return [];
    }
  };
  return [
    cfg.openai.apiKey,
    cfg.a1111Auth,
    // The password half of A1111_AUTH alone (user names are not secret, and often short words).
    cfg.a1111Auth?.slice(cfg.a1111Auth.indexOf(":") + 1),
    cfg.appPassword,
    cfg.sessionSecret,
    ...cfg.apiTokens,
    ...cfg.awsSecrets,
    ...userinfo(cfg.a1111Url),
    ...userinfo(cfg.comfyuiUrl),
    ...userinfo(cfg.databaseUrl),
    ...userinfo(cfg.openai.baseURL),
    ...userinfo(cfg.moderation.url),
    ...userinfo(cfg.storage.kind === "s3" ? cfg.storage.endpoint : undefined),
  ];
}

let matcherFor: { cfg: Config; re: RegExp | undefined } | undefined;

function valueMatcher(): RegExp | undefined {
  let cfg: Config;
  try {
    cfg = getConfig();
  } catch {
    // An invalid environment is reported through this very logger: scrub by shape only.
    return undefined;
  }
  if (matcherFor?.cfg !== cfg) matcherFor = { cfg, re: secretMatcher(configuredSecrets(cfg)) };
  return matcherFor.re;
}

/**
 * Text safe for a log line or a person: configured secrets by value (OPENAI_API_KEY, A1111_AUTH,
 * APP_PASSWORD, API_TOKENS, SESSION_SECRET, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, passwords in
 * configured URLs), and anything shaped like a key, a Bearer or Basic credential, or a
 * scheme://user:pass@ URL.
 */
export function scrubSecrets(text: string): string {
  return scrubText(text, valueMatcher());
}

function serialize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: value.message, stack: value.stack };
    const extra = value as Error & { code?: unknown; status?: unknown; cause?: unknown };
    if (extra.code !== undefined) out.code = extra.code;
    if (extra.status !== undefined) out.status = extra.status;
    if (extra.cause !== undefined && depth < 4) out.cause = serialize(extra.cause, depth + 1);
    return out;
  }
  return value;
}

function threshold(): number {
  const env = process.env.LOG_LEVEL as Level | undefined;
  return ORDER[env && env in ORDER ? env : "info"];
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const record: Record<string, unknown> = { t: new Date().toISOString(), level, msg };
  if (fields) for (const [k, v] of Object.entries(fields)) record[k] = serialize(v);
  // Request paths are logged (lib/http/handle.ts): a share link's token must not be among them.
  const line = scrubSecrets(scrubShareTokens(JSON.stringify(record)));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
