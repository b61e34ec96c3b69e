import "server-only";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { type ActivePolicy, buildPolicy } from "./policy";
import { moderateRemotely, remoteConfigured } from "./remote";

export type ModeratedField = "idea" | "prompt" | "instruction";
export type ModerationStage = "refine" | "generate";

export type ModerationRequest = {
  /** Only what a person wrote or will send to a model: never the negative prompt. */
  texts: Partial<Record<ModeratedField, string | null | undefined>>;
  stage: ModerationStage;
  signal?: AbortSignal;
};

export type ModerationBlock = {
  source: "policy" | "openai";
  /** Our category ids, in policy order. */
  categories: string[];
  fields: ModeratedField[];
  /** What matched (offline policy only); for the log, never for the person. */
  rules: string[];
};
export type ModerationVerdict = { allowed: true } | ({ allowed: false } & ModerationBlock);

let active: { file: string | undefined; policy: ActivePolicy } | undefined;

/** The offline policy in force, built once (again only if MODERATION_POLICY_FILE changes). */
export function getActivePolicy(): ActivePolicy {
  const file = getConfig().moderation.policyFile;
  if (!active || active.file !== file) active = { file, policy: buildPolicy(file) };
  return active.policy;
}

function policyForRequest(): ActivePolicy {
  try {
    return getActivePolicy();
  } catch (e) {
    // Startup (logModerationMode) says this plainly; a request only learns the server is misconfigured.
    throw new AppError("internal", "The server's moderation policy file is invalid; see the server log.", { cause: e });
  }
}

function inOrder(ids: Iterable<string>, policy: ActivePolicy): string[] {
  const set = new Set(ids);
  return [...policy.labels.keys()].filter((id) => set.has(id));
}

type Entry = [ModeratedField, string];

/** The offline policy's verdict, at once; `remote` when the moderation service must still be asked. */
function offlineVerdict(req: ModerationRequest): ModerationVerdict | { remote: Entry[]; policy: ActivePolicy } {
  if (!getConfig().moderation.enabled) return { allowed: true };
  const policy = policyForRequest();
  const entries = (Object.entries(req.texts) as Array<[ModeratedField, string | null | undefined]>).filter(
    (e): e is Entry => typeof e[1] === "string" && e[1].trim() !== "",
  );
  if (entries.length === 0) return { allowed: true };

  const offline = { categories: new Set<string>(), fields: [] as ModeratedField[], rules: [] as string[] };
  for (const [field, text] of entries) {
    const hits = policy.matcher.check(text);
    if (hits.length === 0) continue;
    offline.fields.push(field);
    for (const h of hits) {
      offline.categories.add(h.category);
      offline.rules.push(`${field}: ${h.category}: ${h.rule}`);
    }
  }
  if (offline.fields.length > 0) {
    return { allowed: false, source: "policy", ...offline, categories: inOrder(offline.categories, policy) };
  }
  if (!remoteConfigured()) return { allowed: true };
  return { remote: entries, policy };
}

async function remoteVerdict(entries: Entry[], policy: ActivePolicy, signal?: AbortSignal): Promise<ModerationVerdict> {
  const verdicts = await moderateRemotely(
    entries.map(([, text]) => text),
    signal,
  );
  const remote = { categories: new Set<string>(), fields: [] as ModeratedField[] };
  verdicts.forEach((v, i) => {
    if (!v.flagged) return;
    const counted = (v.categories.length ? v.categories : ["other"]).filter((c) => policy.enabled.has(c));
    if (counted.length === 0) return;
    remote.fields.push((entries[i] as Entry)[0]);
    for (const c of counted) remote.categories.add(c);
  });
  if (remote.fields.length === 0) return { allowed: true };
  return {
    allowed: false,
    source: "openai",
    categories: inOrder(remote.categories, policy),
    fields: remote.fields,
    rules: [],
  };
}

/**
 * Checks texts against the offline policy and then, when configured, the moderations endpoint
 * (all texts in one request). A remote failure throws: we fail closed (docs/safety-policy.md).
 */
export async function moderate(req: ModerationRequest): Promise<ModerationVerdict> {
  const offline = offlineVerdict(req);
  return "remote" in offline ? remoteVerdict(offline.remote, offline.policy, req.signal) : offline;
}

function listed(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "The prompt was blocked by our safety policy: graphic violence or gore. Nothing was generated." */
export function blockMessage(
  block: ModerationBlock,
  stage: ModerationStage,
  labels: ReadonlyMap<string, string>,
): string {
  const what = listed(block.fields.map((f) => `the ${f}`));
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  const verb = block.fields.length > 1 ? "were" : "was";
  const by = block.source === "policy" ? "our safety policy" : "the moderation service";
  const reasons = listed(block.categories.map((c) => labels.get(c) ?? c));
  const tail = stage === "generate" ? "Nothing was generated." : "Nothing was refined.";
  return `${subject} ${verb} blocked by ${by}: ${reasons}. ${tail}`;
}

/**
 * Throws AppError("moderation_blocked") (422, details {categories, source, fields}) when a text
 * is not allowed; returns quietly otherwise, and at once when MODERATION=off.
 */
export async function assertAllowed(req: ModerationRequest): Promise<void> {
  refuseIfBlocked(await moderate(req), req.stage);
}

/**
 * assertAllowed for work that need not wait for the moderation service (issue 12: the refiner's
 * first bytes are on the way meanwhile). The offline policy answers here and now, and a block
 * (or a broken policy file) throws before anything starts. The moderation service's verdict is
 * the promise: it resolves when allowed and rejects as assertAllowed would (a refusal, or a
 * failure: closed). The caller must hold back whatever the work shows or saves until it resolves.
 */
export function startModeration(req: ModerationRequest): Promise<void> {
  const offline = offlineVerdict(req);
  if (!("remote" in offline)) {
    refuseIfBlocked(offline, req.stage);
    return Promise.resolve();
  }
  return remoteVerdict(offline.remote, offline.policy, req.signal).then((v) => refuseIfBlocked(v, req.stage));
}

function refuseIfBlocked(verdict: ModerationVerdict, stage: ModerationStage): void {
  if (verdict.allowed) return;
  log.info("moderation blocked", {
    stage,
    source: verdict.source,
    categories: verdict.categories,
    fields: verdict.fields,
    ...(verdict.rules.length ? { rules: verdict.rules } : {}),
  });
  throw new AppError("moderation_blocked", blockMessage(verdict, stage, getActivePolicy().labels), {
    details: { categories: verdict.categories, source: verdict.source, fields: verdict.fields },
  });
}

/** Tests only: rebuild the policy on next use. */
export function resetPolicyForTests(): void {
  active = undefined;
}
