/**
 * Issue 9: several instances on one Postgres database and one bucket behave as one service.
 * Three `next start` processes of the production build (tests/e2e/cluster-harness.ts), behind no
 * load balancer: the tests play it, sending each request to the instance of their choosing.
 *   (e) a session signed by one instance is good on another;
 *   (a) a generation posted to one instance is followed to its end through another's events
 *       stream, and in a Studio page served by that other instance;
 *   (b) generations posted round-robin never overlap at an A1111 of concurrency 1, all succeed,
 *       and run first in, first out;
 *   (c) a client's generate rate limit holds across the instances together;
 *   (d) an instance SIGKILLed while it runs a generation: another settles it `interrupted` after
 *       the lease, it never runs twice, and everything else is intact and finishes.
 * Each test makes its own ideas and takes fresh API tokens (each a client of its own), so a test
 * stands alone when the runner starts a fresh worker (and a fresh cluster) after a failure.
 */
import { createHash } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { createParser } from "eventsource-parser";
import { PORTS } from "../../playwright.config";
import { CLUSTER, type Cluster, type Instance, startCluster } from "./cluster-harness";
import { groupHoldingConnection } from "./socket-owner";

type Image = { id: string; mime: string; byteSize: number; generationId: string };
type Generation = {
  id: string;
  status: string;
  progress: number;
  error: { code: string; message: string } | null;
  params: { seed?: number };
  startedAt: string | null;
  finishedAt: string | null;
  images: Image[];
};
type Version = { id: string; ideaId: string; prompt: string };
type Event = { event: string; data: unknown };

let cluster: Cluster;
let nextToken = 0;

/** Headers for a client of its own (an API token no test used before): it may start `generateBurst` generations. */
function newClient(): Record<string, string> {
  const token = CLUSTER.tokens[nextToken++];
  // The last token is READER's.
  if (!token || nextToken >= CLUSTER.tokens.length) throw new Error("out of API tokens: add more to CLUSTER.tokens");
  return { authorization: `Bearer ${token}` };
}

/** For reads, which no limit counts. */
const READER = { authorization: `Bearer ${CLUSTER.tokens.at(-1)}` };

const instance = (i: number): Instance => cluster.instances[i % cluster.instances.length] as Instance;

async function call(inst: Instance, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  return fetch(`${inst.base}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

async function refine(inst: Instance, idea: string, headers = READER): Promise<Version> {
  const res = await call(
    inst,
    "POST",
    "/api/refine",
    { ...headers, accept: "application/json" },
    {
      idea,
      backend: "automatic1111",
    },
  );
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Version;
}

async function generate(
  inst: Instance,
  headers: Record<string, string>,
  promptId: string,
  backend: string,
  params: object,
): Promise<Generation> {
  const res = await call(inst, "POST", "/api/generate", headers, { promptId, backend, params });
  expect(res.status, `${inst.name}: ${await res.clone().text()}`).toBe(202);
  return (await res.json()) as Generation;
}

async function generation(inst: Instance, id: string): Promise<Generation> {
  const res = await call(inst, "GET", `/api/generations/${id}`, READER);
  expect(res.status, `${inst.name} GET ${id}`).toBe(200);
  return (await res.json()) as Generation;
}

async function until<T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const FINISHED = ["succeeded", "failed", "canceled"];

/**
 * Reads GET /api/generations/:id/events from `inst` until `done` or `error`. After `ms` it stops
 * and returns what came, so that a stream that never ends fails on what it did say.
 */
async function followEvents(inst: Instance, id: string, ms = 60_000): Promise<Event[]> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  const events: Event[] = [];
  try {
    const res = await fetch(`${inst.base}/api/generations/${id}/events`, {
      headers: { ...READER, accept: "text/event-stream" },
      signal: stop.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    let ended = false;
    const parser = createParser({
      onEvent: (e) => {
        events.push({ event: e.event ?? "message", data: JSON.parse(e.data) });
        if (e.event === "done" || e.event === "error") ended = true;
      },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      while (!ended) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  } catch (e) {
    if (!stop.signal.aborted) throw e;
    events.push({ event: "(the test stopped listening)", data: `${ms} ms` });
  } finally {
    clearTimeout(timer);
  }
  return events;
}

/** The txt2img requests the fake received for these seeds, in arrival order. */
function txt2imgSeeds(seeds: readonly number[]): number[] {
  return cluster.fake
    .requests()
    .filter((r) => r.endpoint === "txt2img")
    .map((r) => (r.body as { seed?: number } | undefined)?.seed)
    .filter((s): s is number => s !== undefined && seeds.includes(s));
}

async function imageDigest(inst: Instance, id: string): Promise<string> {
  const res = await call(inst, "GET", `/api/images/${id}/file`, READER);
  expect(res.status, `${inst.name} image ${id}`).toBe(200);
  return createHash("sha256")
    .update(Buffer.from(await res.arrayBuffer()))
    .digest("hex");
}

async function signIn(page: Page, inst: Instance) {
  await page.goto(`${inst.base}/login`);
  await page.getByLabel("Password", { exact: true }).fill(CLUSTER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${inst.base}/`);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  cluster = await startCluster([PORTS.cluster1, PORTS.cluster2, PORTS.cluster3]);
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await cluster?.stop();
});

