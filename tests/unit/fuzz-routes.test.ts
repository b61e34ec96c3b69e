/**
 * Property-based fuzzing of every route handler under app/api (found by globbing, so a new
 * route is fuzzed without touching this file): random and malformed bodies, wrong types, huge
 * and unicode strings (lone surrogates, RTL marks, NUL), deep nesting, malformed JSON text,
 * traversal and injection strings in path ids and query parameters. For every case:
 * no unhandled throw, never a 500, every error in the house shape, and a rejected request
 * changes nothing stored (a content hash of every table and of the image files).
 * proxy.ts, which runs before every page and route, gets the same treatment below with hostile
 * paths (pages included), queries, methods and headers: it never throws, never answers 500, and
 * never redirects off this site.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorBodySchema } from "@/lib/schemas";
import { OPEN_REDIRECT_CORPUS } from "./security-corpus";

// Generous: on a busy machine the first import of the app's modules alone can take seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-fuzz-"));
Object.assign(process.env, {
  DATA_DIR: dataDir,
  OPENAI_API_KEY: "",
  OPENAI_BASE_URL: "",
  A1111_URL: "",
  COMFYUI_URL: "",
  APP_PASSWORD: "fuzz-password-0123456789",
  SESSION_SECRET: "fuzz-session-secret-0123456789-0123456789",
  LOG_LEVEL: "error",
  RATE_REFINE_BURST: "100000",
  RATE_REFINE_PER_MIN: "100000",
  RATE_GENERATE_BURST: "100000",
  RATE_GENERATE_PER_MIN: "100000",
  RATE_LOGIN_BURST: "100000",
  RATE_LOGIN_PER_MIN: "100000",
  MAX_QUEUED_PER_CLIENT: "100000",
});

const ROOT = path.resolve(__dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Params = Record<string, string | string[]>;
type Handler = (req: Request, ctx: { params: Promise<Params> }) => Promise<Response>;
type Route = {
  file: string;
  template: string;
  /** Each dynamic segment, with the collection before it ("ideas" for /api/ideas/[id]). */
  params: { name: string; rest: boolean; kind?: string }[];
  handlers: Partial<Record<Method, Handler>>;
};

/** Cases per route and method; with ~40 of them, several thousand in all. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 110);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

// ---- inputs -------------------------------------------------------------------------------

const NASTY = [
  "../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..\\..\\windows\\win.ini",
  "/etc/passwd",
  "' OR 1=1 --",
  "'; DROP TABLE ideas; --",
  '" OR ""="',
  "1; SELECT * FROM sqlite_master",
  "<script>alert(1)</script>",
  '"><svg onload=alert(1)>',
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "a\u0000b",
  "\u0000",
  "%00",
  "\uD800",
  "\uDFFF\uD800",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "👩‍👩‍👧‍👦🦊",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
  "${7*7}{{7*7}}",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  " ",
  "",
  "a".repeat(65),
  "a".repeat(300),
  "\r\nSet-Cookie: x=1",
  // Issue 15: paths a URL parser turns into "//host" (open redirects, a 500 in the proxy).
  ...OPEN_REDIRECT_CORPUS,
];

const nasty = fc.constantFrom(...NASTY);
const anyText = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

/** Ids of rows that exist, filled once the seed data is in; used where a real id gets further in. */
const known: Record<string, string[]> = {
  ideas: [],
  prompts: [],
  generations: [],
  images: [],
  library: [],
  comparisons: [],
};
/** Read when a case is made (the seed data comes after the arbitraries are defined). */
const pick = (kind: string) =>
  fc.nat().map((n) => known[kind]?.[n % Math.max(1, known[kind]?.length ?? 0)] ?? "missing");
const realId = fc.constantFrom(...Object.keys(known)).chain(pick);

/** A path id: hostile text, anything id-shaped, or (not for DELETE, which would eat the seed data) a real one. */
function idLike(kind: string | undefined, method: string): fc.Arbitrary<string> {
  const real = method === "DELETE" || !kind ? fc.stringMatching(/^[A-Za-z0-9_-]{21}$/) : pick(kind);
  return fc.oneof(
    { weight: 2, arbitrary: anyText },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/) },
    { weight: 3, arbitrary: real },
  );
}

