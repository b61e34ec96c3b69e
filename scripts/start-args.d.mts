/** Types for start-args.mjs, which tests import. */
export type ListenOptions = { host: string; port: number; args: string[] };
export declare const DEFAULT_HOST: string;
export declare const DEFAULT_PORT: number;
export declare function listenOptions(env: Record<string, string | undefined>): ListenOptions;
export declare function servingLine(options: { host: string; port: number }): string;
