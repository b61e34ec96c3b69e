/**
 * First-load JS budgets per page, kB of gzip -9 module scripts (issue 12), checked by
 * tests/e2e/offline-budget.spec.ts against the production build. Measured on 2026-12-03 after
 * zod left the browser and the fix loop, the parent diff and the compare bar load on demand:
 * / 184.0, /gallery 144.7, /ideas 146.2, /library 148.4, /shares 143.2.
 * Lower them as pages get lighter; the Studio's goal is 150.
 */
export const JS_BUDGETS_KB: Readonly<Record<string, number>> = {
  "/": 189,
  "/gallery": 150,
  "/ideas": 150,
  "/library": 152,
  "/shares": 148,
};
