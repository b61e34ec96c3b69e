/** Types for server-memory.mjs, which tests import. */
export declare const SERVER_NODE_FLAGS: string[];
export declare const SERVER_MALLOC_ARENA_MAX: string;
export declare function serverNodeArgs(env: Record<string, string | undefined>): string[];
export declare function builtNextConfig(root: string, distDir: string): string | undefined;
export declare function serverEnv(
  env: Record<string, string | undefined>,
  nextConfig: string | undefined,
): Record<string, string | undefined>;
