import "server-only";
import path from "node:path";
import { z } from "zod";
import { MODEL_FAMILY_IDS, type ModelFamily } from "@/lib/prompt-formats/model-family";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.string().url().optional());
function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // A host, or ?host=/path for a Unix socket (pg's own form).
    return (
      (url.protocol === "postgres:" || url.protocol === "postgresql:") &&
      (url.hostname !== "" || url.searchParams.has("host"))
    );
  } catch {
    return false;
  }
}
/** true/false, 1/0, on/off, yes/no; empty or unset is false. */
const booleanFlag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
  z
    .enum(["true", "false", "1", "0", "on", "off", "yes", "no"])
    .default("false")
    .transform((v) => v === "true" || v === "1" || v === "on" || v === "yes"),
);
const positiveInt = (dflt: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(dflt));

const EnvSchema = z.object({
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  REFINE_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-5.4-mini")),
  IMAGE_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-image-1.5")),
  A1111_URL: optionalUrl,
  A1111_AUTH: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[^:]+:.*$/, "must be user:password")
      .optional(),
  ),
  // The model family A1111 runs when its checkpoint's name and hash do not tell (auto: they decide).
  A1111_MODEL_FAMILY: z.preprocess(emptyToUndefined, z.enum(["auto", ...MODEL_FAMILY_IDS]).default("auto")),
  COMFYUI_URL: optionalUrl,
  COMFYUI_WORKFLOW: optionalString,
  // Postgres instead of the SQLite file. The message never repeats the value: it may hold a password.
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .refine(
        (v) => v === undefined || isPostgresUrl(v),
        "must be a postgres:// or postgresql:// URL with a host, like postgres://host:5432/database",
      ),
  ),
  APP_PASSWORD: optionalString,
  OPENAI_CONCURRENCY: positiveInt(4),
  OFFLINE_CONCURRENCY: positiveInt(2),
  A1111_CONCURRENCY: positiveInt(1),
  COMFYUI_CONCURRENCY: positiveInt(1),
  REFINE_TIMEOUT_MS: positiveInt(60_000),
  // The judge (issue 11): which one checks images against their version's checklist, with what model.
  JUDGE: z.preprocess(emptyToUndefined, z.enum(["auto", "openai", "offline", "off"]).default("auto")),
  JUDGE_MODEL: optionalString,
  // Check every new image: unset means on for the offline judge (free), off for a chat model (paid).
  AUTO_CHECK: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
    z.enum(["true", "false", "1", "0", "on", "off", "yes", "no"]).optional(),
  ),
  JUDGE_TIMEOUT_MS: positiveInt(60_000),
  GENERATE_TIMEOUT_MS: positiveInt(180_000),
  GENERATE_RETRIES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  RETRY_BASE_MS: positiveInt(1000),
  // With DATABASE_URL: how long an instance's claim on a running generation holds unrenewed.
  JOB_LEASE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).default(30_000)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  MODERATION: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("on")),
  PREVIEWS: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("on")),
  MODERATION_URL: optionalUrl,
  MODERATION_MODEL: z.preprocess(emptyToUndefined, z.string().default("omni-moderation-latest")),
  MODERATION_POLICY_FILE: optionalString,
  API_TOKENS: optionalString,
  SESSION_SECRET: optionalString,
  // Hops of reverse proxies whose X-Forwarded-For to believe: off (0) unless asked; "true" means one.
  TRUST_PROXY: z.preprocess((v) => {
    const t = typeof v === "string" ? v.trim().toLowerCase() : v;
    return t === "" || t === undefined || t === "false" || t === "off" ? 0 : t === "true" || t === "on" ? 1 : t;
  }, z.coerce.number().int().min(0).max(10)),
  RATE_REFINE_PER_MIN: positiveInt(30),
  RATE_REFINE_BURST: positiveInt(10),
  RATE_OFFLINE_REFINE_PER_MIN: positiveInt(600),
  RATE_OFFLINE_REFINE_BURST: positiveInt(120),
  // Issue 11: image checks by a chat-model judge (each sends an image to the model; the offline check is free).
  RATE_CHECK_PER_MIN: positiveInt(30),
  RATE_CHECK_BURST: positiveInt(10),
  RATE_GENERATE_PER_MIN: positiveInt(30),
  RATE_GENERATE_BURST: positiveInt(10),
  RATE_LOGIN_PER_MIN: positiveInt(5),
  RATE_LOGIN_BURST: positiveInt(5),
  // Share links (issue 10): per link for views (a page and its images), per visitor and per link for feedback.
  RATE_SHARE_VIEW_PER_MIN: positiveInt(600),
  RATE_SHARE_VIEW_BURST: positiveInt(300),
  RATE_SHARE_FEEDBACK_PER_MIN: positiveInt(10),
  RATE_SHARE_FEEDBACK_BURST: positiveInt(10),
  RATE_SHARE_FEEDBACK_LINK_PER_MIN: positiveInt(1),
  RATE_SHARE_FEEDBACK_LINK_BURST: positiveInt(60),
  MAX_QUEUED_PER_CLIENT: positiveInt(8),
  // Where image bytes go: files under DATA_DIR (embedded), or an S3-compatible bucket.
  STORAGE: z.preprocess(emptyToUndefined, z.enum(["files", "s3"]).default("files")),
  S3_BUCKET: optionalString,
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.preprocess(emptyToUndefined, z.string().default("us-east-1")),
  S3_FORCE_PATH_STYLE: booleanFlag,
  // The AWS SDK reads its own credentials; these are read here only so that logs can scrub them.
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
});

