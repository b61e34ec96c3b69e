/** Tags as Stable Diffusion front ends read them: "tag", or "(tag:1.2)" for weight. */
export type Tag = { text: string; weight?: number };

export function formatTag(tag: Tag): string {
  const text = tag.text.trim();
  if (tag.weight === undefined || Math.abs(tag.weight - 1) < 0.001) return text;
  return `(${text}:${Number(tag.weight.toFixed(2))})`;
}

/** Joins tags, dropping empties and repeats (case-insensitive, weights aside). */
export function joinTags(tags: readonly Tag[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.text.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(formatTag(tag));
  }
  return out.join(", ");
}

/** Nesting depth after `ch`: brackets open and close, and quoted lettering counts as one level. */
function nextDepth(depth: number, inQuote: boolean, ch: string): { depth: number; inQuote: boolean } {
  if (ch === '"' || ch === "“" || ch === "”") {
    const opening = ch === "“" || (ch === '"' && !inQuote);
    return opening ? { depth: depth + 1, inQuote: true } : { depth: Math.max(0, depth - 1), inQuote: false };
  }
  if (inQuote) return { depth, inQuote };
  if (ch === "(" || ch === "[") return { depth: depth + 1, inQuote };
  if (ch === ")" || ch === "]") return { depth: Math.max(0, depth - 1), inQuote };
  return { depth, inQuote };
}

/** Splits a tag prompt at top-level commas and reads "(x:1.2)", "(x)" and "[x]" weights. */
export function parseTags(prompt: string): Tag[] {
  const raw: string[] = [];
  let state = { depth: 0, inQuote: false };
  let current = "";
  for (const ch of prompt) {
    state = nextDepth(state.depth, state.inQuote, ch);
    const depth = state.depth;
    if ((ch === "," || ch === "\n") && depth === 0) {
      raw.push(current);
      current = "";
    } else current += ch;
  }
  raw.push(current);
  return raw
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const weighted = /^\((.+):\s*(-?\d+(?:\.\d+)?)\)$/.exec(s);
      if (weighted) return { text: (weighted[1] as string).trim(), weight: Number(weighted[2]) };
      const emphasis = /^\((.+)\)$/.exec(s);
      if (emphasis) return { text: (emphasis[1] as string).trim(), weight: 1.1 };
      const softer = /^\[(.+)\]$/.exec(s);
      if (softer) return { text: (softer[1] as string).trim(), weight: 0.9 };
      return { text: s };
    });
}

/** Each top-level tag of a prompt as [start, end) offsets, trimmed, in the order parseTags gives them. */
export function tagSpans(prompt: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let state = { depth: 0, inQuote: false };
  let from = 0;
  const close = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(prompt[a] as string)) a++;
    while (b > a && /\s/.test(prompt[b - 1] as string)) b--;
    if (b > a) spans.push({ start: a, end: b });
  };
  for (let i = 0; i < prompt.length; i++) {
    const ch = prompt[i] as string;
    state = nextDepth(state.depth, state.inQuote, ch);
    if ((ch === "," || ch === "\n") && state.depth === 0) {
      close(i);
      from = i + 1;
    }
  }
  close(prompt.length);
  return spans;
}

/**
 * The first contiguous run of the prompt's tags that are among `wanted` (compared without
 * case), as the prompt spells it: "(warm light:1.1), soft shadows".
 */
export function tagRun(prompt: string, wanted: readonly string[]): string | undefined {
  const set = new Set(wanted.map((t) => t.trim().toLowerCase()).filter(Boolean));
  if (set.size === 0) return undefined;
  const spans = tagSpans(prompt);
  const inSet = (s: { start: number; end: number }) => set.has(prompt.slice(s.start, s.end).toLowerCase());
  const first = spans.findIndex(inSet);
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < spans.length && inSet(spans[last + 1] as { start: number; end: number })) last++;
  return prompt.slice((spans[first] as { start: number }).start, (spans[last] as { end: number }).end);
}
