// @vitest-environment jsdom
import "./harness/next-mocks";
import { act } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ShareButton } from "@/components/share/share-button";
import { SharedLinksList } from "@/components/share/shared-links-list";
import { expiryFor, shareStatus } from "@/lib/client/shares";
import type { Share } from "@/lib/schemas/shares";
import { button, byLabel, mountEach } from "./harness/dom";

const dom = mountEach();

type Call = { url: string; method: string; body: unknown };
function mockFetch(answer: (call: Call) => [number, unknown]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { url, method: init.method ?? "GET", body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      const [status, body] = answer(call);
      return status === 204
        ? new Response(null, { status })
        : new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    }),
  );
  return calls;
}

beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
  };
});
afterEach(() => vi.unstubAllGlobals());

const share: Share = {
  id: "sh1",
  target: { kind: "idea", id: "i1" },
  ideaId: "i1",
  label: "Idea: Fox in snow",
  expiresAt: null,
  feedback: true,
  createdAt: "2026-12-01T10:00:00.000Z",
  revokedAt: null,
};
const TOKEN_PATH = `/s/${"k".repeat(43)}`;

async function settle() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

function submit() {
  const form = document.querySelector("dialog form");
  act(() => form?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
}

describe("the Share dialog", () => {
  it("posts the target with feedback on and no expiry, then shows the full URL once", async () => {
    const calls = mockFetch(() => [201, { ...share, url: TOKEN_PATH }]);
    act(() => dom.root.render(<ShareButton target={{ kind: "idea", id: "i1" }} />));
    act(() => button("Share")?.click());
    expect(document.querySelector("dialog")?.hasAttribute("open")).toBe(true);
    expect(document.querySelector("dialog h2")?.textContent).toBe("Share this idea");

    const allow = byLabel<HTMLInputElement>("Allow feedback");
    expect(allow.getAttribute("role")).toBe("switch");
    act(() => allow.click());
    expect(allow.checked).toBe(true);
    submit();
    await settle();

    expect(calls).toEqual([
      {
        url: "/api/shares",
        method: "POST",
        body: { target: { kind: "idea", id: "i1" }, expiresAt: null, feedback: true },
      },
    ]);
    const link = byLabel<HTMLInputElement>("Link");
    expect(link.value).toBe(`${window.location.origin}${TOKEN_PATH}`);
    expect(document.body.textContent).toContain("This link is shown only once");
    expect(button("Copy link")).toBeDefined();

    // Closed and opened again: the link is gone for good, and the form is back.
    act(() => button("Done")?.click());
    act(() => button("Share")?.click());
    expect(document.body.textContent).not.toContain(TOKEN_PATH);
    expect(button("Create link")).toBeDefined();
  });

  it("sends an expiry seven days on, and says a refusal plainly", async () => {
    const calls = mockFetch(() => [404, { error: { code: "not_found", message: "The comparison was not found." } }]);
    act(() => dom.root.render(<ShareButton target={{ kind: "comparison", id: "c1" }} />));
    act(() => button("Share")?.click());
    const expiry = byLabel<HTMLSelectElement>("Link expires");
    act(() => {
      expiry.value = "7d";
      expiry.dispatchEvent(new Event("change", { bubbles: true }));
    });
    const before = Date.now();
    submit();
    await settle();
    const body = calls[0]?.body as { expiresAt: string; feedback: boolean };
    const days = (Date.parse(body.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(body.feedback).toBe(false);
    expect(document.querySelector('[role="alert"]')?.textContent).toContain("The comparison was not found.");
    expect(document.querySelector("dialog input[readonly]")).toBeNull();
  });

  it("turns a chosen date into the end of that day, and refuses a past one", () => {
    const now = new Date(2026, 11, 3, 12).getTime();
    expect(expiryFor("never", "", now)).toBeNull();
    expect(expiryFor("date", "2026-12-10", now)).toBe(new Date(2026, 11, 10, 23, 59, 59).toISOString());
    expect(expiryFor("date", "2026-12-01", now)).toBeUndefined();
    expect(expiryFor("date", "", now)).toBeUndefined();
  });
});

describe("the Shared links list", () => {
  it("says each link's state and revokes after asking", async () => {
    const calls = mockFetch(() => [204, null]);
    const expired = {
      ...share,
      id: "sh2",
      label: "Image of a fox",
      expiresAt: "2020-01-01T00:00:00.000Z",
      feedback: false,
    };
    const revoked = { ...share, id: "sh3", label: "Comparison: two", revokedAt: "2026-12-02T00:00:00.000Z" };
    act(() => dom.root.render(<SharedLinksList shares={[share, expired, revoked]} />));
    const rows = [...document.querySelectorAll("li")].map((li) => li.textContent ?? "");
    expect(rows[0]).toMatch(/Active.*never expires.*feedback on/);
    expect(rows[1]).toMatch(/Expired.*expired .*feedback off/);
    expect(rows[2]).toContain("Revoked");
    expect(button("Revoke link: Comparison: two")).toBeUndefined();

    act(() => button("Revoke link: Idea: Fox in snow")?.click());
    expect(document.querySelector("dialog h2")?.textContent).toBe("Revoke this link?");
    act(() => button("Revoke link")?.click());
    await settle();
    expect(calls).toEqual([{ url: "/api/shares/sh1", method: "DELETE", body: undefined }]);
    expect(document.querySelector("li")?.textContent).toContain("Revoked");
  });

  it("tells active, expired and revoked apart", () => {
    const now = Date.parse("2026-12-03T00:00:00Z");
    expect(shareStatus({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(shareStatus({ expiresAt: "2026-12-02T00:00:00Z", revokedAt: null }, now)).toBe("expired");
    expect(shareStatus({ expiresAt: "2026-12-02T00:00:00Z", revokedAt: "2026-12-01T00:00:00Z" }, now)).toBe("revoked");
  });
});
