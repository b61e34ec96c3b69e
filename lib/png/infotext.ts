/**
 * AUTOMATIC1111's "infotext", the de-facto text format for a generation's settings (also
 * written by Forge, Fooocus's "a1111" scheme, and read by Civitai and most image viewers):
 *
 *     a cozy cabin in the snow,
 *     warm light
 *     Negative prompt: blurry, lowres
 *     Steps: 25, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x512, Model: dreamshaper_8
 *
 * The format has no escaping, so a few inputs are ambiguous. How we read and write it:
 * - Settings: the last line, read as `key: value` pairs when it holds at least three (A1111's
 *   own rule) or is nothing but pairs with a key A1111 always writes (Steps, Seed, Size...).
 *   Values with a comma, colon, line break, a leading quote or edge whitespace are written as
 *   JSON strings, as A1111 does with `json.dumps`; JSON-quoted values are unquoted on reading.
 * - Negative prompt: A1111 starts it at the first line beginning "Negative prompt:". We start
 *   it at the last one, and the writer adds an empty "Negative prompt:" line whenever the
 *   prompt has such a line of its own, so a prompt that quotes another image's infotext
 *   survives. (A1111 itself would cut that prompt short; its reading of ordinary files is
 *   the same as ours.) The writer also adds that empty line when there are no settings and
 *   the prompt's last line would pass for settings.
 * - The prompt and negative prompt lose their outer whitespace (A1111 strips the whole text);
 *   inner lines are kept byte for byte, indentation and `\r` included.
 * Still ambiguous, and so outside the round trip: a negative prompt with a line of its own
 * starting "Negative prompt:", and, when there are no settings, one whose last line passes for
 * settings; and fewer than three settings none of which is a known key.
 */

export type Infotext = {
  prompt: string;
  negativePrompt?: string;
  /** Settings in file order; numbers stay strings (`"7"`, `"512x512"`): the caller knows their types. */
  params: Record<string, string>;
};

export type InfotextInput = {
  prompt: string;
  negativePrompt?: string | null;
  /** Undefined, null, empty and non-finite values are left out. */
  params?: Record<string, string | number | null | undefined>;
};

const NEGATIVE = "Negative prompt:";

/**
 * A1111's `re_param`, with Python's Unicode `\w` spelled out for JavaScript, and one change:
 * keys are capped at 101 characters. Unbounded, a long run of words with no colon after it is
 * rescanned from every position (quadratic: seconds on a 100k-character prompt line); capped,
 * the scan is linear. Real keys are a few words long.
 */
const PAIR = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]{1,100}):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_ \-/]{0,99}[\p{L}\p{N}_\-/]$/u;

/** Keys A1111 writes on nearly every image; one of them marks a short line as settings. */
const CORE_KEYS = new Set(["Steps", "Sampler", "CFG scale", "Seed", "Size", "Model", "Model hash", "Version"]);

type Pair = { key: string; value: string; length: number };

function pairs(line: string): Pair[] {
  return [...line.matchAll(PAIR)].map((m) => ({ key: m[1]!.trim(), value: m[2]!, length: m[0].length }));
}

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "string") return parsed;
    } catch {
      // Not JSON after all: A1111 keeps such a value as written, and so do we.
    }
  }
  return value;
}

function quote(value: string): string {
  const needsQuotes = /[,:\n\r]/.test(value) || value.startsWith('"') || value !== value.trim();
  return needsQuotes ? JSON.stringify(value) : value;
}

function isNegativeLine(line: string): boolean {
  return line.trimStart().startsWith(NEGATIVE);
}

function isSettingsLine(line: string): boolean {
  const text = line.trim();
  if (text === "" || isNegativeLine(text)) return false;
  const found = pairs(text);
  if (found.length >= 3) return true;
  const wholeLine = found.reduce((n, p) => n + p.length, 0) === text.length;
  return found.length > 0 && wholeLine && found.some((p) => CORE_KEYS.has(p.key));
}

function formatSettings(params: InfotextInput["params"] = {}): string {
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(params)) {
    if (raw === null || raw === undefined || !KEY.test(key) || key === "Negative prompt") continue;
    const value = typeof raw === "number" ? (Number.isFinite(raw) ? String(raw) : "") : raw;
    if (value === "") continue;
    parts.push(`${key}: ${quote(value)}`);
  }
  return parts.join(", ");
}

/** Writes infotext the way A1111's `create_infotext` does, plus the disambiguations above. */
export function formatInfotext(input: InfotextInput): string {
  const prompt = input.prompt.trim();
  const negative = (input.negativePrompt ?? "").trim();
  const settings = formatSettings(input.params);
  const promptLines = prompt === "" ? [] : prompt.split("\n");
  const lastPromptLine = promptLines.at(-1);
  const needsNegativeLine =
    negative !== "" ||
    promptLines.some(isNegativeLine) ||
    (settings === "" && lastPromptLine !== undefined && isSettingsLine(lastPromptLine));

  const lines: string[] = [];
  if (prompt !== "") lines.push(prompt);
  if (needsNegativeLine) lines.push(negative === "" ? NEGATIVE : `${NEGATIVE} ${negative}`);
  if (settings !== "") lines.push(settings);
  return lines.join("\n");
}

/** Reads infotext from any A1111-style writer. Total: any string gives an answer. */
export function parseInfotext(text: string): Infotext {
  const lines = text.trim().split("\n");
  const params: Array<[string, string]> = [];
  const last = lines.at(-1) ?? "";
  if (isSettingsLine(last)) {
    lines.pop();
    for (const pair of pairs(last.trim())) params.push([pair.key, unquote(pair.value)]);
  }
  const negativeAt = lines.findLastIndex(isNegativeLine);
  const prompt = (negativeAt < 0 ? lines : lines.slice(0, negativeAt)).join("\n").trim();
  // Object.fromEntries makes own properties, so even a "__proto__" key is kept as data.
  const result: Infotext = { prompt, params: Object.fromEntries(params) };
  if (negativeAt >= 0) {
    const first = lines[negativeAt]!.trimStart().slice(NEGATIVE.length);
    const negative = [first, ...lines.slice(negativeAt + 1)].join("\n").trim();
    if (negative !== "") result.negativePrompt = negative;
  }
  return result;
}
