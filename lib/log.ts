import "server-only";

type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Keys and credentials in URLs must never reach a log line.
const SECRET_PATTERNS: RegExp[] = [
  /sk-[A-Za-z0-9_-]{8,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi,
  /(\/\/)[^/\s:@]+:[^/\s@]+@/g,
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS)
    out = out.replace(re, (_m, p1?: string) => `${typeof p1 === "string" ? p1 : ""}[redacted]`);
  return out;
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
  const line = scrubSecrets(JSON.stringify(record));
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
