import "server-only";
import OpenAI, { APIConnectionError, APIError } from "openai";
import { getConfig } from "@/lib/config";
import { AppError, isAbortError } from "@/lib/errors";
import { OPENAI_CATEGORY_MAP } from "./categories";

const OPENAI_API_URL = "https://api.openai.com/v1";
const PLACEHOLDER_KEY = "not-needed";
/** A moderation answers in well under a second; longer means it is not coming. */
const TIMEOUT_MS = 10_000;
const CACHE_SIZE = 500;
const CACHE_TTL_MS = 10 * 60_000;

/** One input's verdict, in our categories; `categories` may be empty even when flagged. */
export type RemoteVerdict = { flagged: boolean; categories: string[] };

type Remote = { client: OpenAI; model: string; baseURL: string };

let remote: Remote | undefined;
let remoteKey = "";
const cache = new Map<string, { verdict: RemoteVerdict; at: number }>();

/** With an OpenAI key, or a MODERATION_URL (a local compatible server may need no key). */
export function remoteConfigured(): boolean {
  const { moderation, openai } = getConfig();
  return Boolean(moderation.url || openai.apiKey);
}

/**
 * The OpenAI key goes only where the operator already sends it (OPENAI_BASE_URL, or OpenAI
 * itself): a MODERATION_URL pointing elsewhere gets a placeholder, never the key.
 */
function keyFor(baseURL: string): string {
  const { openai } = getConfig();
  if (!openai.apiKey) return PLACEHOLDER_KEY;
  const trusted = [openai.baseURL ?? OPENAI_API_URL, OPENAI_API_URL].map((u) => new URL(u).origin);
  return trusted.includes(new URL(baseURL).origin) ? openai.apiKey : PLACEHOLDER_KEY;
}

/** Made on first use, never at import: `next build` runs without the runtime environment. */
function getRemote(): Remote {
  const { moderation, openai } = getConfig();
  const baseURL = moderation.url ?? openai.baseURL ?? OPENAI_API_URL;
  const key = `${baseURL}\n${moderation.model}\n${openai.apiKey ?? ""}`;
  if (remote && remoteKey === key) return remote;
  remote = {
    client: new OpenAI({
      apiKey: keyFor(baseURL),
      baseURL,
      organization: null,
      project: null,
      // One quick retry for a dropped connection or a 5xx; a person is waiting.
      maxRetries: 1,
      timeout: TIMEOUT_MS,
    }),
    model: moderation.model,
    baseURL,
  };
  remoteKey = key;
  return remote;
}

/** Our categories for one result of the moderations endpoint. */
export function mapResult(result: { flagged: boolean; categories: object }): RemoteVerdict {
  const found = new Set<string>();
  for (const [name, on] of Object.entries(result.categories)) {
    if (on !== true) continue;
    found.add(OPENAI_CATEGORY_MAP[name] ?? "other");
  }
  return { flagged: result.flagged === true, categories: [...found] };
}

function cached(key: string): RemoteVerdict | undefined {
  const hit = cache.get(key);
  if (!hit) return undefined;
  if (Date.now() - hit.at > CACHE_TTL_MS) {
    cache.delete(key);
    return undefined;
  }
  // Re-insert: the Map's order is the eviction order.
  cache.delete(key);
  cache.set(key, hit);
  return hit.verdict;
}

function remember(key: string, verdict: RemoteVerdict): void {
  cache.set(key, { verdict, at: Date.now() });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * Asks the moderations endpoint about every text in one request (texts asked about lately
 * come from a small cache). A failure throws an AppError: the caller fails closed.
 */
export async function moderateRemotely(texts: string[], signal?: AbortSignal): Promise<RemoteVerdict[]> {
  const { client, model, baseURL } = getRemote();
  const keys = texts.map((t) => `${baseURL}\n${model}\n${t}`);
  const verdicts = keys.map(cached);
  const missing = [...new Set(texts.filter((_, i) => !verdicts[i]))];
  if (missing.length > 0) {
    let results: Array<{ flagged: boolean; categories: object }>;
    try {
      const answer = await client.moderations.create({ model, input: missing }, { signal });
      results = answer.results;
    } catch (e) {
      throw moderationError(e);
    }
    if (!Array.isArray(results) || results.length !== missing.length) {
      throw moderationError(new Error(`expected ${missing.length} moderation results`));
    }
    const fresh = new Map(missing.map((t, i) => [t, mapResult(results[i] as (typeof results)[number])]));
    texts.forEach((t, i) => {
      const v = fresh.get(t);
      if (!v || verdicts[i]) return;
      verdicts[i] = v;
      remember(keys[i] as string, v);
    });
  }
  return verdicts as RemoteVerdict[];
}

function moderationError(e: unknown): AppError {
  if (isAbortError(e)) return new AppError("canceled", "Stopped.", { cause: e });
  const details = { source: "openai" };
  if (e instanceof APIError && e.status === 429) {
    const retryAfter = Number(e.headers?.get("retry-after"));
    return new AppError("rate_limited", "The safety check is busy right now; try again in a moment.", {
      cause: e,
      details,
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : 5,
    });
  }
  if (e instanceof APIError && (e.status === 401 || e.status === 403)) {
    return new AppError(
      "backend_unavailable",
      "The safety check rejected its key (check OPENAI_API_KEY or MODERATION_URL). Nothing was generated.",
      { cause: e, details },
    );
  }
  let message = "The safety check answered in a way we could not read, so nothing was generated.";
  if (e instanceof APIConnectionError) {
    message = "The safety check could not be reached, so nothing was generated. Try again in a moment.";
  } else if (e instanceof APIError) {
    message = `The safety check failed (${e.status ?? "error"}), so nothing was generated. Try again in a moment.`;
  }
  return new AppError("backend_unavailable", message, { cause: e, details });
}

/** Tests only: forget the client and the cache after changing the configuration. */
export function resetRemoteForTests(): void {
  remote = undefined;
  remoteKey = "";
  cache.clear();
}
