import "server-only";

/**
 * The placeholders a ComfyUI workflow template may hold, written as string values such as
 * "{{seed}}". A value that is exactly one placeholder becomes the typed value (a number stays
 * a number, so KSampler gets `"seed": 42`, not `"42"`); a placeholder inside a longer string
 * ("masterpiece, {{prompt}}") is replaced by its text.
 *
 * Required ones are what every txt2img graph needs for the app to mean anything: the prompt,
 * and the seed and size it reports back. The others fall back to the template's own values
 * when absent (a Flux graph, for example, has no negative prompt and no checkpoint loader).
 */
export const PLACEHOLDERS = {
  prompt: { kind: "string", required: true },
  negative: { kind: "string", required: false },
  seed: { kind: "number", required: true },
  width: { kind: "number", required: true },
  height: { kind: "number", required: true },
  batch_size: { kind: "number", required: false },
  steps: { kind: "number", required: false },
  cfg: { kind: "number", required: false },
  sampler: { kind: "string", required: false },
  checkpoint: { kind: "string", required: false },
} as const satisfies Record<string, { kind: "string" | "number"; required: boolean }>;

export type PlaceholderName = keyof typeof PLACEHOLDERS;

type KindType = { string: string; number: number };
type ValueOf<K extends PlaceholderName> = KindType[(typeof PLACEHOLDERS)[K]["kind"]];
type RequiredName = {
  [K in PlaceholderName]: (typeof PLACEHOLDERS)[K]["required"] extends true ? K : never;
}[PlaceholderName];
type OptionalName = Exclude<PlaceholderName, RequiredName>;

/** What fills a template: the required values always, the optional ones when the template uses them. */
export type WorkflowValues = { [K in RequiredName]: ValueOf<K> } & { [K in OptionalName]?: ValueOf<K> };

export const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];
export const REQUIRED_PLACEHOLDERS = PLACEHOLDER_NAMES.filter((n) => PLACEHOLDERS[n].required);

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name);
}

/** "{{ name }}" anywhere in a string; names are lower-case words so ordinary braces pass through. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** A string that is nothing but one placeholder. */
export const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
