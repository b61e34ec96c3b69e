import { randomBytes } from "node:crypto";

/** 128 random bits per page response; Next reads it back from the request's CSP header. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export type CspOptions = { nonce: string; dev: boolean; https: boolean };

/**
 * The policy for pages. Scripts run only with this response's nonce ('strict-dynamic' lets Next's
 * nonced loader pull in its chunks). `<style>` elements need the nonce too in production; style
 * *attributes* stay allowed because React renders a few on the server (progress bars, aspect
 * ratios, gallery rows) and nonces cannot cover attributes. Development needs 'unsafe-eval'
 * (React rebuilds server stacks with eval) and inline styles (the dev overlay injects them).
 */
export function pageCsp({ nonce, dev, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    ...(dev ? [] : ["style-src-attr 'unsafe-inline'"]),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on plain http (localhost, a LAN) it would turn every asset URL into a dead https one.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
