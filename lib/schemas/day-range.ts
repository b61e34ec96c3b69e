/*
 * A date range as an address or a form writes it: a day (YYYY-MM-DD, UTC) or an ISO 8601 time at
 * each end. Zod-free, so the gallery's filter reading (lib/client/gallery-filter.ts) can use it
 * in the browser as the API's schemas do on the server.
 */

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export const DAY_OR_TIME_MESSAGE = "a date (YYYY-MM-DD) or an ISO 8601 time";

export function isDayOrTime(value: string): boolean {
  return value.length <= 40 && DAY_OR_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * The ISO times a range covers: `from` inclusive; `to` exclusive, except that a day as `to`
 * counts in whole (to=2026-12-03 keeps that day).
 */
export function rangeToTimes(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  return {
    ...(from === undefined ? {} : { from: new Date(from).toISOString() }),
    ...(to === undefined ? {} : { to: new Date(Date.parse(to) + (DAY.test(to) ? DAY_MS : 0)).toISOString() }),
  };
}

/** "1024x1024" as the gallery's size filter; undefined for anything else. */
export function sizeFrom(value: string): { width: number; height: number } | undefined {
  const m = /^([1-9]\d{0,4})x([1-9]\d{0,4})$/.exec(value);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

export const SIZE_MESSAGE = "a size as WIDTHxHEIGHT in pixels, like 1024x1024";
