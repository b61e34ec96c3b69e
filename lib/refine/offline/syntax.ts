import { insideQuotes, quotedSpans } from "./quotes";

/**
 * Prompt syntax a person may type into the Idea box: A1111 weights "(x:1.2)", "((x))" and
 * "[x]", "<lora:name:0.8>", "BREAK", Midjourney's "::" weights and "--ar 2:3"-style
 * parameters, and booru tag lists ("1girl, red hood, forest"). The offline refiner keeps such
 * an idea verbatim and refines around it; this module finds it and gives the plain words
 * beneath it for the reading.
 */

/** Midjourney parameters at the end of an idea: from the first " --name" on. */
const MJ_TAIL = /(?:^|\s)(--[a-z][a-z0-9-]*(?=\s|$)[\s\S]*)$/;

const SYNTAX_MARKERS: readonly RegExp[] = [
  /\([^()]*:\s*-?\d+(?:\.\d+)?\s*\)/, // (masterpiece:1.2)
  /\(\([^()]+\)\)/, // ((masterpiece))
  /\[[^[\]]+\]/, // [blurry] or [from:to:0.5]
  /<[a-z][\w-]*:[^<>]+>/i, // <lora:name:0.8>, <hypernet:…>
  /(?:^|[\s,])BREAK(?=[\s,]|$)/, // A1111's chunk break, upper case only
  /\S::\s*-?\d*(?:\.\d+)?/, // Midjourney multi-prompt weights "cat::2"
  /(?<![\p{L}\p{N}])\d+(?:girl|boy|other)s?(?![\p{L}\p{N}])/iu, // booru counts: 1girl, 2boys
  /(?<![\p{L}\p{N}])score_\d/iu, // Pony score tags
  /(?<![\p{L}\p{N}_])[\p{L}\p{N}]+_[\p{L}\p{N}_]+/u, // booru underscores: red_hood
];

/** Tags that only ever appear in tag prompts, as a whole comma-separated item. */
const TAG_ONLY_ITEMS =
  /^(masterpiece|best quality|high quality|highres|absurdres|ultra[- ]detailed|highly detailed|8k|4k|uhd|solo|lowres)$/i;

export type IdeaSyntax = {
  /** The idea without its Midjourney parameters, as typed (trimmed). */
  body: string;
  /** "--ar 2:3 --no text", exactly as typed, or undefined. */
  params?: string;
  /** True when the body holds prompt syntax or reads as a tag list: it is kept as typed. */
  verbatim: boolean;
  /** The body's words without the syntax around them, for reading the subject, place and mood. */
  plain: string;
};

function isTagList(body: string): boolean {
  const items = body.split(",").map((s) => s.trim().toLowerCase());
  return items.length >= 2 && items.some((item) => TAG_ONLY_ITEMS.test(item));
}

/** "(masterpiece:1.2), 1girl, <lora:x:0.8> BREAK red_hood" → "masterpiece, 1girl, red hood". */
export function plainWords(body: string): string {
  return body
    .replace(/<[^<>]*>/g, " ")
    .replace(/(?:^|(?<=[\s,]))BREAK(?=[\s,]|$)/g, ",")
    .replace(/::\s*-?\d*(?:\.\d+)?/g, ",")
    .replace(/:\s*-?\d+(?:\.\d+)?\s*(?=[)\]])/g, "")
    .replace(/[()[\]{}]/g, " ")
    .replace(/(?<=[\p{L}\p{N}])_(?=[\p{L}\p{N}])/gu, " ")
    .replace(/\s*,[\s,]*/g, ", ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,]+|[\s,]+$/g, "");
}

/** True when the text holds prompt syntax (a weight, a LoRA, BREAK, a booru count or underscore tag). */
export function hasSyntax(text: string): boolean {
  return SYNTAX_MARKERS.some((re) => re.test(text));
}

export function readSyntax(idea: string): IdeaSyntax {
  const trimmed = idea.trim();
  const found = MJ_TAIL.exec(trimmed);
  // "--" inside quoted lettering is part of the lettering.
  const tail = found && !insideQuotes(quotedSpans(trimmed), found.index + found[0].indexOf("--")) ? found : null;
  const params = tail?.[1]?.trim();
  const body = tail ? trimmed.slice(0, tail.index).trim() : trimmed;
  const verbatim = hasSyntax(body) || isTagList(body);
  return { body, ...(params ? { params } : {}), verbatim, plain: verbatim ? plainWords(body) : body };
}

/** Appends the Midjourney parameters where Midjourney reads them: at the very end. */
export function withParams(prompt: string, params: string | undefined): string {
  return params ? `${prompt} ${params}` : prompt;
}
