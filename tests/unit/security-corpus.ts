/** Hostile inputs of issue 15, shared by the unit tests of the gate and the route fuzzing. */

/**
 * Issue 15.1: dot segments (plain, percent-encoded, double-encoded), backslashes and control
 * characters that a URL parser or a browser turns into "//host", i.e. another site.
 */
export const OPEN_REDIRECT_CORPUS = [
  "/.//evil.example/x",
  "/..//evil.example/x",
  "/%2e//evil.example/x",
  "/%2E//evil.example/x",
  "/%2e%2e//evil.example/x",
  "/.%2e//evil.example/x",
  "/x/..//evil.example/x",
  "/x/%2e%2e//evil.example/x",
  "/.///evil.example/x",
  "/././/evil.example",
  "/a/b/../..//evil.example",
  "/.//evil.example%252f..",
  "/.//evil.example%2f..",
  "/./\\evil.example",
  "/.\\/evil.example",
  "/./\t/evil.example",
  "/.//\u0000evil.example",
  "/..%2f/evil.example",
  "/%2e%2e%2f/evil.example",
  "/%252e%252e//evil.example",
  "/.//%65vil.example",
  "/.//evil.example:443/x",
  "/.//user:pw@evil.example/",
  "/.//evil.example?next=/",
  "/.//evil.example#/gallery",
];