const FIELDS = [
  "idea",
  "parentId",
  "instruction",
  "style",
  "backend",
  "refiner",
  "candidates",
  "prompt",
  "negativePrompt",
  "promptId",
  "params",
  "size",
  "n",
  "seed",
  "steps",
  "guidance",
  "quality",
  "sampler",
  "checkpoint",
  "favorite",
  "locks",
  "versionId",
  "versionIds",
  "backends",
  "name",
  "password",
  "next",
  "__proto__",
  "constructor",
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  realId,
  fc.constantFrom("offline", "openai", "automatic1111", "comfyui", "512x512", "1024x1024", "watercolor", "subject"),
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 4, 5, 150, 2 ** 53, Number.MAX_SAFE_INTEGER + 2),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** Objects made of the API's own field names with anything in them: most fail, some pass. */
const shapedBody = fc.dictionary(fc.constantFrom(...FIELDS), value, { minKeys: 1, maxKeys: 5 });

function nested(depth: number, open: string, close: string, inner = "1"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** Free text that passes the schemas' own checks (non-empty after trimming, short enough) but is hostile. */
const text = fc.oneof(
  { weight: 3, arbitrary: nasty.filter((t) => t.trim().length > 0 && t.length <= 500) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 80 }) },
);
const versionId = pick("prompts");

/**
 * Bodies each route would take, with hostile text where it takes free text: they get past the
 * schema into the use cases (moderation, refiners, the store). `valid` then gets mutated.
 */
const VALID: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  "POST /api/refine": fc.oneof(
    fc.record({ idea: text }),
    fc.record({ idea: text, candidates: fc.integer({ min: 1, max: 4 }), style: fc.constantFrom("watercolor", null) }),
    fc.record({ parentId: versionId, instruction: text }),
    fc.record({ parentId: versionId, style: fc.constantFrom("watercolor", "anime") }),
  ),
  "POST /api/prompts": fc.oneof(
    fc.record({ idea: text, prompt: text }),
    fc.record({ parentId: versionId, prompt: text, negativePrompt: text }),
  ),
  "PATCH /api/prompts/:id": fc.record({ locks: fc.subarray(["subject", "setting", "medium", "lighting"]) }),
  "POST /api/generate": fc.record({
    promptId: versionId,
    backend: fc.constantFrom("offline", "openai", "automatic1111"),
    params: fc.record({
      size: fc.constantFrom("512x512", "513x512", "99999x99999"),
      n: fc.integer({ min: 0, max: 5 }),
    }),
  }),
  "POST /api/comparisons": fc.oneof(
    fc.record({
      versionIds: fc.array(versionId, { minLength: 2, maxLength: 2 }),
      backend: fc.constantFrom("offline", "nope"),
    }),
    fc.record({ versionId, backends: fc.constantFrom(["offline", "offline"], ["offline", "openai"]) }),
  ),
  "POST /api/library": fc.record({ versionId, name: text }),
  "PATCH /api/library/:id": fc.record({ name: text }),
  "PATCH /api/images/:id": fc.record({ favorite: fc.boolean() }),
  "POST /api/tokenize": fc.record({
    backend: fc.constantFrom("automatic1111", "openai", "offline", "x"),
    prompt: text,
  }),
  "POST /api/auth/login": fc.record({ password: text, next: fc.option(text, { nil: undefined }) }),
};

/** A valid body with one thing wrong: a field's value replaced, a field dropped, or an unknown one added. */
function mutated(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(valid, fc.nat(), value, fc.constantFrom(...FIELDS, "extra")).map(([body, n, v, extra]) => {
    const keys = Object.keys(body);
    const k = keys[n % Math.max(1, keys.length)] ?? "x";
    const out = { ...body };
    if (n % 3 === 0) out[k] = v;
    else if (n % 3 === 1) delete out[k];
    else out[extra] = v;
    return out;
  });
}

function bodiesFor(key: string): fc.Arbitrary<string> {
  const valid = VALID[key];
  if (!valid) return rawBodies;
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((b) => JSON.stringify(b)) },
    { weight: 3, arbitrary: mutated(valid).map((b) => JSON.stringify(b)) },
    { weight: 4, arbitrary: rawBodies },
  );
}