/** The variables read here, by name: .env.example lists each one (tests/unit/env-example.test.ts, both ways). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/** Each variable's parsed value when it is unset (undefined: off, or none): the defaults .env.example shows. */
export function configDefaults(): Record<string, unknown> {
  return EnvSchema.parse({});
}

export type Config = {
  dataDir: string;
  openai: { apiKey?: string; baseURL?: string; refineModel: string; imageModel: string; enabled: boolean };
  a1111Url?: string;
  /** "user:password" for A1111's --api-auth. */
  a1111Auth?: string;
  /** A1111_MODEL_FAMILY: a family for every A1111 checkpoint, or undefined to read each one's name and hash. */
  a1111ModelFamily?: ModelFamily;
  comfyuiUrl?: string;
  comfyuiWorkflow?: string;
  databaseUrl?: string;
  appPassword?: string;
  concurrency: { openai: number; offline: number; automatic1111: number; comfyui: number };
  timeouts: { refineMs: number; generateMs: number; judgeMs: number };
  /**
   * The judge (issue 11). `id`: the one in use, auto resolved (a chat model when OpenAI is
   * configured, else offline); "off": images are not checked. `model`: JUDGE_MODEL, else REFINE_MODEL.
   * `autoCheck`: AUTO_CHECK, else on for the offline judge only (a chat model's check costs money).
   */
  judge: { id: "openai" | "offline" | "off"; model: string; autoCheck: boolean };
  retry: { retries: number; baseMs: number; maxMs: number };
  /**
   * JOB_LEASE_MS (shared mode): an instance renews its running generations' leases every third of
   * this; one whose instance stops renewing is failed (`interrupted`) by another after it.
   */
  jobLeaseMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
  /** PREVIEWS: live frames of an image being made, sent to its page (never stored). */
  previews: boolean;
  moderation: {
    enabled: boolean;
    /** Base URL of an OpenAI-compatible server with POST /moderations (else OPENAI_BASE_URL or OpenAI's). */
    url?: string;
    model: string;
    /** A JSON file that adds to or overrides the offline policy's categories and terms. */
    policyFile?: string;
  };
  /** Bearer tokens for scripts (API_TOKENS, comma-separated). */
  apiTokens: string[];
  sessionSecret?: string;
  /**
   * TRUST_PROXY: how many reverse proxies in front append to X-Forwarded-For. 0: the header is
   * ignored and a client is the socket's address (a client could write anything there).
   */
  trustProxyHops: number;
  /** Token buckets per client: `perMin` refill, `burst` capacity. */
  rateLimits: {
    /** Refinements by a chat model: they cost money or a local model's time. */
    refine: { perMin: number; burst: number };
    /** Refinements by the offline refiner: free, so only a flood is stopped. */
    refineOffline: { perMin: number; burst: number };
    check: { perMin: number; burst: number };
    generate: { perMin: number; burst: number };
    login: { perMin: number; burst: number };
    /**
     * Everything read through one share link (GET /api/s/:token…, the /s/:token page), per link
     * (its token's hash): every image counts, so a story of 40 images is ~80 requests.
     */
    shareView: { perMin: number; burst: number };
    /** Feedback through a share link, per visitor (client) on that link. */
    shareFeedback: { perMin: number; burst: number };
    /** Feedback through a share link, per link for all visitors together (default 60 an hour). */
    shareFeedbackLink: { perMin: number; burst: number };
  };
  maxQueuedPerClient: number;
  /** STORAGE: image bytes in DATA_DIR/images, or in an S3-compatible bucket (credentials: the AWS SDK's own chain). */
  storage: StorageConfig;
  /** AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN: kept only so logs scrub them (the SDK reads them itself). */
  awsSecrets: string[];
};

export type StorageConfig =
  | { kind: "files" }
  | { kind: "s3"; bucket: string; endpoint?: string; region: string; forcePathStyle: boolean };

