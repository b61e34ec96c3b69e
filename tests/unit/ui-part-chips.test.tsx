// @vitest-environment jsdom
import { act } from "react";
import { describe, expect, it, vi } from "vitest";
import { PartChips } from "@/components/anatomy/part-chips";
import type { PromptVersion } from "@/lib/schemas/entities";
import { mountEach } from "./harness/dom";
import { promptVersion } from "./harness/fixtures";

const v = promptVersion({
  prompt: "A red fox curled in fresh snow, warm lantern light, watercolor.",
  parts: {
    subject: "A red fox curled",
    setting: "in fresh snow",
    lighting: "warm lantern light, a very long description that would not fit on one small chip at all",
    medium: "watercolor",
  },
  locks: ["lighting"],
});

const dom = mountEach(() => vi.unstubAllGlobals());

const lock = (name: string) =>
  [...dom.host.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === `Lock ${name}`);

describe("PartChips", () => {
  it("lists the parts in anatomy order with their text, and shows which are locked", async () => {
    await act(async () => dom.root.render(<PartChips version={v} onSaved={() => {}} />));
    const list = dom.host.querySelector('[role="list"]');
    expect(list).toBeTruthy();
    const chips = [...(list?.querySelectorAll("li") ?? [])];
    expect(chips.map((c) => c.querySelector("span")?.textContent)).toEqual([
      "Subject",
      "Setting",
      "Medium",
      "Lighting",
    ]);
    const long = chips[3]?.querySelector("[title]");
    expect(long?.getAttribute("title")).toBe(v.parts?.lighting);
    expect(long?.textContent).toBe(v.parts?.lighting);
    expect(lock("lighting")?.getAttribute("aria-pressed")).toBe("true");
    expect(lock("subject")?.getAttribute("aria-pressed")).toBe("false");
    expect(lock("palette")).toBeUndefined();
  });

  it("locking a part PATCHes the locks and reports the saved version; unlocking removes it", async () => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { locks: string[] };
      return new Response(JSON.stringify({ ...v, locks: body.locks }), {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    });
    vi.stubGlobal("fetch", fetchMock);
    const onSaved = vi.fn();
    await act(async () => dom.root.render(<PartChips version={v} onSaved={onSaved} />));
    await act(async () => lock("subject")?.click());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/prompts/v1");
    expect(init?.method).toBe("PATCH");
    expect(JSON.parse(String(init?.body))).toEqual({ locks: ["subject", "lighting"] });
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ locks: ["subject", "lighting"] }));

    const saved = onSaved.mock.calls[0]?.[0] as PromptVersion;
    await act(async () => dom.root.render(<PartChips version={saved} onSaved={onSaved} />));
    expect(lock("subject")?.getAttribute("aria-pressed")).toBe("true");
    await act(async () => lock("lighting")?.click());
    expect(JSON.parse(String(fetchMock.mock.calls[1]?.[1]?.body))).toEqual({ locks: ["subject"] });
  });

  it("says so when the lock could not be saved, and keeps the old state", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { code: "not_found", message: "That version is gone." } }), {
            status: 404,
            headers: { "Content-Type": "application/json" },
          }),
      ),
    );
    const onSaved = vi.fn();
    await act(async () => dom.root.render(<PartChips version={v} onSaved={onSaved} />));
    await act(async () => lock("medium")?.click());
    expect(onSaved).not.toHaveBeenCalled();
    expect(dom.host.querySelector('[role="alert"]')?.textContent).toContain("That version is gone.");
    expect(lock("medium")?.getAttribute("aria-pressed")).toBe("false");
  });

  it("says quietly that a hand edit's parts are unknown", async () => {
    await act(async () =>
      dom.root.render(<PartChips version={{ ...v, source: "edit", parentId: "v0", parts: null }} onSaved={() => {}} />),
    );
    expect(dom.host.textContent).toBe("Parts unknown for a hand edit.");
    expect(dom.host.querySelector("button")).toBeNull();
  });
});
