/**
 * First-load JS budgets per page, kB of gzip -9 module scripts (issue 12), checked by
 * tests/e2e/offline-budget.spec.ts against the production build. Measured on 2026-12-03 after
 * zod left the browser: / 187.0, /gallery 144.8, /ideas 146.2, /library 148.4, /shares 143.2.
 * Lower them as pages get lighter; the Studio's goal is 150.
 */
export const JS_BUDGETS_KB: Readonly<Record<string, number>> = {
  "/": 192,
  "/gallery": 150,
  "/ideas": 150,
  "/library": 152,
  "/shares": 148,
};
