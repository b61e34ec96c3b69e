// @vitest-environment jsdom
import "./harness/next-mocks";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImageCheck } from "@/lib/schemas/checks";
import { button, mountEach } from "./harness/dom";

/* The receipt of issue 11: the line on a result card, its items, Check image, and Fix misses beside the misses. */

// Fix misses is helper "fixloop"'s: here only where it sits and what it is given matters.
vi.mock("@/components/fix/fix-misses-button", () => ({
  FixMissesButton: ({ imageId, hasMisses }: { imageId: string; hasMisses: boolean }) =>
    hasMisses ? (
      <button type="button" data-image={imageId}>
        Fix misses
      </button>
    ) : null,
}));

const { Receipt } = await import("@/components/receipt/receipt");
const { ResultReceipt } = await import("@/components/receipt/result-receipt");
const { itemsByUrgency, tally } = await import("@/lib/client/checks");

const dom = mountEach(() => vi.unstubAllGlobals());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function stubFetch(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => answer(url, init));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

const OFFLINE = { id: "offline", label: "Offline check (no model)", model: "manifest" };

function checkOf(verdicts: Array<"pass" | "fail" | "unsure">, createdAt = "2026-12-03T10:00:00.000Z"): ImageCheck {
  return {
    imageId: "img_1",
    judge: OFFLINE,
    score: verdicts.filter((v) => v === "pass").length / verdicts.length,
    items: verdicts.map((verdict, i) => ({
      checkId: `c${i + 1}`,
      text: `item ${i + 1}`,
      kind: "entity",
      verdict,
      reason: `reason ${i + 1}`,
    })),
    createdAt,
  };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
/** What the eye sees: screen-reader-only words left out. */
function seen(el: Element | null | undefined): string {
  if (!el) return "";
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll(".sr-only")) hidden.remove();
  return text(copy);
}
/** What a screen reader hears: aria-hidden marks left out. */
function spoken(el: Element | null | undefined): string {
  if (!el) return "";
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return text(copy);
}
const toggle = () => document.querySelector<HTMLButtonElement>("button[aria-expanded]");
const flush = () => act(async () => {});
const render = (el: React.ReactNode) => act(() => dom.root.render(el));

describe("the receipt's helpers", () => {
  it("counts the verdicts and puts misses first, then unsure, then passes, in checklist order", () => {
    const check = checkOf(["pass", "fail", "unsure", "fail", "pass"]);
    expect(tally(check)).toEqual({ passed: 2, missed: 2, unsure: 1, total: 5 });
    expect(itemsByUrgency(check).map((i) => i.checkId)).toEqual(["c2", "c4", "c3", "c1", "c5"]);
  });
});

