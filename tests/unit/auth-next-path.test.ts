import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/auth/next-path";

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

  it("refuses what is not a string, and uses the fallback given", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/gallery"])).toBe("/");
    expect(safeNextPath("//evil", "")).toBe("");
  });
});