function judgeFrom(e: z.infer<typeof EnvSchema>): Config["judge"] {
  const chat = Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL);
  const id = e.JUDGE === "auto" ? (chat ? "openai" : "offline") : e.JUDGE;
  const flag = e.AUTO_CHECK;
  const autoCheck = flag === undefined ? id === "offline" : ["true", "1", "on", "yes"].includes(flag);
  return { id, model: e.JUDGE_MODEL ?? e.REFINE_MODEL, autoCheck: id !== "off" && autoCheck };
}

function fromEnv(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Promptsmith: invalid configuration in the environment:\n${lines}`);
  }
  const e = parsed.data;
  if (e.STORAGE === "s3" && !e.S3_BUCKET) {
    throw new Error("Promptsmith: invalid configuration in the environment:\n  S3_BUCKET: required when STORAGE=s3");
  }
  return {
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR),
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      refineModel: e.REFINE_MODEL,
      imageModel: e.IMAGE_MODEL,
      // A key, or a base URL (local OpenAI-compatible servers often need no key).
      enabled: Boolean(e.OPENAI_API_KEY || e.OPENAI_BASE_URL),
    },
    a1111Url: e.A1111_URL,
    a1111Auth: e.A1111_AUTH,
    a1111ModelFamily: e.A1111_MODEL_FAMILY === "auto" ? undefined : e.A1111_MODEL_FAMILY,
    comfyuiUrl: e.COMFYUI_URL,
    comfyuiWorkflow: e.COMFYUI_WORKFLOW,
    databaseUrl: e.DATABASE_URL,
    appPassword: e.APP_PASSWORD,
    concurrency: {
      openai: e.OPENAI_CONCURRENCY,
      offline: e.OFFLINE_CONCURRENCY,
      automatic1111: e.A1111_CONCURRENCY,
      comfyui: e.COMFYUI_CONCURRENCY,
    },
    timeouts: { refineMs: e.REFINE_TIMEOUT_MS, generateMs: e.GENERATE_TIMEOUT_MS, judgeMs: e.JUDGE_TIMEOUT_MS },
    judge: judgeFrom(e),
    retry: { retries: e.GENERATE_RETRIES, baseMs: e.RETRY_BASE_MS, maxMs: 60_000 },
    jobLeaseMs: e.JOB_LEASE_MS,
    logLevel: e.LOG_LEVEL,
    previews: e.PREVIEWS === "on",
    moderation: {
      enabled: e.MODERATION === "on",
      url: e.MODERATION_URL,
      model: e.MODERATION_MODEL,
      policyFile: e.MODERATION_POLICY_FILE,
    },
    apiTokens: (e.API_TOKENS ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    sessionSecret: e.SESSION_SECRET,
    trustProxyHops: e.TRUST_PROXY,
    rateLimits: {
      refine: { perMin: e.RATE_REFINE_PER_MIN, burst: e.RATE_REFINE_BURST },
      refineOffline: { perMin: e.RATE_OFFLINE_REFINE_PER_MIN, burst: e.RATE_OFFLINE_REFINE_BURST },
      check: { perMin: e.RATE_CHECK_PER_MIN, burst: e.RATE_CHECK_BURST },
      generate: { perMin: e.RATE_GENERATE_PER_MIN, burst: e.RATE_GENERATE_BURST },
      login: { perMin: e.RATE_LOGIN_PER_MIN, burst: e.RATE_LOGIN_BURST },
      shareView: { perMin: e.RATE_SHARE_VIEW_PER_MIN, burst: e.RATE_SHARE_VIEW_BURST },
      shareFeedback: { perMin: e.RATE_SHARE_FEEDBACK_PER_MIN, burst: e.RATE_SHARE_FEEDBACK_BURST },
      shareFeedbackLink: { perMin: e.RATE_SHARE_FEEDBACK_LINK_PER_MIN, burst: e.RATE_SHARE_FEEDBACK_LINK_BURST },
    },
    maxQueuedPerClient: e.MAX_QUEUED_PER_CLIENT,
    storage:
      e.STORAGE === "s3" && e.S3_BUCKET
        ? {
            kind: "s3",
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
          }
        : { kind: "files" },
    awsSecrets: [e.AWS_SECRET_ACCESS_KEY, e.AWS_SESSION_TOKEN].filter((s): s is string => Boolean(s)),
  };
}

let cached: Config | undefined;

/** Read lazily so `next build` never needs the runtime environment. */
export function getConfig(): Config {
  cached ??= fromEnv(process.env);
  return cached;
}

/** Tests only: forget the cached config after changing process.env. */
export function resetConfigForTests(): void {
  cached = undefined;
}
