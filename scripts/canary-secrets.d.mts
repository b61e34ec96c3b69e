/** Types for canary-secrets.mjs, which tests/e2e/offline-bundle.spec.ts imports. */
export declare const CANARY_SECRETS: Record<string, string>;
export declare function canaryNeedles(): string[];
export declare const CANARY_MARKER: string;
