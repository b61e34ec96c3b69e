/*
 * The exported page's only style sheet, inline: the app's palette (app/globals.css) in light and
 * dark, following the system, and nothing fetched. Images take the column's width at their own
 * aspect ratio (width and height are on each <img>, so nothing jumps while they load).
 */
export const STORY_CSS = `
:root {
  color-scheme: light dark;
  --canvas: #f6f6f7; --surface: #ffffff; --line: #e0e0e6; --ink: #17171c; --muted: #55555f;
  --accent: #4338ca; --accent-soft: #ecedff; --accent-soft-ink: #312e81;
  --success: #067647; --success-soft: #e3f4ea; --danger: #b42318; --danger-soft: #fdf0ef;
}
@media (prefers-color-scheme: dark) {
  :root {
    --canvas: #0f1013; --surface: #17181c; --line: #2c2e35; --ink: #ececf1; --muted: #a3a3ae;
    --accent: #a5b4fc; --accent-soft: #23264a; --accent-soft-ink: #d7ddff;
    --success: #6ee7a8; --success-soft: #12291e; --danger: #ff9c92; --danger-soft: #2c1716;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--canvas); color: var(--ink); line-height: 1.55;
  font: 16px/1.55 system-ui, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", Arial, sans-serif;
}
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.25rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 0; }
.eyebrow { margin: 0; color: var(--muted); font-size: 0.8125rem; letter-spacing: 0.06em; text-transform: uppercase; }
.idea { margin: 0 0 0.75rem; padding: 0.25rem 0 0.25rem 0.875rem; border-left: 3px solid var(--accent); white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.125rem; }
.meta, .how, .caption, .legend { color: var(--muted); font-size: 0.875rem; }
.steps { list-style: none; margin: 2rem 0 0; padding: 0; display: grid; gap: 1.5rem; }
.cells { grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); }
.step { background: var(--surface); border: 1px solid var(--line); border-radius: 0.75rem; padding: 1rem; }
.step-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.badge { display: inline-block; border-radius: 999px; padding: 0.0625rem 0.625rem; font-size: 0.8125rem; font-weight: 600; background: var(--success-soft); color: var(--success); }
.how { margin: 0.25rem 0 0.75rem; }
.label { margin: 0.75rem 0 0.25rem; font-size: 0.8125rem; font-weight: 600; color: var(--muted); }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.prompt { font-size: 1.0625rem; }
ins { text-decoration: underline 2px var(--success); text-underline-offset: 2px; background: var(--success-soft); border-radius: 2px; }
del { color: var(--danger); background: var(--danger-soft); text-decoration: line-through; border-radius: 2px; margin-inline-end: 0.25rem; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.notes { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.images { display: grid; gap: 1rem; margin-top: 1rem; }
figure { margin: 0; }
img { display: block; max-width: 100%; height: auto; border-radius: 0.5rem; background: var(--line); }
.caption { margin-top: 0.375rem; }
.none { color: var(--muted); font-style: italic; margin: 1rem 0 0; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: 0.8125rem; }
`;