test.afterEach(async () => {
  const info = test.info();
  if (info.status !== info.expectedStatus && cluster) {
    await info.attach("instance logs", { body: cluster.logs(), contentType: "text/plain" });
  }
});

test("(e) a session signed by instance 1 is good on instances 2 and 3, in the API and in a browser", async ({
  page,
}) => {
  const [one, two, three] = [instance(0), instance(1), instance(2)];
  const login = await call(one, "POST", "/api/auth/login", {}, { password: CLUSTER.password });
  expect(login.status, await login.clone().text()).toBe(200);
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] as string)
    .find((c) => c.startsWith("ps_session="));
  expect(session).toBeDefined();
  const cookie = { cookie: session as string };

  for (const inst of [two, three]) {
    expect((await call(inst, "GET", "/api/ideas", {})).status, `${inst.name} without the cookie`).toBe(401);
    expect((await call(inst, "GET", "/api/ideas", cookie)).status, `${inst.name} with instance 1's cookie`).toBe(200);
  }
  // A change through instance 2 under instance 1's session, from instance 2's own page (same origin).
  const made = await call(
    two,
    "POST",
    "/api/refine",
    { ...cookie, accept: "application/json", origin: two.base },
    {
      idea: "a lighthouse keeper's kettle",
    },
  );
  expect(made.status, await made.clone().text()).toBe(201);
  const version = (await made.json()) as Version;
  expect((await call(three, "GET", `/api/ideas/${version.ideaId}`, cookie)).status).toBe(200);

  // The browser: signed in on instance 1, it walks into instance 2 and 3 without being asked again
  // (a cookie is the host's, whatever the port: as behind one load balancer).
  await signIn(page, one);
  await page.goto(`${two.base}/gallery`);
  await expect(page).toHaveURL(`${two.base}/gallery`);
  await expect(page.getByRole("heading", { name: "Gallery", level: 1 })).toBeVisible();
  await page.goto(`${three.base}/ideas/${version.ideaId}`);
  await expect(page).toHaveURL(`${three.base}/ideas/${version.ideaId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("(a) a generation posted to instance 1 is followed to its end through instance 2's events and Studio", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const [one, two, three] = [instance(0), instance(1), instance(2)];
  await signIn(page, two);
  const version = await refine(one, "a red kite over a wheat field at dusk");
  // 150 steps at 40 ms: six seconds, time enough to open the stream and the page.
  const g = await generate(one, newClient(), version.id, "automatic1111", { size: "512x512", steps: 150, seed: 101 });

  const followed = followEvents(two, g.id);
  // Awaited below; until then a failure elsewhere must not leave it unhandled.
  followed.catch(() => undefined);
  await page.goto(`${two.base}/?idea=${encodeURIComponent(version.ideaId)}`);
  const whenShown = await generation(three, g.id);

  const events = await followed;
  const names = events.map((e) => e.event);
  expect(names[0]).toBe("generation");
  expect(names.at(-1), JSON.stringify(events).slice(0, 2000)).toBe("done");
  // Live, not only the end read back: progress and the image arrived while it ran elsewhere.
  expect(names).toContain("progress");
  expect(names).toContain("image");
  const statuses = events.filter((e) => e.event === "generation").map((e) => (e.data as Generation).status);
  expect(statuses).toContain("running");
  const done = events.at(-1)?.data as Generation;
  expect(done).toMatchObject({ id: g.id, status: "succeeded", error: null });
  expect(done.images).toHaveLength(1);
  // The bytes are in the shared bucket: every instance serves them.
  const digests = await Promise.all(cluster.instances.map((i) => imageDigest(i, (done.images[0] as Image).id)));
  expect(new Set(digests).size).toBe(1);

  // The Studio on instance 2 shows it finishing: the image appears where the generation was.
  await expect(page.locator("main").getByRole("img", { name: version.prompt, exact: true }).first()).toBeVisible({
    timeout: 60_000,
  });
  // It was still going when the page opened, so the page followed it rather than rendering its end.
  expect(FINISHED, `status when the page had opened: ${whenShown.status}`).not.toContain(whenShown.status);
});

test("(b) generations posted round-robin to three instances never overlap at an A1111 of concurrency 1, and run in order", async () => {
  test.setTimeout(180_000);
  cluster.fake.reset();
  const version = await refine(instance(0), "a row of paper lanterns along a canal");
  const seeds = [201, 202, 203, 204, 205, 206, 207, 208, 209];
  const posted: Generation[] = [];
  let client = newClient();
  for (const [i, seed] of seeds.entries()) {
    if (i > 0 && i % CLUSTER.generateBurst === 0) client = newClient();
    posted.push(await generate(instance(i), client, version.id, "automatic1111", { size: "512x512", steps: 6, seed }));
  }

  const ended = await Promise.all(
    posted.map((g, i) =>
      until(
        () => generation(instance(i + 1), g.id),
        (x) => FINISHED.includes(x.status),
        `generation ${g.id} (seed ${seeds[i]})`,
        120_000,
      ),
    ),
  );
  expect(
    ended.map((g) => [g.params.seed, g.status, g.error?.code ?? null]),
    "every generation succeeded",
  ).toEqual(seeds.map((s) => [s, "succeeded", null]));
  for (const g of ended) expect(g.images).toHaveLength(1);

  // Never two at once at the fake, each run once, first in first out.
  expect(cluster.fake.txt2imgActivity().maxInFlight).toBe(1);
  expect(txt2imgSeeds(seeds)).toEqual(seeds);
  const started = ended.map((g) => g.startedAt as string);
  expect([...started].sort()).toEqual(started);
});

test("(c) a client's generate limit holds across the three instances together", async () => {
  test.setTimeout(120_000);
  const version = await refine(instance(0), "a teapot shaped like a snail");
  const client = newClient();
  const answers: { inst: string; status: number; code?: string; retryAfter: string | null }[] = [];
  // Three rounds over the three instances: the burst is three in all, not three per instance.
  for (let i = 0; i < CLUSTER.generateBurst * 3; i++) {
    const inst = instance(i);
    const res = await call(inst, "POST", "/api/generate", client, {
      promptId: version.id,
      backend: "offline",
      params: { size: "512x512" },
    });
    const body = (await res.json()) as { error?: { code: string } };
    answers.push({
      inst: inst.name,
      status: res.status,
      code: body.error?.code,
      retryAfter: res.headers.get("retry-after"),
    });
  }
  const summary = JSON.stringify(answers);
  expect(
    answers.slice(0, CLUSTER.generateBurst).map((a) => a.status),
    summary,
  ).toEqual([202, 202, 202]);
  for (const a of answers.slice(CLUSTER.generateBurst)) {
    expect(a.status, summary).toBe(429);
    expect(a.code).toBe("rate_limited");
    expect(Number(a.retryAfter)).toBeGreaterThan(0);
  }
  // Another client is not held back by this one's limit, on any instance.
  const other = newClient();
  for (const i of [0, 1]) {
    await generate(instance(i), other, version.id, "offline", { size: "512x512" });
  }
});

test("(d) an instance killed mid-generation: another settles it interrupted after the lease, it never runs twice, the rest finishes", async () => {
  test.setTimeout(240_000);
  cluster.fake.reset();
  const client = newClient();

  // Committed before the kill: another idea with an offline image.
  const kept = await refine(instance(0), "a paper boat on a still pond");
  const keptGen = await generate(instance(1), client, kept.id, "offline", { size: "512x512" });
  const keptDone = await until(
    () => generation(instance(2), keptGen.id),
    (g) => g.status === "succeeded",
    "the offline image",
  );
  const keptImage = keptDone.images[0] as Image;
  const keptDigest = await imageDigest(instance(0), keptImage.id);

  // A slow A1111 job (150 steps at 40 ms: six seconds), and three queued behind it, posted round-robin.
  const version = await refine(instance(1), "a lighthouse in a storm, waves breaking");
  const slow = await generate(instance(2), client, version.id, "automatic1111", {
    size: "512x512",
    steps: 150,
    seed: 301,
  });
  const queuedSeeds = [302, 303, 304];
  const queuedClient = newClient();
  const queued: Generation[] = [];
  for (const [i, seed] of queuedSeeds.entries()) {
    queued.push(
      await generate(instance(i), queuedClient, version.id, "automatic1111", { size: "512x512", steps: 4, seed }),
    );
  }

  // Which instance runs it: the one holding the connection the fake got the job on.
  const request = await until(
    () => cluster.fake.requests().find((r) => r.endpoint === "txt2img" && (r.body as { seed?: number })?.seed === 301),
    (r) => r !== undefined,
    "the slow job to reach the fake",
  );
  await until(
    () => generation(instance(0), slow.id),
    (g) => g.status === "running" && g.progress > 0,
    "the slow job to run",
  );
  const groups = cluster.instances.map((i) => i.pid as number);
  const owner = groupHoldingConnection(request?.remotePort as number, cluster.fake.port, groups);
  expect(owner, "an instance holds the slow job's connection").toBeGreaterThanOrEqual(0);
  const victim = instance(owner);
  const survivors = cluster.instances.filter((i) => i !== victim);
  await victim.kill();
  const killedAt = Date.now();

  // A survivor settles it once the lease has run out; its followers hear so.
  const heard = followEvents(survivors[0] as Instance, slow.id);
  heard.catch(() => undefined);
  const settled = await until(
    () => generation(survivors[1] as Instance, slow.id),
    (g) => FINISHED.includes(g.status),
    "the killed instance's job to be settled",
    CLUSTER.leaseMs + 30_000,
  );
  expect(settled).toMatchObject({ status: "failed", error: { code: "interrupted" }, images: [] });
  const events = await heard;
  const last = events.at(-1);
  expect(last?.event).toBe("error");
  expect((last?.data as { error?: { code: string } } | undefined)?.error?.code).toBe("interrupted");

  // The queued ones run on the survivors, in order, each once.
  const ended = await Promise.all(
    queued.map((g) =>
      until(
        () => generation(survivors[0] as Instance, g.id),
        (x) => FINISHED.includes(x.status),
        `queued generation ${g.id}`,
        120_000,
      ),
    ),
  );
  expect(ended.map((g) => [g.status, g.images.length])).toEqual(queuedSeeds.map(() => ["succeeded", 1]));
  expect(txt2imgSeeds(queuedSeeds)).toEqual(queuedSeeds);

  // Well past another lease: the killed job was never run again, and stays settled.
  await new Promise((r) => setTimeout(r, Math.max(0, killedAt + CLUSTER.leaseMs * 3 - Date.now())));
  expect(txt2imgSeeds([301])).toEqual([301]);
  expect((await generation(survivors[1] as Instance, slow.id)).status).toBe("failed");
  expect(cluster.fake.txt2imgActivity().maxInFlight).toBe(1);

  // Everything committed before is intact, read through both survivors.
  for (const inst of survivors) {
    const idea = await call(inst, "GET", `/api/ideas/${kept.ideaId}`, READER);
    expect(idea.status).toBe(200);
    const detail = (await idea.json()) as { versions: Version[] };
    expect(detail.versions.find((v) => v.id === kept.id)?.prompt).toBe(kept.prompt);
    expect(await imageDigest(inst, keptImage.id)).toBe(keptDigest);
    const thumb = await call(inst, "GET", `/api/images/${keptImage.id}/thumb`, READER);
    expect(thumb.status).toBe(200);
    for (const g of ended) expect((await imageDigest(inst, (g.images[0] as Image).id)).length).toBe(64);
  }
  // And the survivors still take new work.
  const after = await generate(survivors[1] as Instance, newClient(), version.id, "automatic1111", {
    size: "512x512",
    steps: 2,
    seed: 305,
  });
  await until(
    () => generation(survivors[0] as Instance, after.id),
    (g) => g.status === "succeeded",
    "a generation after the kill",
  );
});