const BIG = 1_000_000;
const rawBodies = fc.oneof(
  { weight: 6, arbitrary: shapedBody.map((b) => JSON.stringify(b)) },
  { weight: 3, arbitrary: fc.json() },
  { weight: 2, arbitrary: fc.anything().map((a) => JSON.stringify(a) ?? "null") },
  // Malformed JSON: cut off, trailing garbage, comments, single quotes, bare words.
  {
    weight: 3,
    arbitrary: fc.tuple(shapedBody, fc.nat()).map(([b, n]) => {
      const t = JSON.stringify(b);
      return t.slice(0, Math.max(1, n % t.length));
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      "{",
      "}",
      "[",
      "{'idea': 'x'}",
      '{"idea": "x",}',
      '{"idea": "x"} trailing',
      "// comment\n{}",
      "NaN",
      "undefined",
      '{"idea": "\\ud800"}',
      '{"idea": "\\u0000"}',
      '{"idea": 1e99999}',
      "\uFEFF{}",
      '{"__proto__": {"admin": true}, "idea": "x"}',
      '{"constructor": {"prototype": {"x": 1}}}',
    ),
  },
  // Deep nesting, as arrays and as objects.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(10, 100, 1000, 5000)
      .chain((d) =>
        fc.constantFrom(nested(d, "[", "]"), nested(d, '{"idea":', "}", '"x"'), `{"idea":${nested(d, "[", "]")}}`),
      ),
  },
  // Huge strings: just under and just over the 1 MB body limit.
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(BIG - 100, BIG + 10, 200_000)
      .chain((n) =>
        fc.constantFrom(
          JSON.stringify({ idea: "x".repeat(n) }),
          JSON.stringify({ prompt: "é".repeat(Math.floor(n / 2)), idea: "a" }),
          `{"name": "${"\\u202e".repeat(Math.floor(n / 6))}"}`,
        ),
      ),
  },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "application/json; charset=latin1",
      "",
    ),
  },
);

const QUERY_KEYS = ["cursor", "limit", "ideaId", "backend", "favorite", "q", "download", "next", "a"];
const query = fc.array(
  fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: anyText }),
    fc.oneof(anyText, realId, fc.constantFrom("1", "0", "true", "100", "101", "-5", "abc")),
  ),
  { maxLength: 3 },
);

// ---- the routes ---------------------------------------------------------------------------

function templateOf(file: string): Pick<Route, "template" | "params"> {
  const segments = path.dirname(path.relative(path.join(ROOT, "app"), file)).split(path.sep);
  const params: Route["params"] = [];
  const template = segments
    .map((s, i) => {
      const m = /^\[(\.\.\.)?(\w+)\]$/.exec(s);
      if (!m) return s;
      params.push({ name: m[2] ?? "", rest: Boolean(m[1]), kind: segments[i - 1] });
      return `:${m[2]}`;
    })
    .join("/");
  return { template: `/${template}`, params };
}

/** A URL cannot carry a lone surrogate; a browser sends it as U+FFFD, and so do we. */
function encodePathPart(part: string): string {
  return encodeURIComponent(
    part.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"),
  );
}

function urlFor(route: Route, params: Params, pairs: [string, string][]): string {
  let p = route.template;
  for (const { name } of route.params) {
    const v = params[name];
    const text = Array.isArray(v) ? v.map(encodePathPart).join("/") : encodePathPart(v ?? "");
    p = p.replace(`:${name}`, text);
  }
  const search = new URLSearchParams(pairs).toString();
  return `http://127.0.0.1:3000${p}${search ? `?${search}` : ""}`;
}

// ---- what is stored ------------------------------------------------------------------------

let reader: BetterSqlite3.Database | undefined;
const fileHashes = new Map<string, string>();

function db(): BetterSqlite3.Database {
  reader ??= new BetterSqlite3(path.join(dataDir, "promptsmith.db"), { readonly: true, fileMustExist: true });
  return reader;
}

/** A hash of every file under images/, by name and content (contents hashed once per name, size and time). */
function filesHash(): string {
  const hash = createHash("sha256");
  const dir = path.join(dataDir, "images");
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const file = path.join(dir, name);
    const { size, mtimeMs } = statSync(file);
    const key = `${name}:${size}:${mtimeMs}`;
    let h = fileHashes.get(key);
    if (!h) {
      h = createHash("sha256").update(readFileSync(file)).digest("hex");
      fileHashes.set(key, h);
    }
    hash.update(`${key}:${h}\n`);
  }
  return hash.digest("hex");
}

