import "server-only";
import { defaultBackendId, findBackend } from "@/lib/backends/registry";
import { getConfig } from "@/lib/config";
import { AppError, toAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { chargeRefinement } from "@/lib/limits/refine-limit";
import { startModeration } from "@/lib/safety/moderate";
import { log } from "@/lib/log";
import { numberChecks } from "@/lib/refine/check-ids";
import { candidateDirections } from "@/lib/refine/directions";
import { capabilitiesFor } from "@/lib/prompt-formats/guess-dialect";
import { getRefiner } from "@/lib/refine/registry";
import type { CandidateDirection, RefinedPrompt, RefineInput, Refiner } from "@/lib/refine/types";
import type { RefineBody } from "@/lib/schemas/api";
import type { Capabilities } from "@/lib/schemas/catalog";
import type { Idea, PromptVersion } from "@/lib/schemas/entities";
import type { StyleId } from "@/lib/schemas/styles";
import { styleFor } from "@/lib/styles";
import { countClipTokens } from "@/lib/tokens/clip-tokens";
import { estimateT5Tokens } from "@/lib/tokens/t5-estimate";
import { deps } from "./deps";
import { activeHouseRules } from "./house-rules";
import { moderationGate } from "./moderation-gate";
import { ownStyleFor, styleUsedFor } from "./own-style-for-refine";
import { isOwnStyleId } from "@/lib/schemas/names";
import { locksFor } from "./parts";
import { partsToSave } from "./parts-to-save";

export type RefineCallbacks = {
  signal: AbortSignal;
  /** The prompt so far, each time it grows. */
  onDelta?: (promptSoFar: string) => void;
};

export type CandidateCallbacks = {
  signal: AbortSignal;
  /** Candidate `index`'s prompt so far, each time it grows. */
  onDelta?: (index: number, promptSoFar: string) => void;
  /** Candidate `index` was saved (the others may still be running). */
  onSaved?: (index: number, version: PromptVersion) => void;
  /** Candidate `index` failed; the others go on. */
  onFailed?: (index: number, error: AppError) => void;
};

export type CandidateFailure = { index: number; error: { code: string; message: string } };
export type CandidatesResult = { items: PromptVersion[]; failed: CandidateFailure[] };

export type PreparedRefine = {
  /** How many refinements were asked for: 1 is the plain one, 2–4 are candidates. */
  readonly count: number;
  /**
   * The moderation service's verdict on the idea and the instruction: resolves when they may be
   * refined, rejects with the refusal (422) or the failure (fail closed). It is not awaited before
   * the refiner starts: a run starts the refiner at once and holds back its text and its save
   * until this resolves, and stops the refiner when it rejects.
   */
  readonly allowed: Promise<void>;
  run(cb: RefineCallbacks): Promise<PromptVersion>;
  /** Runs every candidate at once; throws only when all of them fail. */
  runCandidates(cb: CandidateCallbacks): Promise<CandidatesResult>;
};

/**
 * Refines a new idea (saving the idea and its first version) or a saved version with an
 * instruction and/or a new style (saving a child). Nothing is saved when the refiner fails or
 * is stopped.
 */
export async function refine(body: RefineBody, cb: RefineCallbacks): Promise<PromptVersion> {
  return (await prepareRefine(body)).run(cb);
}

type Plan = {
  refiner: Refiner;
  caps: Capabilities;
  idea: Idea;
  parent: PromptVersion | undefined;
  instruction: string | undefined;
  style: StyleId | null;
  /** A restyle: a parent, a style, and no instruction. */
  restyle: boolean;
  input: RefineInput;
  source?: "refine" | "fix";
  /** See PrepareOptions.note. */
  note?: string;
  /** See PreparedRefine.allowed. */
  allowed: Promise<void>;
};

export type PrepareOptions = {
  /**
   * Who is asking (the route passes the proxy's checked key): the request then costs a token of
   * the chosen refiner's rate limit. Without it (tests, in-process callers) nothing is counted.
   */
  clientKey?: string;
  /** What the saved version says made it: "fix" for a fix loop's round (lib/fix/); "refine" otherwise. */
  source?: "refine" | "fix";
  /**
   * A line added to the saved version's notes: where the request came from when that was not the
   * Studio (the OpenAI-compatible endpoint, lib/openai-compat/), so the gallery and the Ideas
   * search tell such versions apart.
   */
  note?: string;
};

/**
 * Checks everything that can be checked before the refiner runs (unknown parent, refiner not
 * configured, rate limit…), so those answer with a proper status instead of an error inside a stream.
 */
export async function prepareRefine(body: RefineBody, opts: PrepareOptions = {}): Promise<PreparedRefine> {
  const plan = { ...(await planRefine(body, opts.clientKey)), source: opts.source ?? "refine", note: opts.note };
  const count = body.candidates ?? 1;
  const directions = count >= 2 ? candidateDirections(count) : [];
  if (count >= 2 && directions.length !== count) {
    throw new AppError("internal", `Expected ${count} candidate directions, got ${directions.length}.`);
  }
  return {
    count,
    allowed: plan.allowed,
    run: (cb) => runOne(plan, cb),
    runCandidates: (cb) => runCandidates(plan, directions, cb),
  };
}

async function planRefine(body: RefineBody, clientKey: string | undefined): Promise<Plan> {
  const { store } = deps();
  const refiner = getRefiner(body.refiner);
  // Counted here, not in proxy.ts: only now is it known which refiner runs, and so what it costs.
  if (clientKey !== undefined) await chargeRefinement(refiner.id, clientKey);
  const backend = findBackend(body.backend ?? defaultBackendId());
  if (!backend) throw new AppError("invalid_request", `Unknown backend "${body.backend}".`);
  // The family of the checkpoint this is written for decides dialect and budget (FLUX: prose, T5).
  const caps = capabilitiesFor(backend.capabilities, { family: body.family, checkpoint: body.checkpoint });

  let idea: Idea;
  let parent: PromptVersion | undefined;
  let instruction: string | undefined;
  if ("parentId" in body) {
    parent = await store.getVersion(body.parentId);
    if (!parent) throw new AppError("not_found", "The version to refine was not found.");
    const found = await store.getIdea(parent.ideaId);
    if (!found) throw new AppError("not_found", "The idea was not found.");
    idea = found;
    instruction = body.instruction;
  } else {
    idea = { id: newId(), text: body.idea, title: "", createdAt: "" };
  }
  // The offline policy refuses here, before the refiner runs or anything is saved: a 422 before
  // any stream starts. The moderation service answers while the refiner's first bytes are on the
  // way (issue 12); the run holds back its text and its save until then (moderation-gate.ts).
  const allowed = startModeration({ texts: { idea: idea.text, instruction }, stage: "refine" });
  allowed.catch(() => undefined); // awaited by the run; one never started must not leave it unhandled

  const asked = body.style !== undefined;
  // An own style (issue 13) is read here and handed to the refiner with the request; a parent's own
  // style this instance does not know (an imported recipe) is dropped rather than named by its id.
  const ownStyle = await ownStyleFor(asked ? body.style : parent?.style, parent, asked);
  const inherited = asked ? body.style : (parent?.style ?? null);
  const style = inherited && isOwnStyleId(inherited) && !ownStyle ? null : (inherited ?? null);
  const locks = parent ? locksFor(parent.locks, parent.parts) : [];
  const input: RefineInput = {
    idea: idea.text,
    parent: parent && {
      prompt: parent.prompt,
      negativePrompt: parent.negativePrompt,
      style: parent.style,
      dialect: parent.dialect,
      parts: parent.parts,
      checks: parent.checks,
      styleUsed: parent.styleUsed,
    },
    instruction,
    ...(locks.length > 0 ? { locks } : {}),
    style,
    ...(ownStyle ? { ownStyle } : {}),
    dialect: caps.dialect,
    budget: {
      maxChars: caps.maxPromptChars,
      maxTokens: caps.maxPromptTokens,
      tokenizer: caps.tokenizer,
      countTokens:
        caps.maxPromptTokens === undefined ? undefined : caps.tokenizer === "t5" ? estimateT5Tokens : countClipTokens,
    },
  };
  // House rules (issue 13), unless this refinement switches them off; the version records which.
  const houseRules = body.houseRules === false ? undefined : await activeHouseRules();
  if (houseRules) input.houseRules = houseRules;
  const restyle = parent !== undefined && instruction === undefined;
  return { refiner, caps, idea, parent, instruction, style, restyle, input, allowed };
}

/** One run of the refiner, with the refine timeout; a timeout is told apart from a stop. */
async function callRefiner(
  plan: Plan,
  direction: CandidateDirection | undefined,
  signal: AbortSignal,
  timeout: AbortSignal,
  onDelta: ((soFar: string) => void) | undefined,
): Promise<RefinedPrompt> {
  const input = direction ? { ...plan.input, direction } : plan.input;
  let refined: RefinedPrompt;
  try {
    refined = await plan.refiner.refine(input, { signal: AbortSignal.any([signal, timeout]), onDelta });
  } catch (e) {
    if (timeout.aborted && !signal.aborted) {
      throw new AppError(
        "timeout",
        `The refiner did not finish within ${Math.round(getConfig().timeouts.refineMs / 1000)} s.`,
        { cause: e },
      );
    }
    throw e;
  }
  if (!refined.prompt.trim()) throw new AppError("backend_error", "The refiner returned an empty prompt.");
  return refined;
}

/** A restyle's notes always say what changed, even when the refiner did not. */
function notesFor(plan: Plan, refined: RefinedPrompt): string[] {
  if (!plan.restyle) return refined.notes;
  const label = styleFor(plan.style, plan.input.ownStyle)?.label ?? "none";
  const said = refined.notes.some((n) => n.toLowerCase().includes(label.toLowerCase()));
  return said ? refined.notes : [`Style: ${label}`, ...refined.notes];
}

function versionFrom(plan: Plan, refined: RefinedPrompt, direction: CandidateDirection | undefined): PromptVersion {
  const { caps, parent } = plan;
  const negativePrompt = caps.negativePrompt || caps.dialect === "tags" ? (refined.negativePrompt ?? null) : null;
  const parts = partsToSave(refined.parts, refined.prompt, negativePrompt);
  return {
    id: newId(),
    ideaId: plan.idea.id,
    parentId: parent?.id ?? null,
    source: plan.source ?? "refine",
    instruction: plan.instruction ?? null,
    prompt: refined.prompt,
    negativePrompt,
    // The refiner may have moved it to another style ("as a watercolor"): the version says so.
    style: refined.style !== undefined ? refined.style : plan.style,
    ...styleUsedFor(refined.style !== undefined ? refined.style : plan.style, plan.input.ownStyle, parent),
    dialect: caps.dialect,
    refiner: plan.refiner.id,
    model: refined.model,
    title: refined.title,
    notes: plan.note ? [...notesFor(plan, refined), plan.note] : notesFor(plan, refined),
    parts,
    // Children keep the parent's locks; a lock on a part the child lacks would promise nothing.
    locks: parent ? locksFor(parent.locks, parts) : [],
    direction: direction?.label ?? null,
    approvedAt: null,
    // The idea's demands: the refiner's list; a refiner that wrote none keeps the parent's.
    // A fix round keeps its parent's list as it is: its score must be comparable with the parent's.
    checks: numberChecks((plan.source === "fix" ? parent?.checks : refined.checks) ?? parent?.checks ?? []),
    createdAt: new Date().toISOString(),
    ...(plan.input.houseRules ? { houseRulesVersion: plan.input.houseRules.version } : {}),
  };
}

async function runOne(plan: Plan, cb: RefineCallbacks): Promise<PromptVersion> {
  const { store } = deps();
  const timeout = AbortSignal.timeout(getConfig().timeouts.refineMs);
  const started = Date.now();
  const gate = moderationGate(plan.allowed, cb.signal);
  const onDelta = cb.onDelta && ((soFar: string) => gate.hold(0, () => cb.onDelta?.(soFar)));
  let refined: RefinedPrompt;
  try {
    refined = await callRefiner(plan, undefined, gate.signal, timeout, onDelta);
  } catch (e) {
    // A refusal outranks whatever the refiner said (it was stopped for it, or failed first).
    if (!cb.signal.aborted) await gate.passed();
    throw e;
  }
  await gate.passed();
  if (cb.signal.aborted) throw new AppError("canceled", "Stopped.");
  const version = versionFrom(plan, refined, undefined);
  if (plan.parent) await store.createVersion(version);
  else await store.createIdeaWithVersion(ideaRow(plan, refined, version.createdAt), version);
  log.info("refined", {
    ideaId: plan.idea.id,
    versionId: version.id,
    refiner: plan.refiner.id,
    ms: Date.now() - started,
  });
  return version;
}

function ideaRow(plan: Plan, refined: RefinedPrompt, createdAt: string): Idea {
  return { ...plan.idea, title: refined.title || plan.idea.text.slice(0, 60), createdAt };
}

/**
 * Every candidate runs at once (they are independent) and is saved as soon as it is done.
 * Saves go one after another through a chain, so for a new idea exactly one of them creates
 * the idea (the first to finish) and the others join it as further roots.
 */
async function runCandidates(
  plan: Plan,
  directions: CandidateDirection[],
  cb: CandidateCallbacks,
): Promise<CandidatesResult> {
  const { store } = deps();
  const timeout = AbortSignal.timeout(getConfig().timeouts.refineMs);
  const started = Date.now();
  const gate = moderationGate(plan.allowed, cb.signal);
  let ideaSaved = plan.parent !== undefined;
  let saves: Promise<unknown> = Promise.resolve();

  const save = (refined: RefinedPrompt, direction: CandidateDirection): Promise<PromptVersion> => {
    const next = saves.then(async () => {
      // A stop while this one waited its turn: what was not saved yet stays unsaved.
      if (cb.signal.aborted) throw new AppError("canceled", "Stopped.");
      const version = versionFrom(plan, refined, direction);
      if (ideaSaved) {
        await store.createVersion(version);
      } else {
        await store.createIdeaWithVersion(ideaRow(plan, refined, version.createdAt), version);
        ideaSaved = true;
      }
      return version;
    });
    saves = next.catch(() => undefined);
    return next;
  };

  const items: (PromptVersion | undefined)[] = directions.map(() => undefined);
  const failed: { index: number; error: AppError }[] = [];
  const all = Promise.all(
    directions.map(async (direction, index) => {
      try {
        const refined = await callRefiner(plan, direction, gate.signal, timeout, (soFar) =>
          gate.hold(index, () => cb.onDelta?.(index, soFar)),
        );
        await gate.passed();
        if (cb.signal.aborted) throw new AppError("canceled", "Stopped.");
        const version = await save(refined, direction);
        items[index] = version;
        cb.onSaved?.(index, version);
      } catch (e) {
        const error = toAppError(e);
        failed.push({ index, error });
        // Stopped, or the idea refused (that is the whole answer, below): no candidate failed on its own.
        if (!gate.signal.aborted) {
          log.warn("candidate failed", { ideaId: plan.idea.id, index, code: error.code, error: error.cause ?? error });
          cb.onFailed?.(index, error);
        }
      }
    }),
  );
  // A refusal answers at once (the refiners were stopped for it); else every candidate has ended.
  await Promise.all([gate.passed(), all]);

  const saved = items.filter((v): v is PromptVersion => v !== undefined);
  failed.sort((a, b) => a.index - b.index);
  if (saved.length === 0) {
    throw failed[0]?.error ?? new AppError("internal", "No candidate was made.");
  }
  log.info("refined candidates", {
    ideaId: plan.idea.id,
    saved: saved.length,
    failed: failed.length,
    refiner: plan.refiner.id,
    ms: Date.now() - started,
  });
  return {
    items: saved,
    failed: failed.map(({ index, error }) => ({ index, error: { code: error.code, message: error.message } })),
  };
}
