/**
 * Reading JSON while it is still arriving: the chat model streams its answer as JSON text, and
 * the prompt inside it should reach the screen as it is written, not when the object closes.
 */

export type PartialString = {
  /** The decoded text so far. It only ever grows as more input arrives. */
  value: string;
  /** True once the closing quote has arrived. */
  complete: boolean;
};

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Decodes a JSON string starting just after its opening quote. Stops before an escape that
 * has not fully arrived, so a later call with more input extends the value rather than
 * changing it. `end` is the index after the closing quote, or undefined if it has not come.
 */
export function readJsonString(text: string, start: number): { value: string; end: number | undefined } {
  let value = "";
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') return { value, end: i + 1 };
    if (c !== "\\") {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) break;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      value += simple;
      i += 2;
      continue;
    }
    if (e !== "u") break; // invalid escape: the final JSON.parse will say so
    const hex = text.slice(i + 2, i + 6);
    if (hex.length < 4 || !/^[0-9a-fA-F]{4}$/.test(hex)) break;
    value += String.fromCharCode(Number.parseInt(hex, 16));
    i += 6;
  }
  return { value, end: undefined };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The value of a string property of the top-level object in possibly incomplete JSON text,
 * as far as it has arrived; undefined until its opening quote has. Nested objects with the
 * same key are ignored. Text before the first `{` (a code fence, say) is skipped.
 */
export function extractJsonStringField(text: string, field: string): PartialString | undefined {
  let depth = 0;
  let expectKey = false;
  let key: string | undefined;
  let afterColon = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const s = readJsonString(text, i + 1);
      if (depth === 1 && expectKey) {
        if (s.end === undefined) return undefined;
        key = s.value;
        expectKey = false;
        i = s.end;
        continue;
      }
      if (depth === 1 && afterColon && key === field) {
        if (s.end !== undefined) return { value: s.value, complete: true };
        // Hold back half of a surrogate pair: its other half is still on the way.
        const last = s.value.charCodeAt(s.value.length - 1);
        return { value: isHighSurrogate(last) ? s.value.slice(0, -1) : s.value, complete: false };
      }
      if (s.end === undefined) return undefined;
      i = s.end;
      afterColon = false;
      continue;
    }
    if (c === "{" || c === "[") {
      depth++;
      expectKey = depth === 1 && c === "{";
      afterColon = false;
    } else if (c === "}" || c === "]") {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && c === "}") return undefined; // the object closed without the field
    } else if (depth === 1 && c === ",") {
      expectKey = true;
      key = undefined;
    } else if (depth === 1 && c === ":") {
      afterColon = true;
    } else if (depth === 1 && afterColon && !/\s/.test(c)) {
      afterColon = false; // a number, true, false or null: not the string we want
    }
    i++;
  }
  return undefined;
}

/**
 * The JSON object in a model's answer: the text itself, or failing that what lies between
 * the first `{` and the last `}` (models sometimes wrap JSON in a code fence or a sentence).
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const attempt = (s: string): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const direct = attempt(text.trim());
  if (direct) return direct;
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  return first >= 0 && last > first ? attempt(text.slice(first, last + 1)) : undefined;
}
