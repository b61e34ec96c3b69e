import { expect, test } from "@playwright/test";
import { FAKE_OPENAI, resetFake } from "./helpers";

type Recorded = { method: string; path: string; body: Record<string, unknown> | null };

async function chats(request: import("@playwright/test").APIRequestContext): Promise<string[]> {
  const r = await request.get(`${FAKE_OPENAI}/__fake/requests`);
  const data = await r.json();
  const all = (Array.isArray(data) ? data : data.requests) as Recorded[];
  return all
    .filter((x) => x.path.endsWith("/chat/completions"))
    .map((x) => {
      const messages = (x.body?.messages ?? []) as { role: string; content: unknown }[];
      const user = [...messages].reverse().find((m) => m.role === "user");
      return typeof user?.content === "string" ? user.content : JSON.stringify(user?.content ?? "");
    });
}

test.beforeEach(async ({ request }) => resetFake(request));

test("openai: two candidates in two directions; parts become chips; a locked part and the instruction go to the model", async ({
  page,
  request,
}) => {
  const idea = "a paper boat on a rainy street";
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill(idea);
  await page.getByRole("combobox", { name: "Candidates" }).selectOption("2");
  await page.getByRole("button", { name: "Refine", exact: true }).click();

  const use = page.getByRole("button", { name: /^Use this: / });
  await expect(use).toHaveCount(2, { timeout: 30_000 });
  await expect(use.first()).toBeEnabled();
  await expect(page.getByRole("button", { name: "Use this: Faithful" })).toBeVisible();

  // One chat completion per candidate, each told its direction.
  const asked = await chats(request);
  expect(asked).toHaveLength(2);
  for (const text of asked) {
    expect(text).toContain(idea);
    expect(text).toMatch(/<direction>/);
  }
  expect(asked.some((t) => /<direction>\s*Faithful/.test(t))).toBe(true);

  await page.getByRole("button", { name: "Use this: Faithful" }).click();
  const promptBox = page.getByRole("textbox", { name: "Prompt", exact: true });
  const first = await promptBox.inputValue();
  expect(first.toLowerCase()).toContain("paper boat");

  // The structured parts came back: chips with lock toggles. Lock the subject.
  const lockSubject = page.getByRole("button", { name: "Lock subject" });
  await expect(lockSubject).toHaveAttribute("aria-pressed", "false");
  const saved = page.waitForResponse((r) => r.url().includes("/api/prompts/") && r.request().method() === "PATCH");
  await lockSubject.click();
  expect((await saved).status()).toBe(200);
  await expect(lockSubject).toHaveAttribute("aria-pressed", "true");

  // A follow-up: one prompt, carrying the idea, the current prompt, the locked part and the instruction.
  await page.getByRole("combobox", { name: "Candidates" }).selectOption("1");
  await resetFake(request);
  await page.getByRole("textbox", { name: "Instruction" }).fill("make it night");
  await page.getByRole("button", { name: "Refine again" }).click();
  await expect(page.getByRole("textbox", { name: "Instruction" })).toHaveValue("", { timeout: 30_000 });
  const followUp = await chats(request);
  expect(followUp).toHaveLength(1);
  const sent = followUp[0] ?? "";
  expect(sent).toContain(`<idea>\n${idea}`);
  expect(sent).toContain("<current_prompt>");
  expect(sent.replace(/\s+/g, " ")).toContain(first.replace(/\s+/g, " ").slice(0, 60));
  expect(sent).toMatch(/<locked_parts>\s*subject: /);
  expect(sent).toContain("<instruction>\nmake it night");

  // The child keeps the lock, and its diff from the Faithful candidate is one disclosure away.
  await expect(page.getByRole("button", { name: "Lock subject" })).toHaveAttribute("aria-pressed", "true");
  await page.getByText(/Changes from v\d+/).click();
  await expect(page.locator("details[open] ins").first()).toBeVisible();
});
