import "server-only";
import { isAppError } from "@/lib/errors";
import { openShare } from "@/lib/sharing/open-share";

/*
 * Why proxy.ts answers a dead link's page: a page cannot choose its HTTP status in Next 16. The
 * root loading.tsx streams every page, so the 200 is sent before the page runs, and notFound()
 * then only renders the not-found UI; nothing gives 410, and a status on a proxy rewrite is
 * dropped. So for GET /s/<token> the proxy asks here first: an unknown or revoked link gets a
 * small, self-contained page with a real 404, an expired one the same with 410. A live link (and
 * the database not answering) goes on to the page, which renders the story (or its error page).
 * The lookup is openShare's: one query by the token's hash whatever the token, so an unknown
 * link and a revoked one cost the same and answer the same.
 */

const SHARE_PAGE = /^\/s\/([^/]+)\/?$/;

const PAGES = {
  not_found: {
    status: 404,
    title: "This link does not work",
    message: "It was revoked by whoever shared it, or it never existed. Ask them for a new link.",
  },
  gone: { status: 410, title: "This link has expired", message: "Ask whoever sent it to you for a new one." },
} as const;

/** The plain 404 or 410 page for a share link's page that opens nothing, or undefined to let the page answer. */
export async function sharePageAnswer(pathname: string, method: string, nonce: string): Promise<Response | undefined> {
  if (method !== "GET" && method !== "HEAD") return undefined;
  const m = SHARE_PAGE.exec(pathname);
  if (!m?.[1]) return undefined;
  let token: string;
  try {
    token = decodeURIComponent(m[1]);
  } catch {
    token = "";
  }
  try {
    await openShare(token);
    return undefined;
  } catch (e) {
    if (!isAppError(e) || (e.code !== "not_found" && e.code !== "gone")) return undefined;
    const page = PAGES[e.code];
    return plainPage({ ...page, nonce, eyebrow: String(page.status) });
  }
}

/** Mirrors the app's quiet look (system font, its canvas and ink in light and dark) without its stylesheet. */
const CSS = `
:root{color-scheme:light dark;--canvas:#f6f6f7;--ink:#17171c;--muted:#55555f}
@media (prefers-color-scheme:dark){:root{--canvas:#0f1013;--ink:#ececf1;--muted:#a3a3ae}}
*{box-sizing:border-box}
body{margin:0;min-height:100dvh;background:var(--canvas);color:var(--ink);font-family:system-ui,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans",Arial,sans-serif;-webkit-font-smoothing:antialiased}
main{max-width:32rem;margin:0 auto;padding:5.5rem 1rem 4rem;text-align:center}
.eyebrow{font-size:.75rem;font-weight:600;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);margin:0}
h1{font-size:1.5rem;line-height:2rem;font-weight:600;letter-spacing:-.025em;margin:.5rem 0 0}
p.text{color:var(--muted);margin:.5rem 0 0;line-height:1.5}
`;

function plainPage(p: { status: number; nonce: string; eyebrow: string; title: string; message: string }): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${p.title} · Promptsmith</title>
<style nonce="${p.nonce}">${CSS}</style>
</head><body><main>
<p class="eyebrow">${p.eyebrow}</p>
<h1>${p.title}</h1>
<p class="text">${p.message}</p>
</main></body></html>`;
  return new Response(html, {
    status: p.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // Nothing to run, load or frame but this page's one style element.
      "Content-Security-Policy": `default-src 'none'; style-src 'nonce-${p.nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      "X-Robots-Tag": "noindex, nofollow",
      "Referrer-Policy": "no-referrer",
    },
  });
}
