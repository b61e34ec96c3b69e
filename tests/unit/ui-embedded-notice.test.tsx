// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// What the request's cookies hold, for the server half of the notice.
let requestCookies: Record<string, string> = {};
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (name in requestCookies ? { name, value: requestCookies[name] } : undefined),
  }),
}));

const { EmbeddedDefaultsNotice } = await import("@/components/ui/embedded-defaults-notice");
const { NOTICE_DISMISSED_COOKIE } = await import("@/components/ui/notice-cookie");

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
let main: HTMLElement;
beforeEach(() => {
  requestCookies = {};
  // biome-ignore lint/suspicious/noDocumentCookie: clearing the test's cookie
  document.cookie = `${NOTICE_DISMISSED_COOKIE}=; Max-Age=0; Path=/`;
  host = document.createElement("div");
  main = document.createElement("main");
  main.id = "main";
  main.tabIndex = -1;
  document.body.append(host, main);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  main.remove();
});

const aside = () => host.querySelector('aside[aria-label="Embedded defaults"]');

describe("the embedded-defaults notice", () => {
  it("says which variable turns on a model, and has a Dismiss button named Dismiss notice", async () => {
    const element = await EmbeddedDefaultsNotice();
    await act(async () => root.render(element));
    expect(aside()?.textContent).toContain("OPENAI_API_KEY");
    const button = host.querySelector("button");
    expect(button?.textContent).toBe("Dismiss");
    expect(button?.getAttribute("aria-label")).toBe("Dismiss notice");
  });

  it("Dismiss hides it, remembers it in a cookie, and moves focus to the main content", async () => {
    const element = await EmbeddedDefaultsNotice();
    await act(async () => root.render(element));
    const button = host.querySelector("button") as HTMLButtonElement;
    button.focus();
    await act(async () => button.click());
    expect(aside()).toBeNull();
    expect(document.cookie).toContain(`${NOTICE_DISMISSED_COOKIE}=1`);
    expect(document.activeElement).toBe(main);
  });

  it("is not rendered at all once the request carries the cookie (no flash on reload)", async () => {
    requestCookies = { [NOTICE_DISMISSED_COOKIE]: "1" };
    expect(await EmbeddedDefaultsNotice()).toBeNull();
    requestCookies = { [NOTICE_DISMISSED_COOKIE]: "something else" };
    expect(await EmbeddedDefaultsNotice()).not.toBeNull();
  });
});
