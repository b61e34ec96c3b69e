import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/next-path";
import { OPEN_REDIRECT_CORPUS } from "./security-corpus";

/** The places a browser may resolve the answer against: what matters is that it stays there. */
const SITES = ["http://127.0.0.1:3000", "https://promptsmith.example", "http://[::1]:8080/deep/path/"];

describe("safeNextPath (no open redirect after sign-in)", () => {
  it.each([
    ["/", "/"],
    ["/gallery", "/gallery"],
    ["/ideas/abc?version=x#top", "/ideas/abc?version=x#top"],
    ["/images/a%2Fb", "/images/a%2Fb"],
  ])("keeps the same-site path %s", (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "http:/evil.example",
    "//evil.example",
    "//evil.example/gallery",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%0a/x\r",
    "javascript:alert(1)",
    "data:text/html,hi",
    "gallery",
    " /gallery",
    "",
    "/login",
    "/login?next=/gallery",
    "/api/ideas",
    "/api",
    `/${"a".repeat(3000)}`,
  ])("refuses %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/");
  });

  it.each(OPEN_REDIRECT_CORPUS)("never sends %j to another origin", (raw) => {
    const next = safeNextPath(raw);
    expect(next.startsWith("/") && !next.startsWith("//")).toBe(true);
    for (const site of SITES) expect(new URL(next, site).origin).toBe(new URL(site).origin);
  });

  it("keeps ordinary dot segments that stay on this site, normalised", () => {
    expect(safeNextPath("/gallery/./x")).toBe("/gallery/x");
    expect(safeNextPath("/a/../gallery")).toBe("/gallery");
    expect(safeNextPath("/ideas/%2e%2e/gallery")).toBe("/gallery");
  });

  it("answers a single-slash path on this origin for any text (property)", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      ".",
      "..",
      "%2e",
      "%2E",
      "%252e",
      "%2f",
      "%5c",
      "\\",
      "\t",
      "evil.example",
      "x",
      "@",
      ":",
      "?",
      "#",
      "%",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 }), (parts) => {
        const next = safeNextPath(`/${parts.join("")}`);
        expect(next.startsWith("/") && !next.startsWith("//") && !next.includes("\\")).toBe(true);
        for (const site of SITES) expect(new URL(next, site).origin).toBe(new URL(site).origin);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses what is not a string, and uses the fallback given", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/gallery"])).toBe("/");
    expect(safeNextPath("//evil", "")).toBe("");
  });
});
