/**
 * The fake's judge (issue 11): a chat request with an image part and a `<checklist>` in its text
 * is a request to check an image. It answers every item in the structured output the app asks
 * for ({ items: [{ checkId, verdict, reason }] }), deterministically, by mode:
 *
 * - ok (default): an item passes when all its content words appear in the `<prompt>` the image
 *   was made from, else fails (so a fix round whose instruction names the miss passes it);
 * - judgeAllPass: every item passes;
 * - judgeFixable: the items at odd positions (the only one, in a one-item list) fail the first
 *   time they are judged and pass after, so a fix loop visibly improves;
 * - judgeNeverBetter: those same items fail every time;
 * - judgeMalformed: valid JSON that answers only the first item, plus an unknown id and a bad verdict;
 * - judgeGarbage: content that is not JSON at all.
 * Refusal and hang are the fake's general chat modes. "First time" is counted per checkId since
 * the last reset.
 */
import type { ChatRequest } from "./chat-request";
import type { FakeMode } from "./modes";

type Part = { type?: string; text?: string; image_url?: { url?: string } };
type ChecklistItem = { id: string; kind: string; text: string };

export const JUDGE_MODES = [
  "judgeAllPass",
  "judgeFixable",
  "judgeNeverBetter",
  "judgeMalformed",
  "judgeGarbage",
] as const;

const judgedBefore = new Map<string, number>();

/** Forget which items were judged (the fake's reset). */
export function resetJudge(): void {
  judgedBefore.clear();
}

function lastUserParts(req: ChatRequest): Part[] {
  const last = [...req.messages].reverse().find((m) => m.role === "user");
  return Array.isArray(last?.content) ? (last.content as Part[]) : [];
}

/** The image parts' data URLs; an image part is what makes a judge request. */
export function imageUrlsOf(req: ChatRequest): string[] {
  return lastUserParts(req)
    .filter((p) => p.type === "image_url")
    .map((p) => p.image_url?.url ?? "");
}

const MAGIC: Record<string, number[]> = {
  "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/webp": [0x52, 0x49, 0x46, 0x46],
};

/**
 * Why an image URL would be refused by OpenAI ("Invalid image"), or undefined when it is a data:
 * URL of a PNG, JPEG or WebP whose bytes say so. An http(s) URL is accepted as OpenAI does.
 */
export function invalidImageUrl(url: string): string | undefined {
  if (/^https?:\/\//.test(url)) return undefined;
  const m = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/.exec(url);
  if (!m?.[1] || !m[2]) return "image_url must be an http(s) URL or a base64 data: URL of a PNG, JPEG or WebP image";
  const bytes = Buffer.from(m[2], "base64");
  const magic = MAGIC[m[1]] ?? [];
  if (bytes.length < 16 || magic.some((b, i) => bytes[i] !== b)) return `the data: URL's bytes are not a ${m[1]} image`;
  return undefined;
}

function checklistOf(req: ChatRequest): { prompt: string; items: ChecklistItem[] } | undefined {
  const text = lastUserParts(req)
    .filter((p) => p.type === "text")
    .map((p) => p.text ?? "")
    .join("\n");
  const list = /<checklist>([\s\S]*?)<\/checklist>/.exec(text)?.[1];
  if (list === undefined) return undefined;
  const prompt = /<prompt>([\s\S]*?)<\/prompt>/.exec(text)?.[1] ?? "";
  const items: ChecklistItem[] = [];
  for (const line of list.split("\n")) {
    if (!line.trim()) continue;
    try {
      const item = JSON.parse(line) as Partial<ChecklistItem>;
      if (typeof item.id === "string")
        items.push({ id: item.id, kind: String(item.kind ?? ""), text: String(item.text ?? "") });
    } catch {
      // A line that is not an item: skipped, as a model would.
    }
  }
  return { prompt, items };
}

/** A judge request: an image part and a checklist. */
export function isJudgeRequest(req: ChatRequest): boolean {
  return imageUrlsOf(req).length > 0 && checklistOf(req) !== undefined;
}

const STOP = new Set(
  "a an the is are of in on at to and with there its it their his her under over by one some this that be has have".split(
    " ",
  ),
);

function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w && !STOP.has(w));
}

function byPrompt(item: ChecklistItem, prompt: string): { verdict: string; reason: string } {
  const words = new Set(contentWords(prompt));
  const missing = contentWords(item.text).filter(
    (w) => !words.has(w) && !words.has(`${w}s`) && !words.has(w.replace(/e?s$/, "")),
  );
  return missing.length === 0
    ? { verdict: "pass", reason: `The image shows ${item.text.replace(/\.$/, "")}.` }
    : { verdict: "fail", reason: `The image does not show ${missing.join(", ")}.` };
}

/** The answer's content for a judge request under `mode`. */
export function judgeContent(req: ChatRequest, mode: FakeMode): string {
  const found = checklistOf(req) ?? { prompt: "", items: [] };
  const { prompt, items } = found;
  if (mode === "judgeGarbage") return "I looked at the picture and it is lovely.";
  if (mode === "judgeMalformed") {
    const first = items[0];
    return JSON.stringify({
      items: [
        ...(first ? [{ checkId: first.id, verdict: "pass", reason: "Seen." }] : []),
        { checkId: "no-such-item", verdict: "pass", reason: "?" },
        ...(items[1] ? [{ checkId: items[1].id, verdict: "maybe", reason: "Hm." }] : []),
      ],
    });
  }
  const missable = (i: number) => items.length === 1 || i % 2 === 1;
  const answers = items.map((item, i) => {
    const seen = judgedBefore.get(item.id) ?? 0;
    judgedBefore.set(item.id, seen + 1);
    if (mode === "judgeAllPass") return { checkId: item.id, verdict: "pass", reason: "Clearly shown." };
    if (mode === "judgeFixable" && missable(i)) {
      return seen === 0
        ? { checkId: item.id, verdict: "fail", reason: "Not in the image yet." }
        : { checkId: item.id, verdict: "pass", reason: "Shown now." };
    }
    if (mode === "judgeNeverBetter" && missable(i)) {
      return { checkId: item.id, verdict: "fail", reason: "Still not in the image." };
    }
    if (mode === "judgeFixable" || mode === "judgeNeverBetter") {
      return { checkId: item.id, verdict: "pass", reason: "Clearly shown." };
    }
    return { checkId: item.id, ...byPrompt(item, prompt) };
  });
  return JSON.stringify({ items: answers });
}
