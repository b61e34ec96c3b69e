// @vitest-environment jsdom
import "./harness/next-mocks";
import { act } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IdeaFeedback } from "@/lib/schemas/shares";
import { button, byLabel, mountEach, typeInto } from "./harness/dom";
import { promptVersion } from "./harness/fixtures";

/* The feedback and approval components of issue 10: the visitor's form and vote, the owner's list and Approve. */

const { VisitorFeedbackForm } = await import("@/components/feedback/visitor-feedback-form");
const { VoteToggle } = await import("@/components/feedback/vote-toggle");
const { IdeaFeedbackSection } = await import("@/components/feedback/idea-feedback");
const { ApproveToggle } = await import("@/components/feedback/approve-toggle");

const dom = mountEach(() => {
  window.localStorage.clear();
  vi.unstubAllGlobals();
});
afterEach(() => vi.restoreAllMocks());

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function stubFetch(answer: (url: string, init?: RequestInit) => Response) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => answer(url, init));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}
const sent = (m: ReturnType<typeof stubFetch>, i = 0) => JSON.parse(String(m.mock.calls[i]?.[1]?.body));
const status = () => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join(" ");

describe("VisitorFeedbackForm", () => {
  it("sends a name and comment, thanks the visitor by name and remembers the name", async () => {
    const fetchMock = stubFetch(() => json({ ok: true }, 201));
    await act(async () => dom.root.render(<VisitorFeedbackForm token="tok_1" imageId="img_1" />));
    expect(button("Send")?.disabled).toBe(true);
    await act(async () => typeInto(byLabel("Your name"), "Ann"));
    await act(async () => typeInto(byLabel<HTMLTextAreaElement>("Comment"), "Warmer, please."));
    expect(document.body.textContent).toContain("15 of 1,000 characters");
    await act(async () => button("Send")?.click());
    await vi.waitFor(() => expect(status()).toContain("Thanks, Ann: your note went to the owner"));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/s/tok_1/feedback");
    expect(sent(fetchMock)).toEqual({ name: "Ann", comment: "Warmer, please.", imageId: "img_1" });
    expect(byLabel<HTMLTextAreaElement>("Comment").value).toBe("");
    expect(byLabel<HTMLTextAreaElement>("Comment").maxLength).toBe(1000);
    expect(window.localStorage.getItem("promptsmith.visitor-name")).toBe("Ann");
    expect(byLabel<HTMLInputElement>("Your name").value).toBe("Ann");
  });

  it("says plainly when to try again after a 429", async () => {
    stubFetch(() =>
      json(
        {
          error: {
            code: "rate_limited",
            message: "You have sent a lot of feedback too often just now; try again in 42 seconds.",
          },
        },
        429,
        { "retry-after": "42" },
      ),
    );
    await act(async () => dom.root.render(<VisitorFeedbackForm token="tok_1" />));
    await act(async () => typeInto(byLabel("Your name"), "Ann"));
    await act(async () => typeInto(byLabel<HTMLTextAreaElement>("Comment"), "Hello"));
    await act(async () => button("Send")?.click());
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toContain("try again in 42 seconds"),
    );
    expect(status()).not.toContain("Thanks");
    expect(byLabel<HTMLTextAreaElement>("Comment").value).toBe("Hello");
  });
});

describe("VoteToggle", () => {
  it("asks for a name the first time, votes, and takes the vote back, remembered per link and image", async () => {
    const fetchMock = stubFetch(() => json({ ok: true }, 201));
    await act(async () => dom.root.render(<VoteToggle token="tok_1" imageId="img_1" />));
    const toggle = () => button(/Vote for this image/);
    expect(toggle()?.getAttribute("aria-pressed")).toBe("false");
    await act(async () => toggle()?.click());
    expect(fetchMock).not.toHaveBeenCalled();
    await act(async () => typeInto(byLabel("Your name"), "Bo"));
    await act(async () => button("Save name and vote")?.click());
    await vi.waitFor(() => expect(toggle()?.getAttribute("aria-pressed")).toBe("true"));
    expect(sent(fetchMock)).toEqual({ name: "Bo", imageId: "img_1", vote: true });
    expect(window.localStorage.getItem("promptsmith.vote:tok_1:img_1")).toBe("1");
    expect(() => byLabel("Your name")).toThrow();

    await act(async () => toggle()?.click());
    await vi.waitFor(() => expect(toggle()?.getAttribute("aria-pressed")).toBe("false"));
    expect(sent(fetchMock, 1)).toEqual({ name: "Bo", imageId: "img_1", vote: false });
    expect(window.localStorage.getItem("promptsmith.vote:tok_1:img_1")).toBeNull();
  });

  it("uses the name the form remembered, without asking", async () => {
    window.localStorage.setItem("promptsmith.visitor-name", "Ann");
    const fetchMock = stubFetch(() => json({ ok: true }, 201));
    await act(async () => dom.root.render(<VoteToggle token="tok_2" imageId="img_9" />));
    await act(async () => button(/Vote for this image/)?.click());
    await vi.waitFor(() => expect(button(/Vote for this image/)?.getAttribute("aria-pressed")).toBe("true"));
    expect(sent(fetchMock)).toEqual({ name: "Ann", imageId: "img_9", vote: true });
  });
});