/** A hash of every row of every table. */
function tablesHash(): string {
  const hash = createHash("sha256");
  const tables = db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const rows = db()
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((r) => JSON.stringify(r))
      .sort();
    hash.update(`${name}:${rows.length}\n${rows.join("\n")}\n`);
  }
  return hash.digest("hex");
}

/**
 * What is stored, cheaply enough to take twice per case: SQLite's data_version (it moves when
 * any other connection commits anything, so an unchanged one means no write at all, stricter
 * than equal contents), the row count of every table, and the image files' content hash.
 * Every 20th case also hashes every row of every table.
 */
function snapshot(full: boolean): string {
  const version = db().pragma("data_version", { simple: true });
  const tables = db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  const rowCounts = tables.map(
    ({ name }) => `${name}=${(db().prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n}`,
  );
  return [`data_version=${version}`, ...rowCounts, `files=${filesHash()}`, full ? `rows=${tablesHash()}` : ""].join(
    " ",
  );
}

async function quiet(): Promise<void> {
  const { getStore } = await import("@/lib/store");
  for (let i = 0; i < 500; i++) {
    if ((await getStore().listGenerationsByStatus(["queued", "running"])).length === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("generations never finished");
}

/** Reads a body, but not for ever (an event stream stays open); JSON text when it is JSON. */
async function readAnswer(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  const deadline = Date.now() + 3_000;
  for (;;) {
    const next = await Promise.race([
      reader.read(),
      new Promise<"late">((r) => setTimeout(() => r("late"), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === "late" || next.done) break;
    chunks.push(next.value);
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString("utf8");
}

// ---- the properties -----------------------------------------------------------------------

const routes: Route[] = [];
const counts: Record<string, { cases: number; rejected: number; accepted: number; ms: number; statuses: Set<number> }> =
  {};
let started = Date.now();
let fullChecks = 0;
let busy = true;

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  // app/api/**/route.ts (readdir's own recursion: fs.globSync needs Node 22).
  const apiDir = path.join(ROOT, "app", "api");
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.join(apiDir, f));
  for (const file of files.sort()) {
    const mod = (await import(file)) as Partial<Record<Method, Handler>>;
    const handlers: Route["handlers"] = {};
    for (const m of METHODS) if (typeof mod[m] === "function") handlers[m] = mod[m];
    routes.push({ file: path.relative(ROOT, file), ...templateOf(file), handlers });
  }

  // Seed data, so real ids reach past the id checks: an idea with a version, an image.
  const refine = routes.find((r) => r.template === "/api/refine")?.handlers.POST;
  const gen = routes.find((r) => r.template === "/api/generate")?.handlers.POST;
  if (!refine || !gen) throw new Error("refine and generate routes are needed for the seed data");
  const post = (h: Handler, body: unknown) =>
    h(
      new Request("http://127.0.0.1:3000/", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(body),
      }),
      { params: Promise.resolve({}) },
    );
  const version = (await (await post(refine, { idea: "a fox in the snow, cozy" })).json()) as {
    id: string;
    ideaId: string;
  };
  const queued = (await (
    await post(gen, { promptId: version.id, backend: "offline", params: { size: "512x512" } })
  ).json()) as {
    id: string;
  };
  await quiet();
  const { getStore } = await import("@/lib/store");
  known.ideas?.push(version.ideaId);
  known.prompts?.push(version.id);
  known.generations?.push(queued.id);
  known.images?.push(...(await getStore().listImagesForGeneration(queued.id)).map((i) => i.id));
  expect(known.images).toHaveLength(1);
  const child = (await (await post(refine, { parentId: version.id, instruction: "make it night" })).json()) as {
    id: string;
  };
  known.prompts?.push(child.id);
  // A library entry and a comparison, where those routes exist.
  const library = routes.find((r) => r.template === "/api/library")?.handlers.POST;
  if (library) {
    const entry = (await (await post(library, { versionId: version.id, name: "Fox" })).json()) as { id?: string };
    if (entry.id) known.library?.push(entry.id);
  }
  const compare = routes.find((r) => r.template === "/api/comparisons")?.handlers.POST;
  if (compare) {
    const c = (await (await post(compare, { versionIds: [version.id, child.id], backend: "offline" })).json()) as {
      id?: string;
    };
    if (c.id) known.comparisons?.push(c.id);
    await quiet();
  }
  started = Date.now();
}, 60_000);

afterAll(async () => {
  reader?.close();
  await (await import("@/lib/store")).resetStoreForTests();
  const total = Object.values(counts).reduce((s, c) => s + c.cases, 0);
  const rejected = Object.values(counts).reduce((s, c) => s + c.rejected, 0);
  const lines = Object.entries(counts).map(
    ([k, c]) =>
      `  ${k.padEnd(44)} ${String(c.cases).padStart(5)} cases, ${c.rejected} rejected, ${(c.ms / c.cases).toFixed(1)} ms each, statuses ${[...c.statuses].sort().join(" ")}`,
  );
  console.log(
    `fuzz-routes (seed ${SEED}): ${total} cases over ${Object.keys(counts).length} route methods in ${((Date.now() - started) / 1000).toFixed(1)} s; ${rejected} rejected, each leaving the stored data unchanged (${fullChecks} of them checked row by row)\n${lines.join("\n")}`,
  );
});

type Case = {
  params: Params;
  query: [string, string][];
  body?: string;
  type: string;
  accept: string;
};

async function runCase(route: Route, method: Method, handler: Handler, c: Case): Promise<void> {
  const key = `${method} ${route.template}`;
  counts[key] ??= { cases: 0, rejected: 0, accepted: 0, ms: 0, statuses: new Set() };
  const count = counts[key];
  count.cases++;
  const t0 = performance.now();
  // A request taken earlier may have started a generation: let it end before taking the "before".
  if (busy) await quiet();
  busy = false;
  const full = count.cases % 20 === 1;
  const before = snapshot(full);
  const headers: Record<string, string> = { accept: c.accept };
  if (c.type) headers["content-type"] = c.type;
  const request = new Request(urlFor(route, c.params, c.query), {
    method,
    headers,
    body: method === "GET" || method === "DELETE" ? undefined : c.body,
  });

  let res: Response;
  try {
    res = await handler(request, { params: Promise.resolve(c.params) });
  } catch (e) {
    throw new Error(`${key} threw instead of answering: ${(e as Error)?.stack ?? String(e)}`);
  }
  const text = await readAnswer(res);
  count.statuses.add(res.status);
  const where = `${key} ${JSON.stringify({ ...c, body: c.body?.slice(0, 200) })} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).not.toBe(500);
  expect(res.status, where).toBeLessThan(600);
  if (res.status >= 400) {
    count.rejected++;
    if (full) fullChecks++;
    expect(res.headers.get("content-type"), where).toMatch(/^application\/json/);
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    expect(parsed.success, where).toBe(true);
    expect(text, where).not.toMatch(/at \S+\.(ts|js|mjs):\d+|node_modules/);
    await quiet();
    expect(snapshot(full), `stored data changed after a rejected request: ${where}`).toBe(before);
  } else {
    count.accepted++;
    busy = method !== "GET";
  }
  count.ms += performance.now() - t0;
}

describe("every API route under random and malicious input", () => {
  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
    expect(routes.map((r) => r.template)).toContain("/api/ideas/:id");
  });

  it("never answers 500, never throws, always the error shape, never changes data when it refuses", async () => {
    for (const route of routes) {
      for (const method of METHODS) {
        const handler = route.handlers[method];
        if (!handler) continue;
        const params = fc.record(
          Object.fromEntries(
            route.params.map((p) => [
              p.name,
              p.rest ? fc.array(idLike(undefined, method), { minLength: 1, maxLength: 4 }) : idLike(p.kind, method),
            ]),
          ) as Record<string, fc.Arbitrary<string | string[]>>,
        );
        const cases = fc.record({
          params,
          query,
          body: bodiesFor(`${method} ${route.template}`),
          type: contentType,
          accept: fc.constantFrom("application/json", "text/event-stream", "*/*"),
        });
        await fc.assert(
          fc.asyncProperty(cases, (c) => runCase(route, method, handler, c)),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    }
  }, 600_000);
});

// ---- the proxy, pages included ----------------------------------------------------------------

const SITE = "http://127.0.0.1:3000";
const PAGES = [
  "/",
  "/gallery",
  "/library",
  "/compare",
  "/login",
  "/ideas/x",
  "/images/x",
  "/nope",
  "/_next/data/x.json",
];
const API = ["/api/ideas", "/api/refine", "/api/auth/login", "/api/auth/logout", "/api/library/x/use", "/api/health"];
const pathPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PAGES, ...API) },
  { weight: 2, arbitrary: fc.constantFrom(...OPEN_REDIRECT_CORPUS) },
  { weight: 1, arbitrary: anyText.map((t) => `/${t}`) },
  { weight: 1, arbitrary: fc.constantFrom("/%", "/%zz", "/..", "//", "/api/../login", "/login/", "/LOGIN", "/%2fapi") },
);
const nextValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OPEN_REDIRECT_CORPUS) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const headerValue = fc.oneof(
  nasty,
  fc.constantFrom(
    SITE,
    "null",
    "https://evil.example",
    "http://127.0.0.1:7860",
    "same-site",
    "cross-site",
    "same-origin",
    "none",
    "-1",
    "1900000",
    "abc",
    "ps_session=x; ps_session=v1.1.aaaaaaaaaaaaaaaaaaaa.bbbb",
    "__Host-ps_session=made-up",
    "ps_device=d1.9999999999.aaaaaaaaaaaaaaaaaaaa.bbbb",
    "Bearer ",
    "Bearer nope",
    "1.2.3.4, 5.6.7.8",
    "https",
    "evil.example",
  ),
);
const HEADER_NAMES = [
  "origin",
  "sec-fetch-site",
  "content-length",
  "cookie",
  "authorization",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-real-ip",
  "host",
  "x-promptsmith-peer",
  "x-promptsmith-client",
];
const proxyCase = fc.record({
  path: pathPiece,
  rawQuery: fc.oneof(
    nextValue.map((n) => `next=${n}`),
    nextValue.map((n) => `next=${encodePathPart(n)}`),
    query.map((pairs) => new URLSearchParams(pairs).toString()),
  ),
  method: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
  headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 5 }),
  gate: fc.boolean(),
});

describe("proxy.ts under hostile paths, queries and headers (pages included)", () => {
  it("never throws, never answers 500, answers errors in the error shape, never redirects off-site", async () => {
    const { proxy } = await import("@/proxy");
    const { NextRequest } = await import("next/server");
    const { resetConfigForTests } = await import("@/lib/config");
    const password = process.env.APP_PASSWORD;
    let ran = 0;
    try {
      await fc.assert(
        fc.asyncProperty(proxyCase, async (c) => {
          if ((process.env.APP_PASSWORD === undefined) === c.gate) {
            if (c.gate) process.env.APP_PASSWORD = password;
            else delete process.env.APP_PASSWORD;
            resetConfigForTests();
          }
          let request: InstanceType<typeof NextRequest>;
          try {
            const headers = new Headers();
            for (const [k, v] of Object.entries(c.headers)) headers.set(k, v);
            request = new NextRequest(`${SITE}${c.path}?${c.rawQuery}`, { method: c.method, headers });
          } catch {
            return; // Not an HTTP request the server could receive (a bad URL or header value).
          }
          ran++;
          const where = `${c.method} ${c.path}?${c.rawQuery} ${JSON.stringify(c.headers)} gate=${c.gate}`;
          let res: Response;
          try {
            res = await proxy(request);
          } catch (e) {
            throw new Error(`proxy threw: ${where}: ${(e as Error)?.stack ?? String(e)}`);
          }
          expect(res.status, where).not.toBe(500);
          const location = res.headers.get("location");
          if (location) {
            const target = new URL(location, SITE);
            expect(["127.0.0.1", "localhost"], `${where} → ${location}`).toContain(target.hostname);
            expect(target.port, `${where} → ${location}`).toBe("3000");
            const next = target.searchParams.get("next");
            if (next) expect(next.startsWith("/") && !next.startsWith("//"), `${where} → ${location}`).toBe(true);
          }
          if (res.status >= 400) {
            const text = await res.text();
            expect(ErrorBodySchema.safeParse(JSON.parse(text)).success, `${where} → ${text}`).toBe(true);
            expect(text, where).not.toMatch(/at \S+\.(ts|js|mjs):\d+|node_modules/);
          }
        }),
        { numRuns: RUNS * 20, seed: SEED, endOnFailure: true },
      );
    } finally {
      process.env.APP_PASSWORD = password;
      resetConfigForTests();
    }
    expect(ran).toBeGreaterThan(RUNS * 10);
  }, 120_000);
});
