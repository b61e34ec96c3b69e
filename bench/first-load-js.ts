import { gzipSync } from "node:zlib";

/**
 * A page's first-load JavaScript as issue 12 measures it: every `<script src>` of the page's
 * HTML, fetched, each compressed with gzip -9, summed. Two sums: `totalBytes`, what a browser
 * that runs modules downloads (a `noModule` script, Next's legacy polyfills, is skipped by every
 * such browser), and `withNoModuleBytes`, every `<script src>` as the first table counted
 * them. Inline scripts (the RSC payload) are the page's data, not code, and are left out of both.
 */
export type FirstLoadJs = {
  path: string;
  totalBytes: number;
  withNoModuleBytes: number;
  scripts: { src: string; gzipBytes: number; noModule: boolean }[];
};

const SCRIPT_TAG = /<script\b[^>]*>/g;
const SRC = /\bsrc="([^"]+)"/;

export async function firstLoadJs(base: string, path: string, init: RequestInit = {}): Promise<FirstLoadJs> {
  const res = await fetch(new URL(path, base), init);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  const html = await res.text();
  const tags = new Map<string, boolean>();
  for (const [tag] of html.matchAll(SCRIPT_TAG)) {
    const src = SRC.exec(tag)?.[1]?.replaceAll("&amp;", "&");
    if (src && !tags.has(src)) tags.set(src, /\bnomodule\b/i.test(tag));
  }
  const scripts = await Promise.all(
    [...tags].map(async ([src, noModule]) => {
      const body = await fetch(new URL(src, base), init);
      if (!body.ok) throw new Error(`${src}: ${body.status}`);
      const bytes = new Uint8Array(await body.arrayBuffer());
      return { src, noModule, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    }),
  );
  const sum = (list: typeof scripts) => list.reduce((n, s) => n + s.gzipBytes, 0);
  return { path, totalBytes: sum(scripts.filter((s) => !s.noModule)), withNoModuleBytes: sum(scripts), scripts };
}
