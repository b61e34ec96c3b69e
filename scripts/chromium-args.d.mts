/** Types for chromium-args.mjs, which playwright.config.ts imports. */
export declare const CHROMIUM_ARGS: string[];