describe("Receipt", () => {
  it("says the score and who checked it in one line, closed until opened", async () => {
    await render(<Receipt imageId="img_1" check={checkOf(["pass", "pass", "pass", "pass", "unsure"])} />);
    const line = toggle();
    expect(seen(line)).toBe("›4 of 5 ✓ · checked by Offline check (no model)");
    expect(spoken(line)).toBe("4 of 5 passed · checked by Offline check (no model)");
    expect(line?.getAttribute("aria-expanded")).toBe("false");
    expect(document.querySelector("li")).toBeNull();
    // No misses: nothing to fix.
    expect(button("Fix misses")).toBeUndefined();
  });

  it("opens to every item with its verdict in words and its reason, misses first, and closes again", async () => {
    await render(<Receipt imageId="img_1" check={checkOf(["pass", "fail", "unsure"])} />);
    const line = toggle();
    expect(spoken(line)).toBe("1 of 3 passed · 1 missed · checked by Offline check (no model)");
    await act(() => line?.click());
    expect(line?.getAttribute("aria-expanded")).toBe("true");
    const list = document.getElementById(line?.getAttribute("aria-controls") ?? "");
    expect(list).not.toBeNull();
    const items = [...(list?.querySelectorAll("li") ?? [])].map(spoken);
    expect(items).toEqual(["missed: item 2. reason 2", "unsure: item 3. reason 3", "passed: item 1. reason 1"]);
    // The marks are there for the eye, hidden from screen readers (which hear the words).
    expect(text(list)).toContain("✗");
    expect(text(list)).toContain("✓");
    expect(text(list)).toContain("?");
    await act(() => line?.click());
    expect(line?.getAttribute("aria-expanded")).toBe("false");
    expect(document.querySelector("li")).toBeNull();
  });

  it("puts Fix misses beside the misses, for this image, before the items", async () => {
    await render(<Receipt imageId="img_7" check={checkOf(["fail", "pass"])} />);
    const fix = button("Fix misses");
    expect(fix?.dataset.image).toBe("img_7");
    await act(() => toggle()?.click());
    const list = document.querySelector("ul");
    // In document order: the line, Fix misses, then the items (misses first).
    expect(toggle()?.compareDocumentPosition(fix as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(fix?.compareDocumentPosition(list as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it("offers Check image when there is no check: Checking…, then the receipt, open, with focus on it", async () => {
    let answer: (r: Response) => void = () => {};
    const fetchMock = stubFetch(() => new Promise<Response>((r) => (answer = r)));
    const onCheck = vi.fn();
    await render(<Receipt imageId="img_1" check={null} onCheck={onCheck} />);
    expect(toggle()).toBeNull();
    await act(() => button("Check image")?.click());
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/images/img_1/check");
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe("POST");
    const busy = button("Checking…");
    expect(busy?.disabled).toBe(true);
    const result = checkOf(["pass", "fail"]);
    await act(async () => answer(json(result)));
    await flush();
    expect(onCheck).toHaveBeenCalledWith(result);
    expect(button("Check image")).toBeUndefined();
    expect(toggle()?.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement).toBe(toggle());
    expect(document.querySelectorAll("li")).toHaveLength(2);
  });

  it("says plainly why a check could not be made, and lets it be tried again", async () => {
    stubFetch(() => json({ error: { code: "invalid_request", message: "This version has no checklist." } }, 400));
    await render(<Receipt imageId="img_1" check={null} />);
    await act(() => button("Check image")?.click());
    await flush();
    expect(text(document.querySelector('[role="alert"]'))).toBe("This version has no checklist.");
    expect(button("Check image")?.disabled).toBe(false);

    stubFetch(() =>
      json(
        { error: { code: "backend_unavailable", message: "Image checks are turned off on this server (JUDGE=off)." } },
        503,
      ),
    );
    await act(() => button("Check image")?.click());
    await flush();
    expect(text(document.querySelector('[role="alert"]'))).toBe(
      "Image checks are turned off on this server (JUDGE=off).",
    );
  });

  it("shows nothing without a check when no judge is on, and says Checking… while an automatic one is due", async () => {
    await render(<Receipt imageId="img_1" check={null} canCheck={false} />);
    expect(dom.host.textContent).toBe("");
    await render(<Receipt imageId="img_1" check={null} pending />);
    expect(text(document.querySelector('[role="status"]'))).toBe("Checking…");
    expect(button("Check image")).toBeUndefined();
  });

  it("keeps the newer check when an automatic one lands after a manual one (or before)", async () => {
    const older = checkOf(["fail", "fail"], "2026-12-03T10:00:00.000Z");
    const newer = checkOf(["pass", "pass"], "2026-12-03T10:05:00.000Z");
    await render(<Receipt imageId="img_1" check={older} />);
    expect(spoken(toggle())).toContain("0 of 2 passed");
    await render(<Receipt imageId="img_1" check={newer} />);
    expect(spoken(toggle())).toContain("2 of 2 passed");
  });
});

describe("ResultReceipt (a Studio result card)", () => {
  const judge = { id: "offline", label: "Offline check (no model)", autoCheck: true };

  it("waits for the automatic check of a new image, looking again with backoff, then shows it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(new Date("2026-12-03T10:00:10.000Z"));
    let calls = 0;
    const fetchMock = stubFetch(() => {
      calls += 1;
      return json({ id: "img_20", check: calls < 3 ? null : { ...checkOf(["pass", "unsure"]), imageId: "img_20" } });
    });
    await render(<ResultReceipt imageId="img_20" createdAt="2026-12-03T10:00:00.000Z" judge={judge} />);
    await flush();
    expect(text(document.querySelector('[role="status"]'))).toBe("Checking…");
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/images/img_20");
    await act(async () => vi.advanceTimersByTime(800));
    await flush();
    expect(calls).toBe(2);
    await act(async () => vi.advanceTimersByTime(1500));
    await flush();
    expect(calls).toBe(3);
    expect(spoken(toggle())).toBe("1 of 2 passed · checked by Offline check (no model)");
  });

  it("shows a check heard on the generation's event stream at once, without waiting to look again", async () => {
    const { publishCheck } = await import("@/lib/client/checks");
    const fetchMock = stubFetch(() => json({ id: "img_9", check: null }));
    await render(<ResultReceipt imageId="img_9" createdAt={new Date().toISOString()} judge={judge} />);
    await flush();
    expect(text(document.querySelector('[role="status"]'))).toBe("Checking…");
    await act(async () => publishCheck({ ...checkOf(["pass", "fail"]), imageId: "img_9" }));
    expect(spoken(toggle())).toBe("1 of 2 passed · 1 missed · checked by Offline check (no model)");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // A receipt put on the page again (another version loaded and back) has it without asking.
    await render(null);
    await render(<ResultReceipt imageId="img_9" createdAt={new Date().toISOString()} judge={judge} />);
    expect(spoken(toggle())).toContain("1 of 2 passed");
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("reads an older image's check once, and offers Check image when it has none", async () => {
    const fetchMock = stubFetch(() => json({ id: "img_21", check: null }));
    await render(<ResultReceipt imageId="img_21" createdAt="2020-01-01T00:00:00.000Z" judge={judge} />);
    await flush();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(button("Check image")).toBeDefined();
  });
});

describe("sorting and filtering by score", () => {
  it("reads sort, minScore, checked and hasMisses from the gallery's address and writes them back", async () => {
    const { galleryFilterFrom, galleryQuery } = await import("@/lib/client/gallery-filter");
    const filter = galleryFilterFrom({ sort: "score", minScore: "0.8", checked: "1", hasMisses: "true" });
    expect(filter).toEqual({ sort: "score", minScore: 0.8, checked: true, hasMisses: true });
    expect(galleryFilterFrom(Object.fromEntries(new URLSearchParams(galleryQuery(filter))))).toEqual(filter);
    expect(galleryFilterFrom({ checked: "0" })).toEqual({ checked: false });
    // Malformed parts are dropped, as the gallery's other filters are.
    expect(
      galleryFilterFrom({ sort: "best", minScore: "2", checked: "constructor", hasMisses: "maybe", q: "" }),
    ).toEqual({});
    expect(galleryFilterFrom({ sort: "newest", minScore: "" })).toEqual({});
  });

  it("offers Sort (Newest, Best score), a score floor and Has misses in the gallery's form", async () => {
    vi.doMock("next/form", () => ({
      default: ({ children, ...rest }: { children: React.ReactNode }) => <form {...rest}>{children}</form>,
    }));
    const { GalleryFilters } = await import("@/components/gallery/gallery-filters");
    const { byLabel } = await import("./harness/dom");
    await render(<GalleryFilters q="" favorite={false} sort="score" minScore={0.8} hasMisses />);
    const sort = byLabel<HTMLSelectElement>("Sort");
    expect(sort.name).toBe("sort");
    expect([...sort.options].map((o) => o.textContent)).toEqual(["Newest", "Best score"]);
    expect(sort.value).toBe("score");
    const score = byLabel<HTMLSelectElement>("Score");
    expect(score.name).toBe("minScore");
    expect(score.value).toBe("0.8");
    expect(byLabel<HTMLInputElement>("Has misses").checked).toBe(true);
    // A floor the menu does not offer, from a typed address, is kept as its own choice.
    await render(null);
    await render(<GalleryFilters q="" favorite={false} minScore={0.3} />);
    expect(byLabel<HTMLSelectElement>("Score").value).toBe("0.3");
    expect(byLabel<HTMLSelectElement>("Sort").value).toBe("newest");
  });

  it("has a Has misses chip on the Ideas page, kept in its address", async () => {
    const { IdeasFilters } = await import("@/components/ideas/ideas-filters");
    const { ideasFilterFrom, ideasQuery } = await import("@/lib/client/ideas-filter");
    const onChange = vi.fn();
    await render(<IdeasFilters filter={{}} onChange={onChange} backends={[]} styles={[]} />);
    const chip = button("Has misses");
    expect(chip?.getAttribute("aria-pressed")).toBe("false");
    await act(() => chip?.click());
    expect(onChange).toHaveBeenCalledWith({ hasMisses: true });
    expect(ideasQuery({ hasMisses: true })).toBe("?hasMisses=1");
    expect(ideasFilterFrom({ hasMisses: "1" })).toEqual({ hasMisses: true });
  });
});
