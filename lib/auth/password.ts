import { safeEqual } from "./constant-time";

/** The one check of a typed password against APP_PASSWORD, in constant time. */
export function passwordMatches(given: string, appPassword: string): boolean {
  return safeEqual(given, appPassword);
}
