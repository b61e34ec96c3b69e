import { describe, expect, it } from "vitest";
import {
  EditBodySchema,
  GenerateBodySchema,
  IdSchema,
  ImagesQuerySchema,
  LIMITS,
  parseSize,
  RefineBodySchema,
  SizeSchema,
} from "@/lib/schemas";
import { BACKENDS } from "@/lib/catalog";
import { CapabilitiesSchema } from "@/lib/schemas/catalog";

describe("request schemas", () => {
  it("takes a new idea or a follow-up, and nothing in between", () => {
    expect(RefineBodySchema.parse({ idea: "  a fox  " })).toEqual({ idea: "a fox" });
    expect(
      RefineBodySchema.parse({ parentId: "abc_123", instruction: "make it night", style: "watercolor" }),
    ).toMatchObject({
      parentId: "abc_123",
      style: "watercolor",
    });
    expect(RefineBodySchema.safeParse({ idea: "x", parentId: "abc" }).success).toBe(false);
    expect(RefineBodySchema.safeParse({ parentId: "abc" }).success).toBe(false);
    expect(RefineBodySchema.safeParse({}).success).toBe(false);
  });

  it("enforces the idea and instruction limits", () => {
    expect(RefineBodySchema.safeParse({ idea: "x".repeat(LIMITS.ideaChars) }).success).toBe(true);
    expect(RefineBodySchema.safeParse({ idea: "x".repeat(LIMITS.ideaChars + 1) }).success).toBe(false);
    expect(
      RefineBodySchema.safeParse({ parentId: "a", instruction: "y".repeat(LIMITS.instructionChars + 1) }).success,
    ).toBe(false);
    expect(RefineBodySchema.safeParse({ idea: "   " }).success).toBe(false);
  });

  it("rejects unknown fields and unknown styles", () => {
    expect(RefineBodySchema.safeParse({ idea: "x", admin: true }).success).toBe(false);
    expect(RefineBodySchema.safeParse({ idea: "x", style: "synthwave-deluxe" }).success).toBe(false);
    expect(EditBodySchema.safeParse({ parentId: "a", prompt: "p", extra: 1 }).success).toBe(false);
    expect(
      GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { size: "512x512", foo: 1 } }).success,
    ).toBe(false);
  });

  it("defaults generate params and bounds them", () => {
    expect(GenerateBodySchema.parse({ promptId: "a", backend: "offline" }).params).toEqual({});
    expect(GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { n: 0 } }).success).toBe(false);
    expect(GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { n: 1.5 } }).success).toBe(false);
    // -1 is "random" (A1111's and ComfyUI's convention, issue 13); any other negative seed is refused.
    expect(GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { seed: -1 } }).success).toBe(
      true,
    );
    expect(GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { seed: -2 } }).success).toBe(
      false,
    );
    expect(GenerateBodySchema.safeParse({ promptId: "a", backend: "offline", params: { size: "big" } }).success).toBe(
      false,
    );
  });

  it("ids cannot carry paths or injection", () => {
    for (const bad of ["../etc", "a/b", "a b", "", "x".repeat(65), "'; drop table ideas; --", "%2e%2e"]) {
      expect(IdSchema.safeParse(bad).success, bad).toBe(false);
    }
    expect(IdSchema.safeParse("0mwx8tv3mL_XLSNqf9BwA").success).toBe(true);
  });

  it("parses list queries from strings", () => {
    expect(ImagesQuerySchema.parse({ limit: "10", favorite: "true" })).toMatchObject({ limit: 10, favorite: true });
    expect(ImagesQuerySchema.parse({})).toMatchObject({ limit: LIMITS.pageSize });
    expect(ImagesQuerySchema.safeParse({ limit: "1000" }).success).toBe(false);
    expect(ImagesQuerySchema.safeParse({ favorite: "maybe" }).success).toBe(false);
  });

  it("sizes", () => {
    expect(SizeSchema.safeParse("1024x1536").success).toBe(true);
    expect(SizeSchema.safeParse("1024×1536").success).toBe(false);
    expect(parseSize("1536x1024")).toEqual({ width: 1536, height: 1024 });
  });
});

describe("catalog facts", () => {
  it("every backend's capabilities are well formed and its default size is offered", () => {
    for (const facts of Object.values(BACKENDS)) {
      const caps = CapabilitiesSchema.parse(facts.capabilities);
      expect(caps.sizes).toContain(caps.defaultSize);
      for (const s of caps.sizes) expect(SizeSchema.safeParse(s).success).toBe(true);
    }
    expect(BACKENDS.offline.label).toBe("Offline sketch (no model)");
  });
});
