import { describe, expect, it } from "vitest";
import { initialSettings } from "@/components/studio/generations/compose-settings";
import type { GenerationWithImages, IdeaDetail, Image, PromptVersion } from "@/lib/schemas/entities";
import { offlineCatalog as catalog } from "./harness/fixtures";

const version = { id: "v1", ideaId: "i1", style: null, createdAt: "2025-01-01T00:00:00Z" } as PromptVersion;
const image = (id: string, seed: number | null, generationId: string): Image =>
  ({ id, seed, generationId, promptId: "v1", ideaId: "i1" }) as Image;
const generation = (id: string, createdAt: string, size: string, n: number, images: Image[]): GenerationWithImages =>
  ({
    id,
    promptId: "v1",
    backend: "offline",
    params: { size, n },
    createdAt,
    images,
  }) as unknown as GenerationWithImages;

// The older generation made the image being reused; a newer one has other settings.
const detail = {
  idea: { id: "i1", text: "a fox", title: "Fox", createdAt: version.createdAt },
  versions: [version],
  generations: [
    generation("g2", "2025-01-01T00:02:00Z", "512x512", 2, [image("img-new", 9, "g2")]),
    generation("g1", "2025-01-01T00:01:00Z", "1024x1536", 4, [image("img-a", 1234, "g1"), image("img-b", 1235, "g1")]),
  ],
  library: [],
  comparisons: [],
} as unknown as IdeaDetail;

describe("initialSettings when reusing an image", () => {
  it("without an image: the idea's latest settings and a random seed (as before)", () => {
    const s = initialSettings(catalog, detail, "v1");
    expect(s).toMatchObject({ size: "512x512", n: 2, randomSeed: true, seed: "" });
  });

  it("same seed: that image's generation settings, its seed, and one image", () => {
    const s = initialSettings(catalog, detail, "v1", { imageId: "img-b", seed: "same" });
    expect(s).toMatchObject({ backend: "offline", size: "1024x1536", n: 1, randomSeed: false, seed: "1235" });
  });

  it("new seed: that image's generation settings with a random seed", () => {
    const s = initialSettings(catalog, detail, "v1", { imageId: "img-b", seed: "new" });
    expect(s).toMatchObject({ size: "1024x1536", n: 4, randomSeed: true, seed: "" });
  });

  it("an image with no seed recorded, or not of this idea, falls back without inventing one", () => {
    const noSeed = {
      ...detail,
      generations: [generation("g3", "2025-01-01T00:03:00Z", "768x768", 1, [image("img-x", null, "g3")])],
    } as IdeaDetail;
    expect(initialSettings(catalog, noSeed, "v1", { imageId: "img-x", seed: "same" })).toMatchObject({
      size: "768x768",
      randomSeed: true,
      seed: "",
    });
    expect(initialSettings(catalog, detail, "v1", { imageId: "elsewhere", seed: "same" })).toMatchObject({
      size: "512x512",
      randomSeed: true,
    });
  });
});
