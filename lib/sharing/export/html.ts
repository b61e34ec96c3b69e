/*
 * HTML from template strings, escaped by default: every value put into `html` is text unless it
 * is itself the result of `html`. The exported page is built here rather than with React's
 * renderToStaticMarkup because route handlers run under the `react-server` condition, where
 * react-dom/server refuses to load; escaping by default keeps the same guarantee React gives.
 */

const RAW = Symbol("html");

/** Markup that is already safe: only `html` makes one. */
export type Html = { readonly [RAW]: string };

/** A value a template takes: text (escaped), a number, markup, a list of those, or nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an element's content or a quoted attribute's value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object") return (value as Html)[RAW];
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? "");
  });
  return { [RAW]: out };
}

/** A fixed piece of markup written in our own code (never anything a person typed), e.g. the style sheet. */
export function trusted(markup: string): Html {
  return { [RAW]: markup };
}

export function toHtmlString(value: Html): string {
  return value[RAW];
}
