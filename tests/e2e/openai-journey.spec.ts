import { expect, test } from "@playwright/test";
import { FAKE_OPENAI, generateAndWait, refineIdea, resetFake } from "./helpers";

type Recorded = { method: string; path: string; body: Record<string, unknown> | null };

async function received(request: import("@playwright/test").APIRequestContext): Promise<Recorded[]> {
  const r = await request.get(`${FAKE_OPENAI}/__fake/requests`);
  const data = await r.json();
  return (Array.isArray(data) ? data : data.requests) as Recorded[];
}

test.beforeEach(async ({ request }) => resetFake(request));

test("openai: the same journey through a chat model and a gpt-image model (the fake)", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByText(/embedded defaults/i)).toHaveCount(0);
  const idea = "a fox in the snow, cozy";
  const { prompt, lengths } = await refineIdea(page, idea);
  expect(lengths.length).toBeGreaterThan(2);
  await generateAndWait(page, prompt);

  const reqs = await received(request);
  const chat = reqs.find((r) => r.path.endsWith("/chat/completions"));
  expect(chat, "the fake received a chat completion").toBeTruthy();
  expect(chat?.body?.stream).toBe(true);
  expect(chat?.body?.model).toBe("gpt-5.4-mini");
  expect(JSON.stringify(chat?.body?.messages)).toContain(idea);
  expect((chat?.body?.response_format as { type?: string } | undefined)?.type).toBe("json_schema");

  const images = reqs.find((r) => r.path.endsWith("/images/generations"));
  expect(images, "the fake received an image request").toBeTruthy();
  expect(images?.body?.model).toBe("gpt-image-1.5");
  expect(images?.body?.prompt).toBe(prompt);
  expect(images?.body?.size).toBe("1024x1024");

  await page.getByRole("link", { name: "Gallery", exact: true }).click();
  await expect(page.getByRole("img", { name: prompt, exact: true }).first()).toBeVisible();
});

test("openai: a failing image backend shows a clear message and keeps the prompt", async ({ page, request }) => {
  await page.goto("/");
  const { prompt } = await refineIdea(page, "a quiet harbour at dawn");
  await request.post(`${FAKE_OPENAI}/__fake/mode`, { data: { mode: "error500", endpoint: "images" } });
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const alert = page.getByRole("alert").filter({ hasText: /failed/i });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).not.toContainText(/sk-fake/);
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(prompt);
});

test("openai: a refusal from the chat model is shown as a refusal", async ({ page, request }) => {
  await page.goto("/");
  await request.post(`${FAKE_OPENAI}/__fake/mode`, { data: { mode: "refusal", endpoint: "chat" } });
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("something the model will refuse");
  await page.getByRole("button", { name: "Refine", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /refus|declin/i })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("textbox", { name: "Idea", exact: true })).toHaveValue("something the model will refuse");
});
