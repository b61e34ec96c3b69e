/**
 * First-load JS budgets per page, kB of gzip -9 module scripts (issue 12), checked by
 * tests/e2e/offline-budget.spec.ts against the production build. Measured on 2026-12-03 after
 * zod left the browser and the fix loop, the parent diff and the compare bar load on demand:
 * / 184.0, /gallery 144.7, /ideas 146.2, /library 148.4, /shares 143.2; then (2026-12-04) the
 * Studio's version parts, History tree, result and candidate cards, Copy for…'s formatters and
 * refine stream reader load on demand and style names leave the presets' text:
 * / 167.3, /gallery 145.3, /ideas 146.3, /library 146.5, /shares 143.3.
 * Lower them as pages get lighter; the Studio's goal is 150.
 */
export const JS_BUDGETS_KB: Readonly<Record<string, number>> = {
  "/": 170,
  "/gallery": 150,
  "/ideas": 150,
  "/library": 150,
  "/shares": 148,
};
