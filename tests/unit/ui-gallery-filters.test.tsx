// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { galleryFilterFrom, galleryQuery } from "@/lib/client/gallery-filter";
import { byLabel, button, mountEach } from "./harness/dom";

/* Issue 12: the gallery's model, seed, size and date filters: named controls in its GET form, read from and written to its address. */

vi.mock("next/form", () => ({
  default: ({ children, ...rest }: { children: ReactNode }) => <form {...rest}>{children}</form>,
}));
const { GalleryFilters } = await import("@/components/gallery/gallery-filters");

const dom = mountEach();
const render = (node: ReactNode) => act(() => dom.root.render(node));

describe("the gallery's more filters", () => {
  it("folds Model, Seed, Size, From and To away until one is set, each a named field of the form", async () => {
    await render(<GalleryFilters q="" favorite={false} />);
    const details = dom.host.querySelector("details");
    expect(details?.open).toBe(false);
    expect(details?.querySelector("summary")?.textContent).toBe("More filters");
    for (const [label, name, type] of [
      ["Model", "model", "text"],
      ["Seed", "seed", "text"],
      ["Size", "size", "text"],
      ["From", "from", "date"],
      ["To", "to", "date"],
    ]) {
      const input = byLabel<HTMLInputElement>(label ?? "");
      expect(input.name, label).toBe(name);
      expect(input.type, label).toBe(type);
      expect(input.value, label).toBe("");
      expect(input.form, label).toBe(dom.host.querySelector("form"));
    }
    expect(button("Apply filters")?.type).toBe("submit");
  });

  it("opens with the address's values, and refuses a malformed seed or size before submitting", async () => {
    await render(
      <GalleryFilters
        q=""
        favorite={false}
        more={{ model: "flux1-dev", seed: 42, size: "832x1216", from: "2025-06-01", to: "2025-06-30T12:00:00.000Z" }}
      />,
    );
    expect(dom.host.querySelector("details")?.open).toBe(true);
    expect(byLabel<HTMLInputElement>("Model").value).toBe("flux1-dev");
    expect(byLabel<HTMLInputElement>("Seed").value).toBe("42");
    expect(byLabel<HTMLInputElement>("Size").value).toBe("832x1216");
    expect(byLabel<HTMLInputElement>("From").value).toBe("2025-06-01");
    expect(byLabel<HTMLInputElement>("To").value).toBe("2025-06-30");
    const size = byLabel<HTMLInputElement>("Size");
    size.value = "big";
    expect(size.checkValidity()).toBe(false);
    size.value = "1024x1024";
    expect(size.checkValidity()).toBe(true);
    const seed = byLabel<HTMLInputElement>("Seed");
    seed.value = "1.5";
    expect(seed.checkValidity()).toBe(false);
  });

  it("reads them from the address and writes them back the same, dropping malformed ones", () => {
    const filter = galleryFilterFrom({
      model: "sd_xl_base_1.0",
      seed: "4000000000",
      size: "1024x1536",
      from: "2025-06-01",
      to: "2025-06-30",
    });
    expect(filter).toEqual({
      model: "sd_xl_base_1.0",
      seed: 4_000_000_000,
      size: { width: 1024, height: 1536 },
      from: "2025-06-01",
      to: "2025-06-30",
    });
    expect(galleryQuery(filter)).toBe(
      "?model=sd_xl_base_1.0&seed=4000000000&size=1024x1536&from=2025-06-01&to=2025-06-30",
    );
    expect(galleryFilterFrom(Object.fromEntries(new URLSearchParams(galleryQuery(filter))))).toEqual(filter);
    expect(galleryFilterFrom({ model: "", seed: "x", size: "1024", from: "soon", to: "2025-13-45" })).toEqual({});
  });
});
