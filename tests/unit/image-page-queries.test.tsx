// @vitest-environment jsdom
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Generation, PromptVersion } from "@/lib/schemas/entities";
import type { Store } from "@/lib/store/types";
import { at, generation, image, version } from "./harness/store";

// The page reads the store through lib/config: a fresh embedded data directory, no Postgres.
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-image-page-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push() {}, refresh() {}, replace() {} }),
  usePathname: () => "/images",
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

let store: Store;
let queries: typeof import("@/lib/studio/queries");
let ImagePage: typeof import("@/app/images/[id]/page")["default"];
let GalleryPage: typeof import("@/app/gallery/page")["default"];

const manual = { refiner: "manual", model: "manual" } as const;

/*
 * Idea "fox": refined v1 ← hand edit v2 ← hand edit v3; idea "boat": typed as written (verbatim);
 * idea "hen": hand-written root, refined child, hand edit of that.
 */
const versions: Record<string, PromptVersion> = {
  v1: version("v1", "fox", { refiner: "openai", model: "gpt-4o-mini", prompt: "a red fox in snow" }),
  v2: version("v2", "fox", { parentId: "v1", source: "edit", ...manual, prompt: "a red fox in deep snow" }),
  v3: version("v3", "fox", { parentId: "v2", source: "edit", ...manual, prompt: "a red fox, deep snow" }),
  b1: version("b1", "boat", { source: "verbatim", ...manual, prompt: "a small boat" }),
  h1: version("h1", "hen", { source: "edit", ...manual, prompt: "a hen" }),
  h2: version("h2", "hen", { parentId: "h1", refiner: "offline", model: "offline-refiner-v2", prompt: "a hen, dawn" }),
  h3: version("h3", "hen", { parentId: "h2", source: "edit", ...manual, prompt: "a hen at dawn" }),
};

async function generated(id: string, promptId: string, ideaId: string, backend: string): Promise<Generation> {
  const g = generation(id, promptId, ideaId, { backend });
  await store.createGeneration(g);
  return g;
}

