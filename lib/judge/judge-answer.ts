import { AppError } from "@/lib/errors";
import { type CheckItem, type CheckResultItem, VerdictSchema } from "@/lib/schemas/checks";

/*
 * The chat judge's request text and the reading of its answer (issue 11). No I/O: the transport
 * lives in openai-judge.ts.
 */

export const JUDGE_OUTPUT_NAME = "image_check";
export const NOT_ANSWERED = "The judge did not answer this item.";
const MAX_REASON = 300;

export const JUDGE_SYSTEM_PROMPT = [
  "You check whether an image shows what a checklist asks for.",
  "Answer every checklist item, by its id, with a verdict and one short sentence saying why:",
  '- "pass": the image clearly shows it;',
  '- "fail": the image clearly does not (wrong count, wrong colour, missing, misspelt text);',
  '- "unsure": you cannot tell from the image.',
  "Judge only what you see in the image. The prompt is context: never pass an item because the prompt says it.",
  "Text items pass only when the exact words are legible in the image.",
].join("\n");

/** The user message's text part: the prompt the image was made from and the items, one JSON per line. */
export function judgeUserText(prompt: string, items: readonly CheckItem[]): string {
  const lines = items.map((i) => JSON.stringify({ id: i.id, kind: i.kind, text: i.text }));
  return `<prompt>${prompt}</prompt>\n<checklist>\n${lines.join("\n")}\n</checklist>`;
}

/** Strict structured output: one answer per item, ids limited to the checklist's own. */
export function judgeJsonSchema(items: readonly CheckItem[]) {
  return {
    type: "object",
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            checkId: { type: "string", enum: items.map((i) => i.id) },
            verdict: { type: "string", enum: ["pass", "fail", "unsure"] },
            reason: { type: "string" },
          },
          required: ["checkId", "verdict", "reason"],
          additionalProperties: false,
        },
      },
    },
    required: ["items"],
    additionalProperties: false,
  } as const;
}

function short(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 3)}...` : t;
}

/** The first JSON object in the content (some servers wrap it in a code fence or a sentence). */
function parseObject(content: string): unknown {
  const text = content.trim();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end <= start) return undefined;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      return undefined;
    }
  }
}

/**
 * The model's content as one result per checklist item, in the checklist's order. Answers with
 * an unknown id or an unknown verdict are dropped; an item left without an answer is `unsure`
 * ("The judge did not answer this item."). When no item at all is answered the whole answer is
 * unreadable: a backend_error, so nothing half-true is saved as a check.
 */
export function readJudgeAnswer(content: string | null | undefined, items: readonly CheckItem[]): CheckResultItem[] {
  const parsed = parseObject(content ?? "") as { items?: unknown } | undefined;
  const answers = new Map<string, { verdict: CheckResultItem["verdict"]; reason: string }>();
  const list = Array.isArray(parsed?.items) ? parsed.items : [];
  const known = new Set(items.map((i) => i.id));
  for (const entry of list) {
    const e = entry as { checkId?: unknown; verdict?: unknown; reason?: unknown };
    const verdict = VerdictSchema.safeParse(typeof e.verdict === "string" ? e.verdict.toLowerCase() : e.verdict);
    if (typeof e.checkId !== "string" || !known.has(e.checkId) || !verdict.success || answers.has(e.checkId)) continue;
    const reason = typeof e.reason === "string" ? short(e.reason, MAX_REASON) : "";
    answers.set(e.checkId, { verdict: verdict.data, reason: reason || "The judge gave no reason." });
  }
  if (answers.size === 0) {
    throw new AppError("backend_error", "The judge model's answer could not be read: it gave no verdict for any item.");
  }
  return items.map((item) => {
    const answer = answers.get(item.id) ?? { verdict: "unsure" as const, reason: NOT_ANSWERED };
    return { checkId: item.id, text: item.text, kind: item.kind, ...answer };
  });
}

/** A refusal, in the words the model gave (shortened). */
export function judgeRefused(refusal: string): AppError {
  const why = short(refusal, 200);
  return new AppError(
    "refused",
    why ? `The judge model declined to check this image: ${why}` : "The judge model declined to check this image.",
  );
}
