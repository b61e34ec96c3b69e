/**
 * Turns what the chat model streamed into a RefinedPrompt, or into the AppError that says
 * why it cannot be one. No I/O: the transport lives in openai-refiner.ts.
 */
import { AppError } from "@/lib/errors";
import type { CheckItem } from "@/lib/schemas/checks";
import type { PartName } from "@/lib/schemas/entities";
import { resolveParts } from "./anatomy";
import { type DraftCheck, numberChecks } from "./check-ids";
import type { ChatStreamOutcome } from "./chat-stream";
import { fitRefinedToBudget } from "./fit-to-budget";
import { styleNamedIn } from "./instruction-style";
import { enforceLocks } from "./locks";
import { extractJsonStringField, parseJsonObject } from "./partial-json";
import { ReceivedOutputSchema } from "./refined-prompt-schema";
import { type OutputMode, TEXT_REFUSAL_MARKER } from "./system-prompt";
import { clipTitle, unwrapTitle } from "./title-text";
import type { RefinedPrompt, RefineInput } from "./types";

export const FORMAT_NOTES: Record<OutputMode, string | undefined> = {
  json_schema: undefined,
  json_object: "Structured output: json_object (the server does not support json_schema).",
  text: "Structured output: plain text (the server supports neither json_schema nor json_object).",
};
const PROSE_FALLBACK_NOTE = "Structured output: plain text (the model did not answer in JSON).";

function short(text: string, max = 200): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

function refused(reason: string): AppError {
  const why = short(reason);
  return new AppError(
    "refused",
    why ? `The chat model declined: ${why}` : "The chat model declined to write this prompt.",
  );
}

/** A title when the model gave none: the first few words of the idea. */
export function titleFromIdea(idea: string): string {
  const words = idea
    .replace(/[\r\n]+/g, " ")
    .replace(/[^\p{L}\p{N}\s'-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  const title = words.join(" ").slice(0, 60).trim();
  return title ? title.charAt(0).toUpperCase() + title.slice(1) : "Untitled idea";
}

function cleanTitle(title: string | null | undefined): string {
  return clipTitle(unwrapTitle(title ?? ""), 80);
}

/**
 * The prompt so far, from the content so far, for live display; undefined while there is
 * nothing to show (or while a text answer might still turn out to be a refusal).
 */
export function promptSoFar(mode: OutputMode, content: string): string | undefined {
  if (mode !== "text") return extractJsonStringField(content, "prompt")?.value;
  const text = content.trim();
  if (TEXT_REFUSAL_MARKER.startsWith(text.slice(0, TEXT_REFUSAL_MARKER.length))) return undefined;
  return text;
}

/**
 * The model's checklist with our ids: an item it kept word for word from the parent's list keeps
 * that item's id (so "c2" means the same demand down the tree); a new one is numbered after them.
 */
function checklistFrom(drafts: readonly DraftCheck[], parent: readonly CheckItem[] | undefined): CheckItem[] {
  const key = (c: { text: string; kind: string }) => `${c.kind}:${c.text.replace(/\s+/g, " ").trim().toLowerCase()}`;
  const known = new Map((parent ?? []).map((c) => [key(c), c.id]));
  return numberChecks(drafts.map(({ id: _id, ...d }) => ({ ...d, id: known.get(key(d)) })));
}

type Parsed = {
  prompt: string;
  negativePrompt?: string | null;
  title?: string | null;
  notes?: string[] | null;
  parts?: Partial<Record<PartName, string>>;
  checks?: DraftCheck[];
  formatNote?: string;
};

function stoppedEarly(): AppError {
  return new AppError("backend_error", "The chat model's answer was cut off before it finished; try again.", {
    retryable: true,
  });
}

function parseAnswer(outcome: ChatStreamOutcome, mode: OutputMode): Parsed {
  const content = outcome.content;
  if (mode === "text") {
    const text = content.trim();
    if (text.startsWith(TEXT_REFUSAL_MARKER)) throw refused(text.slice(TEXT_REFUSAL_MARKER.length));
    if (!text) throw new AppError("backend_error", "The chat model returned an empty answer.");
    // Plain text has no closing brace to prove it is whole: only a finish reason does.
    if (outcome.finishReason === null) throw stoppedEarly();
    return { prompt: text, formatNote: FORMAT_NOTES.text };
  }

  const object = parseJsonObject(content);
  if (!object) {
    if (outcome.finishReason === "length") {
      throw new AppError("backend_error", "The chat model ran out of room before it finished the prompt.");
    }
    if (outcome.finishReason === null) throw stoppedEarly();
    // A json_object server whose model wrote prose anyway: the prose is still a prompt.
    if (mode === "json_object" && content.trim() && !content.includes("{")) {
      return { prompt: content.trim(), formatNote: PROSE_FALLBACK_NOTE };
    }
    throw new AppError("backend_error", "The chat model's answer was not valid JSON.");
  }
  if (typeof object.refusal === "string" && object.prompt === undefined) throw refused(object.refusal);
  const checked = ReceivedOutputSchema.safeParse(object);
  if (!checked.success) {
    throw new AppError("backend_error", "The chat model's answer had no usable prompt.", { cause: checked.error });
  }
  return { ...checked.data, formatNote: FORMAT_NOTES[mode] };
}

export function interpretAnswer(
  outcome: ChatStreamOutcome,
  mode: OutputMode,
  input: RefineInput,
  requestedModel: string,
): RefinedPrompt {
  if (outcome.refusal.trim()) throw refused(outcome.refusal);
  if (outcome.finishReason === "content_filter") {
    throw new AppError("refused", "The provider's content filter stopped this prompt.");
  }
  const parsed = parseAnswer(outcome, mode);
  const notes = (parsed.notes ?? [])
    .map((n) => short(n, 300))
    .filter(Boolean)
    .slice(0, 12);
  if (parsed.formatNote) notes.push(parsed.formatNote);
  const trimmed = parsed.negativePrompt?.trim();
  // Prose backends take no negative prompt; one from the model would only mislead.
  const negativePrompt = input.dialect === "tags" && trimmed ? trimmed : undefined;
  const refined: RefinedPrompt = {
    prompt: parsed.prompt,
    negativePrompt,
    title: cleanTitle(parsed.title) || titleFromIdea(input.idea),
    notes,
    model: outcome.model ?? requestedModel,
    // A part the model placed where it is not (or cut off by the budget) is dropped, not trusted.
    parts: resolveParts(parsed.parts, parsed.prompt, negativePrompt),
  };
  if (parsed.checks) refined.checks = checklistFrom(parsed.checks, input.parent?.checks);
  // "make it a watercolor": the version records the style it moved to, as the offline refiner's does.
  const named = styleNamedIn(input.instruction);
  if (named !== undefined) refined.style = named;
  const locked = enforceLocks(refined, input.parent?.parts, input.locks, input.dialect);
  // Locks first, then the budget: restoring a locked part must not push the prompt back over it.
  return fitRefinedToBudget(locked, {
    idea: input.idea,
    instruction: input.instruction,
    dialect: input.dialect,
    locks: input.parent?.parts ? input.locks : [],
    budget: input.budget,
  });
}
