// @vitest-environment jsdom
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ListedStyle } from "@/components/styles/style-card";
import type { OwnStyle } from "@/lib/schemas/styles";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }), usePathname: () => "/library/styles" }));
vi.mock("next/link", () => ({
  default: ({ href, children, ...rest }: { href: string; children: ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const { StylesManager } = await import("@/components/styles/styles-manager");
const { StyleSelect } = await import("@/components/studio/editing/style-select");
const { OwnStylesProvider } = await import("@/components/studio/editing/own-styles-context");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PARTS = {
  medium: "risograph zine print",
  lighting: "flat even daylight",
  palette: "pink and teal ink",
  camera: "centered frontal composition",
  detail: "grainy ink texture",
  negative: "photograph",
};

const own = (id: string, label: string, over: Partial<OwnStyle> = {}): OwnStyle => ({
  id: `own-${id}`,
  label,
  description: "",
  ...PARTS,
  sample: `/api/styles/own-${id}/sample?v=1`,
  sampleSource: "offline",
  sampleImageId: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  ...over,
});

const BUILT_IN: ListedStyle = {
  id: "watercolor",
  label: "Watercolor",
  description: "Loose washes.",
  ...PARTS,
  medium: "loose watercolor painting",
  sample: "/styles/watercolor.webp",
  builtIn: true,
};

type Call = { url: string; method: string; body: unknown };
function mockFetch(answers: Array<[number, unknown]>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined });
      const [status, body] = answers.shift() ?? [500, { error: { code: "internal", message: "unexpected call" } }];
      return status === 204
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

function button(name: string, within: ParentNode = host): HTMLButtonElement {
  const b = [...within.querySelectorAll("button")].find((el) => el.textContent?.trim() === name);
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}
function field(label: string): HTMLInputElement {
  const l = [...host.querySelectorAll("label")].find((el) => el.textContent?.replace(" (optional)", "") === label);
  const input = l && (document.getElementById(l.htmlFor) as HTMLInputElement | null);
  if (!input) throw new Error(`no field "${label}"`);
  return input;
}
async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
const cardNames = (section: string) =>
  [...(document.getElementById(section)?.parentElement?.querySelectorAll("li h3") ?? [])].map((h) => h.textContent);

describe("the styles screen", () => {
  it("makes a style from a labelled form, with errors said by field before anything is sent", async () => {
    const calls = mockFetch([[201, own("new", "Harbour zine")]]);
    await act(async () => root.render(<StylesManager builtIns={[BUILT_IN]} initial={[]} />));
    expect(host.textContent).toContain("No styles of your own yet");
    await act(async () => button("New style").click());
    await type(field("Name"), "Harbour zine");
    await type(field("Palette"), "x".repeat(201));
    await act(async () => button("Create style").click());
    expect(calls).toEqual([]);
    expect(host.textContent).toContain("Medium: required");
    expect(host.textContent).toContain("Palette: too long (at most 200 characters)");
    expect(field("Medium").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field("Medium"));

    for (const [label, value] of [
      ["Medium", PARTS.medium],
      ["Lighting", PARTS.lighting],
      ["Palette", PARTS.palette],
      ["Camera", PARTS.camera],
      ["Detail", PARTS.detail],
    ] as const)
      await type(field(label), value);
    await act(async () => button("Create style").click());
    expect(calls[0]).toMatchObject({
      url: "/api/styles",
      method: "POST",
      body: { label: "Harbour zine", ...PARTS, negative: "" },
    });
    expect(cardNames("own-styles")).toEqual(["Harbour zine"]);
    expect(host.querySelector('[role="status"]')?.textContent).toContain("It is in the Studio's Style box now.");
  });

  it("shows the server's error by field", async () => {
    mockFetch([
      [
        400,
        {
          error: {
            code: "invalid_request",
            message: "palette: must be one line",
            details: [
              { path: "palette", message: "must be one line, without control characters", code: "invalid_format" },
            ],
          },
        },
      ],
    ]);
    await act(async () => root.render(<StylesManager builtIns={[]} initial={[own("a", "A")]} />));
    await act(async () => button("Edit A").click());
    await act(async () => button("Save style").click());
    expect(host.textContent).toContain("Palette: must be one line, without control characters");
  });

  it("built-ins are read-only but can be duplicated; own ones are deleted with Undo", async () => {
    const calls = mockFetch([
      [201, own("copy", "Watercolor copy")],
      [204, null],
      [200, own("copy", "Watercolor copy")],
    ]);
    await act(async () => root.render(<StylesManager builtIns={[BUILT_IN]} initial={[]} />));
    const builtIn = document.getElementById("built-in-styles")?.parentElement as HTMLElement;
    expect([...builtIn.querySelectorAll("button")].map((b) => b.textContent)).toEqual(["Duplicate Watercolor"]);
    await act(async () => button("Duplicate Watercolor").click());
    expect(calls[0]).toMatchObject({ url: "/api/styles/watercolor/duplicate", method: "POST" });
    expect(cardNames("own-styles")).toEqual(["Watercolor copy"]);
    // The copy opens in the form, ready to be made one's own.
    expect(field("Name").value).toBe("Watercolor copy");

    await act(async () => button("Delete Watercolor copy").click());
    expect(calls[1]).toMatchObject({ url: "/api/styles/own-copy", method: "DELETE" });
    expect(cardNames("own-styles")).toEqual([]);
    expect(host.textContent).toContain("Deleted “Watercolor copy”.");
    await act(async () => button("Undo").click());
    expect(calls[2]).toMatchObject({ url: "/api/styles/own-copy/restore", method: "POST" });
    expect(cardNames("own-styles")).toEqual(["Watercolor copy"]);
  });
});

describe("the Studio's Style box", () => {
  it("lists own styles after the built-ins, from the server page's data, without a request", async () => {
    const calls = mockFetch([]);
    const onChange = vi.fn();
    await act(async () =>
      root.render(
        <OwnStylesProvider styles={[own("zine", "Harbour zine", { description: "Our zine look." })]}>
          <StyleSelect value="own-zine" onChange={onChange} />
        </OwnStylesProvider>,
      ),
    );
    expect(calls).toEqual([]);
    const select = host.querySelector("select") as HTMLSelectElement;
    const groups = [...select.querySelectorAll("optgroup")].map((g) => g.label);
    expect(groups).toEqual(["Built-in", "Your styles"]);
    const options = [...select.options].map((o) => o.textContent);
    expect(options[0]).toBe("None");
    expect(options.at(-1)).toBe("Harbour zine");
    expect(select.value).toBe("own-zine");
    expect(host.textContent).toContain("Our zine look.");
    expect(host.querySelector("img")?.getAttribute("src")).toBe("/api/styles/own-zine/sample?v=1");
  });

  it("keeps a deleted own style's option for a version made in it", async () => {
    await act(async () => root.render(<StyleSelect value="own-gone" onChange={vi.fn()} />));
    const select = host.querySelector("select") as HTMLSelectElement;
    expect(select.value).toBe("own-gone");
    expect(select.selectedOptions[0]?.textContent).toBe("A deleted style");
  });
});
