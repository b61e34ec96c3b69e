/*
 * Names for downloaded images, after what the person called the idea and the seed (so two
 * downloads of one idea can be told apart and the seed travels with the file), never an id:
 * "Neon sign: \"OPEN 24 HOURS\"" with seed 1234 → neon-sign-open-24-hours-seed-1234.png.
 * Client-safe: the Download link's `download` attribute and the file route's header agree.
 */

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/** The file extension for one of our image types; "bin" for anything else. */
export function extensionFor(mime: string | undefined): string {
  return (mime && EXT[mime]) ?? "bin";
}

const MAX_SLUG = 60;

/** Letters and digits of any script, lower-cased, joined by single hyphens, cut at a hyphen. */
function slug(text: string, ascii: boolean): string {
  let s = text.normalize(ascii ? "NFKD" : "NFKC").toLowerCase();
  // "é" → "e" for the ASCII name; scripts without a Latin form drop out (the UTF-8 name keeps them).
  if (ascii) s = s.replace(/\p{M}+/gu, "").replace(/[^a-z0-9]+/g, "-");
  else s = s.replace(/[^\p{L}\p{N}\p{M}]+/gu, "-");
  s = s.replace(/^-+|-+$/g, "");
  if (s.length <= MAX_SLUG) return s;
  const cut = s.slice(0, MAX_SLUG + 1);
  const at = cut.lastIndexOf("-");
  return (at > 20 ? cut.slice(0, at) : cut.slice(0, MAX_SLUG)).replace(/-+$/, "");
}

export type ImageFileNameInput = {
  title: string | null | undefined;
  seed?: number | null;
  mime?: string;
  thumb?: boolean;
};

/**
 * The file's name twice: `ascii` (for the plain `filename` and for systems that take nothing
 * else) and `unicode` (the title in its own script, for `filename*`); equal for ASCII titles.
 */
export function imageFileName(input: ImageFileNameInput): { ascii: string; unicode: string } {
  const tail = `${input.seed != null ? `-seed-${input.seed}` : ""}${input.thumb ? "-thumb" : ""}.${extensionFor(input.mime)}`;
  const title = input.title ?? "";
  const ascii = slug(title, true) || "image";
  const unicode = slug(title, false) || ascii;
  return { ascii: `${ascii}${tail}`, unicode: `${unicode}${tail}` };
}

/**
 * An export's archive name after the idea's title: "Neon sign" → neon-sign-promptsmith.zip, or
 * neon-sign-comparison-promptsmith.zip for one of its comparisons; `ascii` and `unicode` as above.
 */
export function exportFileName(
  title: string | null | undefined,
  kind: "idea" | "comparison",
): { ascii: string; unicode: string } {
  const tail = `${kind === "comparison" ? "-comparison" : ""}-promptsmith.zip`;
  const ascii = slug(title ?? "", true) || "idea";
  const unicode = slug(title ?? "", false) || ascii;
  return { ascii: `${ascii}${tail}`, unicode: `${unicode}${tail}` };
}
