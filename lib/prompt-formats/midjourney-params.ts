/** A Midjourney parameter as written after the prompt: `--ar 2:3` is { name: "ar", value: "2:3" }. */
export type MjParam = { name: string; value: string };

// Parameters start at the first " --word" (Midjourney reads them only at the end of the prompt);
// "well--known" or "a -- b" in the text are not parameters.
const START = /(?:^|\s)--[a-z]/i;

/**
 * Splits a prompt into its text and the Midjourney parameters at its end, as written:
 * "a fox --ar 2:3 --no snow, ice" → text "a fox", params [ar 2:3, no "snow, ice"].
 */
export function splitMjParams(prompt: string): { text: string; params: MjParam[] } {
  const m = START.exec(prompt);
  if (!m) return { text: prompt.trim(), params: [] };
  const at = m.index + m[0].indexOf("--");
  const params = prompt
    .slice(at)
    .split(/\s+(?=--[a-z])/i)
    .map((chunk) => /^--([a-z][\w-]*)\s*([\s\S]*)$/i.exec(chunk.trim()))
    .filter((p): p is RegExpExecArray => p !== null)
    .map((p) => ({ name: (p[1] as string).toLowerCase(), value: (p[2] as string).trim() }));
  return { text: prompt.slice(0, at).trim(), params };
}

/** Midjourney's names for one parameter: `--aspect` is `--ar`. */
const ALIASES: Record<string, string> = { aspect: "ar", version: "v", quality: "q", stylize: "s" };

export function hasMjParam(params: readonly MjParam[], name: string): boolean {
  const want = ALIASES[name] ?? name;
  return params.some((p) => (ALIASES[p.name] ?? p.name) === want);
}

export function mjParamValue(params: readonly MjParam[], name: string): string | undefined {
  const want = ALIASES[name] ?? name;
  return params.find((p) => (ALIASES[p.name] ?? p.name) === want)?.value;
}

export function formatMjParam(p: MjParam): string {
  return p.value ? `--${p.name} ${p.value}` : `--${p.name}`;
}
