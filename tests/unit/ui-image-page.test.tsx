// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ImageDetail, PromptVersion } from "@/lib/schemas/entities";
import { mountEach } from "./harness/dom";
import { promptVersion } from "./harness/fixtures";

const router = vi.hoisted(() => ({ push: vi.fn(), refresh: vi.fn(), replace: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router, usePathname: () => "/images/img-2" }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { ImagePager } = await import("@/components/gallery/image-pager");
const { GalleryTile } = await import("@/components/gallery/gallery-tile");
const { ImageRecipe } = await import("@/components/gallery/image-recipe");
const { galleryFilterFrom, galleryHref, galleryQuery, imagePageHref } = await import("@/lib/client/gallery-filter");

const dom = mountEach(() => router.push.mockReset());

function link(name: string): HTMLAnchorElement {
  const a = [...document.querySelectorAll("a")].find((el) => el.textContent?.replace(/\s+/g, " ").trim() === name);
  if (!a) throw new Error(`no link "${name}" in: ${document.body.textContent}`);
  return a;
}

const press = (key: string) =>
  act(() => {
    window.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });

describe("the gallery filter in addresses", () => {
  it("reads what the gallery's form and GET /api/images filter by, and drops what is malformed", () => {
    expect(galleryFilterFrom({})).toEqual({});
    expect(galleryFilterFrom({ q: "  red fox ", favorite: "1", ideaId: "idea_1", backend: "automatic1111" })).toEqual({
      q: "red fox",
      favorite: true,
      ideaId: "idea_1",
      backend: "automatic1111",
    });
    expect(galleryFilterFrom({ favorite: "true" })).toEqual({ favorite: true });
    expect(galleryFilterFrom({ favorite: "0", q: "   ", ideaId: "../etc", backend: "x".repeat(65) })).toEqual({});
    expect(galleryFilterFrom({ q: ["first", "second"] })).toEqual({ q: "first" });
    expect(galleryFilterFrom({ q: "w".repeat(300) }).q).toHaveLength(200);
  });

  it("writes it back the way the gallery's form does, so an address read and written is the same filter", () => {
    expect(galleryQuery({})).toBe("");
    expect(galleryHref({})).toBe("/gallery");
    expect(imagePageHref("img-1", {})).toBe("/images/img-1");
    const filter = { q: "fox & hen", favorite: true, ideaId: "i1", backend: "offline" };
    const query = galleryQuery(filter);
    expect(query).toBe("?q=fox+%26+hen&favorite=1&ideaId=i1&backend=offline");
    expect(galleryFilterFrom(Object.fromEntries(new URLSearchParams(query)))).toEqual(filter);
    expect(imagePageHref("img-1", { favorite: true })).toBe("/images/img-1?favorite=1");
    expect(galleryHref({ backend: "offline" })).toBe("/gallery?backend=offline");
  });
});

describe("ImagePager", () => {
  it("keeps the gallery's filter on Previous and Next, and on the ←/→ keys", async () => {
    await act(async () =>
      dom.root.render(<ImagePager previous="img-3" next="img-1" filter={{ favorite: true, q: "fox" }} />),
    );
    expect(link("← Previous image").getAttribute("href")).toBe("/images/img-3?q=fox&favorite=1");
    expect(link("Next image →").getAttribute("href")).toBe("/images/img-1?q=fox&favorite=1");
    press("ArrowRight");
    expect(router.push).toHaveBeenLastCalledWith("/images/img-1?q=fox&favorite=1");
    press("ArrowLeft");
    expect(router.push).toHaveBeenLastCalledWith("/images/img-3?q=fox&favorite=1");
  });

  it("unfiltered, links to the bare image pages as before; at an end, the key does nothing", async () => {
    await act(async () => dom.root.render(<ImagePager previous={null} next="img-1" filter={{}} />));
    expect(link("Next image →").getAttribute("href")).toBe("/images/img-1");
    expect(document.body.textContent).toContain("(this is the newest)");
    press("ArrowLeft");
    expect(router.push).not.toHaveBeenCalled();
    press("ArrowRight");
    expect(router.push).toHaveBeenCalledWith("/images/img-1");
  });
});

describe("GalleryTile", () => {
  const image = {
    id: "img-7",
    generationId: "g1",
    promptId: "v1",
    ideaId: "i1",
    backend: "offline",
    width: 512,
    height: 768,
    seed: 1,
    mime: "image/png",
    byteSize: 10,
    favorite: true,
    createdAt: "2025-01-01T00:00:00Z",
    prompt: "A fox in the snow.",
  };

  it("opens the image page with the gallery's filter, or bare when there is none", async () => {
    await act(async () =>
      dom.root.render(
        <ul>
          <GalleryTile image={image} eager filter={{ backend: "offline", favorite: true }} />
        </ul>,
      ),
    );
    expect(document.querySelector("a")?.getAttribute("href")).toBe("/images/img-7?favorite=1&backend=offline");
    await act(async () =>
      dom.root.render(
        <ul>
          <GalleryTile image={image} eager filter={{}} />
        </ul>,
      ),
    );
    expect(document.querySelector("a")?.getAttribute("href")).toBe("/images/img-7");
  });
});

describe("ImageRecipe: who wrote the prompt", () => {
  const detail = (version: PromptVersion): ImageDetail => ({
    id: "img-1",
    generationId: "g1",
    promptId: version.id,
    ideaId: "i1",
    backend: "offline",
    width: 512,
    height: 512,
    seed: 7,
    mime: "image/png",
    byteSize: 2048,
    favorite: false,
    createdAt: "2025-01-01T00:00:00Z",
    prompt: version.prompt,
    version,
    idea: { id: "i1", text: "a fox in the snow", title: "Fox", createdAt: "2025-01-01T00:00:00Z" },
    generation: {
      id: "g1",
      promptId: version.id,
      ideaId: "i1",
      backend: "offline",
      model: "offline-sketch-v1",
      params: { size: "512x512", n: 1 },
      status: "succeeded",
      progress: 1,
      error: null,
      createdAt: "2025-01-01T00:00:00Z",
      startedAt: "2025-01-01T00:00:00Z",
      finishedAt: "2025-01-01T00:00:01Z",
      durationMs: 1000,
    },
    check: null,
  });
  const manual = { refiner: "manual", model: "manual" } as const;

  /** The text of the recipe's "Prompt" row (the list's, not the heading above the prompt). */
  async function promptRow(version: PromptVersion, refinement: { refiner: string; model: string } | null) {
    await act(async () => dom.root.render(<ImageRecipe image={detail(version)} refinement={refinement} />));
    const terms = [...document.querySelectorAll("dt")];
    expect(terms.map((t) => t.textContent)).not.toContain("Prompt by");
    const term = terms.find((t) => t.textContent === "Prompt");
    return term?.nextElementSibling?.textContent;
  }

  it("a refined version names its refiner and model", async () => {
    const v = promptVersion({ refiner: "openai", model: "gpt-4o-mini" });
    expect(await promptRow(v, { refiner: "openai", model: "gpt-4o-mini" })).toBe(
      "Refined by OpenAI chat model (gpt-4o-mini)",
    );
  });

  it("a prompt typed or imported by hand, with nothing refined above it, is written by hand", async () => {
    expect(await promptRow(promptVersion({ source: "edit", ...manual }), null)).toBe("Written by hand");
    expect(await promptRow(promptVersion({ source: "verbatim", ...manual }), null)).toBe("Written by hand");
    expect(document.body.textContent).not.toContain("manual");
  });

  it("an edit of a refined prompt says which refiner it came from, then the hand edit", async () => {
    const edit = promptVersion({ id: "v2", parentId: "v1", source: "edit", ...manual });
    expect(await promptRow(edit, { refiner: "offline", model: "offline-refiner-v2" })).toBe(
      "Refined by Offline refiner (no model) (offline-refiner-v2), then edited by hand",
    );
    expect(document.body.textContent).not.toContain("manual");
  });
});
