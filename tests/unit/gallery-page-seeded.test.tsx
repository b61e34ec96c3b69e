// @vitest-environment jsdom
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ReactElement, ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/*
 * Issue 12: a data folder filled by npm run seed's code is one the app shows: the gallery page
 * renders its images (filtered by the new filters too) and each image's page renders.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), "promptsmith-gallery-seeded-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

vi.mock("next/navigation", () => ({
  useRouter: () => ({ push() {}, refresh() {}, replace() {} }),
  usePathname: () => "/gallery",
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
vi.mock("next/form", () => ({
  default: ({ children, ...rest }: { children: ReactNode }) => <form {...rest}>{children}</form>,
}));

beforeAll(async () => {
  const { resetConfigForTests } = await import("@/lib/config");
  resetConfigForTests();
  const { seedDataFolder } = await import("@/lib/seed/seed-data-folder");
  await seedDataFolder({ dataDir, ideas: 30, images: 120 });
}, 60_000);

afterAll(async () => {
  const { resetStoreForTests } = await import("@/lib/store");
  await resetStoreForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

const markup = async (element: Promise<ReactNode> | ReactNode) =>
  new DOMParser().parseFromString(renderToStaticMarkup((await element) as ReactElement), "text/html");

describe("a seeded data folder in the app", () => {
  it("shows its images in the gallery, newest first, and narrowed by model and dates", async () => {
    const GalleryPage = (await import("@/app/gallery/page")).default;
    const { listImages } = await import("@/lib/studio/queries");
    const newest = (await listImages({ limit: 5 })).items;
    expect(newest).toHaveLength(5);
    const doc = await markup(GalleryPage({ searchParams: Promise.resolve({}) }));
    const links = [...doc.querySelectorAll("a[href^='/images/']")].map((a) => a.getAttribute("href"));
    expect(links.slice(0, 5)).toEqual(newest.map((i) => `/images/${i.id}`));
    expect(doc.querySelectorAll("img").length).toBeGreaterThan(0);

    const { getImageDetail } = await import("@/lib/studio/queries");
    const detail = newest[0] && (await getImageDetail(newest[0].id));
    if (!detail) throw new Error("no detail");
    const day = detail.createdAt.slice(0, 10);
    const filtered = await markup(
      GalleryPage({ searchParams: Promise.resolve({ model: detail.generation.model, from: day, to: day }) }),
    );
    const ids = [...filtered.querySelectorAll("a[href^='/images/']")].map((a) => a.getAttribute("href")?.split("?")[0]);
    expect(ids).toContain(`/images/${detail.id}`);
    const expected = (await listImages({ limit: 48, model: detail.generation.model, from: day, to: day })).items;
    expect(ids.slice(0, expected.length)).toEqual(expected.map((i) => `/images/${i.id}`));
    // The filter's fields show what the address asked for.
    expect((filtered.querySelector("input[name='model']") as HTMLInputElement | null)?.value).toBe(
      detail.generation.model,
    );
  });

  it("renders a seeded image's page with its prompt, model and seed", async () => {
    const ImagePage = (await import("@/app/images/[id]/page")).default;
    const { listImages } = await import("@/lib/studio/queries");
    const image = (await listImages({ limit: 1, backend: "automatic1111" })).items[0];
    if (!image) throw new Error("no automatic1111 image seeded");
    const doc = await markup(
      ImagePage({ params: Promise.resolve({ id: image.id }), searchParams: Promise.resolve({}) }),
    );
    expect(doc.body.textContent).toContain(image.prompt);
    expect(doc.body.textContent).toContain(String(image.seed));
  });
});