describe("IdeaFeedbackSection (the owner's list)", () => {
  const xssName = `<img src=x onerror="alert('name')">`;
  const xssComment = `<script>alert("xss")</script><b>bold</b>`;
  const feedback: IdeaFeedback = {
    items: [
      {
        id: "f1",
        shareId: "s1",
        ideaId: "i1",
        imageId: "img_1",
        name: xssName,
        comment: xssComment,
        vote: null,
        createdAt: "2026-01-02T10:00:00.000Z",
      },
      {
        id: "f2",
        shareId: "s1",
        ideaId: "i1",
        imageId: null,
        name: "Bo",
        comment: "On the idea",
        vote: null,
        createdAt: "2026-01-02T11:00:00.000Z",
      },
      {
        id: "f3",
        shareId: "s1",
        ideaId: "i1",
        imageId: "img_1",
        name: "Cy",
        comment: null,
        vote: true,
        createdAt: "2026-01-02T12:00:00.000Z",
      },
    ],
    votes: [{ imageId: "img_1", count: 2, names: ["Cy", xssName] }],
  };
  const images = [{ id: "img_1", prompt: "a fox", width: 512, height: 512, versionNumber: 2 }];

  it("renders visitors' markup as text only, with counts, names, times and the image", async () => {
    await act(async () => dom.root.render(<IdeaFeedbackSection feedback={feedback} images={images} />));
    const section = document.getElementById("feedback");
    expect(section?.querySelector("h2")?.textContent).toBe("Feedback");
    expect(section?.querySelector("script")).toBeNull();
    expect(section?.querySelector("b")).toBeNull();
    expect(section?.querySelector('img[src="x"]')).toBeNull();
    const text = section?.textContent ?? "";
    expect(text).toContain(xssComment);
    expect(text).toContain(xssName);
    expect(text).toContain("2 comments · 2 votes");
    expect(text).toContain("On the idea");
    expect(text).toContain("on an image of v2");
    expect(text).toContain(`Cy, ${xssName}`);
    expect(section?.querySelector("time")?.getAttribute("dateTime")).toBe("2026-01-02T10:00:00.000Z");
    expect(section?.querySelector('a[href="/images/img_1"] img')?.getAttribute("alt")).toBe("a fox");
  });

  it("teaches when there is nothing yet", async () => {
    await act(async () => dom.root.render(<IdeaFeedbackSection feedback={{ items: [], votes: [] }} images={[]} />));
    expect(document.body.textContent).toContain("No feedback yet");
  });
});

describe("ApproveToggle", () => {
  it("approves and takes back through the API, named Approve version N, with an Approved badge", async () => {
    const fetchMock = stubFetch((_url, init) =>
      json(promptVersion({ approvedAt: init?.method === "POST" ? "2026-01-03T09:00:00.000Z" : null })),
    );
    await act(async () => dom.root.render(<ApproveToggle versionId="v1" number={3} approvedAt={null} />));
    const toggle = () => button("Approve version 3");
    expect(toggle()?.getAttribute("aria-pressed")).toBe("false");
    expect(document.body.textContent).not.toContain("Approved");
    await act(async () => toggle()?.click());
    await vi.waitFor(() => expect(toggle()?.getAttribute("aria-pressed")).toBe("true"));
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/versions/v1/approval");
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe("POST");
    expect(document.body.textContent).toContain("Approved");
    await act(async () => toggle()?.click());
    await vi.waitFor(() => expect(toggle()?.getAttribute("aria-pressed")).toBe("false"));
    expect(fetchMock.mock.calls[1]?.[1]?.method).toBe("DELETE");
  });
});