beforeAll(async () => {
  (await import("@/lib/config")).resetConfigForTests();
  const { getStore, resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
  store = getStore();
  queries = await import("@/lib/studio/queries");
  ImagePage = (await import("@/app/images/[id]/page")).default;
  GalleryPage = (await import("@/app/gallery/page")).default;

  for (const [ideaId, text] of [
    ["fox", "a fox in the snow"],
    ["boat", "a boat on a lake"],
    ["hen", "a hen at dawn"],
  ] as const) {
    const [first, ...rest] = Object.values(versions).filter((v) => v.ideaId === ideaId);
    if (!first) throw new Error(ideaId);
    await store.createIdeaWithVersion({ id: ideaId, text, title: ideaId, createdAt: at(0) }, first);
    for (const v of rest) await store.createVersion(v);
  }
  // Newest first: f5 b4 h3 f2 f1; f2 and b4 starred; b4 and h3 on another backend.
  const fox = await generated("g-fox", "v3", "fox", "offline");
  const boat = await generated("g-boat", "b1", "boat", "automatic1111");
  const hen = await generated("g-hen", "h3", "hen", "automatic1111");
  await store.completeGeneration(
    fox.id,
    [image("f1", fox, at(10)), image("f2", fox, at(20)), image("f5", fox, at(50))],
    {
      status: "succeeded",
    },
  );
  await store.completeGeneration(boat.id, [image("b4", boat, at(40))], { status: "succeeded" });
  await store.completeGeneration(hen.id, [image("h3", hen, at(30))], { status: "succeeded" });
  await store.setFavorite("f2", true);
  await store.setFavorite("b4", true);
});

afterAll(async () => {
  await (await import("@/lib/store")).resetStoreForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

async function renderImagePage(id: string, searchParams: Record<string, string> = {}): Promise<Document> {
  const element = await ImagePage({ params: Promise.resolve({ id }), searchParams: Promise.resolve(searchParams) });
  return new DOMParser().parseFromString(renderToStaticMarkup(element), "text/html");
}

/** A link's href by its text (the arrows are part of the Previous and Next links' text). */
function href(doc: Document, text: string): string | null | undefined {
  const a = [...doc.querySelectorAll("a")].find((el) => el.textContent?.replace(/\s+/g, " ").includes(text));
  return a?.getAttribute("href");
}

describe("getPromptRefinement: where a version's prompt comes from", () => {
  const of = (id: string) => {
    const v = versions[id];
    if (!v) throw new Error(id);
    return queries.getPromptRefinement(v);
  };

  it("a refined version is its own refinement", async () => {
    expect(await of("v1")).toEqual({ refiner: "openai", model: "gpt-4o-mini" });
    expect(await of("h2")).toEqual({ refiner: "offline", model: "offline-refiner-v2" });
  });

  it("a hand edit finds its nearest refined ancestor, past other hand edits", async () => {
    expect(await of("v2")).toEqual({ refiner: "openai", model: "gpt-4o-mini" });
    expect(await of("v3")).toEqual({ refiner: "openai", model: "gpt-4o-mini" });
    expect(await of("h3")).toEqual({ refiner: "offline", model: "offline-refiner-v2" });
  });

  it("a prompt written by hand all the way up has none", async () => {
    expect(await of("b1")).toBeNull();
    expect(await of("h1")).toBeNull();
  });
});

describe("the image page", () => {
  it("unfiltered: Previous and Next walk the whole gallery, and the way back is the bare gallery", async () => {
    const doc = await renderImagePage("h3");
    expect(href(doc, "Previous image")).toBe("/images/b4");
    expect(href(doc, "Next image")).toBe("/images/f2");
    expect(href(doc, "Back to gallery")).toBe("/gallery");
  });

  it("opened from a filtered gallery: the filtered list's neighbours, with the filter kept on every way out", async () => {
    let doc = await renderImagePage("f2", { favorite: "1" });
    expect(href(doc, "Previous image")).toBe("/images/b4?favorite=1");
    // f2 is the oldest starred image: nothing after it, however many unstarred ones there are.
    expect(href(doc, "Next image")).toBeUndefined();
    expect(doc.body.textContent).toContain("(this is the oldest)");
    expect(href(doc, "Back to gallery")).toBe("/gallery?favorite=1");

    doc = await renderImagePage("h3", { backend: "automatic1111" });
    expect(href(doc, "Previous image")).toBe("/images/b4?backend=automatic1111");
    expect(href(doc, "Next image")).toBeUndefined();

    doc = await renderImagePage("f5", { ideaId: "fox", q: "snow" });
    expect(href(doc, "Previous image")).toBeUndefined();
    expect(href(doc, "Next image")).toBe("/images/f2?q=snow&ideaId=fox");
    expect(href(doc, "Back to gallery")).toBe("/gallery?q=snow&ideaId=fox");
  });

  it("agrees with the gallery's own list for every filter", async () => {
    for (const filter of [{}, { favorite: true }, { backend: "automatic1111" }, { ideaId: "fox" }, { q: "hen" }]) {
      const ids = (await queries.listImages(filter)).items.map((i) => i.id);
      for (const [i, id] of ids.entries()) {
        expect(await queries.getImageNeighbours(id, filter)).toEqual({
          previous: ids[i - 1] ?? null,
          next: ids[i + 1] ?? null,
        });
      }
    }
  });

  it("says who wrote the prompt in plain words", async () => {
    const row = (doc: Document) =>
      [...doc.querySelectorAll("dt")].find((t) => t.textContent === "Prompt")?.nextElementSibling?.textContent;
    expect(row(await renderImagePage("f1"))).toBe("Refined by OpenAI chat model (gpt-4o-mini), then edited by hand");
    expect(row(await renderImagePage("b4"))).toBe("Written by hand");
  });
});

describe("the gallery page", () => {
  it("links each image with the filter it shows, and bare when unfiltered", async () => {
    const links = async (searchParams: Record<string, string>) => {
      const element = await GalleryPage({ searchParams: Promise.resolve(searchParams) });
      const doc = new DOMParser().parseFromString(renderToStaticMarkup(element), "text/html");
      return [...doc.querySelectorAll("a[href^='/images/']")].map((a) => a.getAttribute("href"));
    };
    expect(await links({})).toEqual(["/images/f5", "/images/b4", "/images/h3", "/images/f2", "/images/f1"]);
    expect(await links({ favorite: "1" })).toEqual(["/images/b4?favorite=1", "/images/f2?favorite=1"]);
    expect(await links({ backend: "automatic1111", q: "hen" })).toEqual(["/images/h3?q=hen&backend=automatic1111"]);
  });
});
