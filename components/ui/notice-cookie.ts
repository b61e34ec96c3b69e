/**
 * The embedded-defaults notice, once dismissed, stays dismissed: a cookie (not localStorage) so
 * the server leaves it out of the page and it never flashes in before scripts run. Client-safe.
 */
export const NOTICE_DISMISSED_COOKIE = "promptsmith_notice_dismissed";

/** A year; Lax (sent on ordinary navigation), Secure where the page is served over https. */
export function dismissNoticeCookie(https: boolean): string {
  return `${NOTICE_DISMISSED_COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax${https ? "; Secure" : ""}`;
}
