import { expect, test } from "@playwright/test";
import { FAKE_OPENAI, generateAndWait, refineIdea, resetFake } from "./helpers";

/*
 * Does the image match the idea? (issue 11) with OPENAI_BASE_URL set: the checks go to the judge
 * model on the same OpenAI-compatible server (the contract-checked fake), with the image as an
 * image_url data-URL part and a structured answer. A check costs money there, so AUTO_CHECK is off
 * by default and the person asks with Check image. The fake's judgeFixable mode fails the items at
 * odd positions the first time they are judged and passes them after, so Fix misses visibly
 * mends them in one round.
 */

type Recorded = { method: string; path: string; body: Record<string, unknown> | null };
type Part = { type?: string; text?: string; image_url?: { url?: string } };

async function chatRequests(request: import("@playwright/test").APIRequestContext): Promise<Recorded[]> {
  const data = await (await request.get(`${FAKE_OPENAI}/__fake/requests`)).json();
  const all = (Array.isArray(data) ? data : data.requests) as Recorded[];
  return all.filter((r) => r.path.endsWith("/chat/completions"));
}

function userParts(r: Recorded): Part[] {
  const messages = (r.body?.messages ?? []) as Array<{ role: string; content: unknown }>;
  const last = [...messages].reverse().find((m) => m.role === "user");
  return Array.isArray(last?.content) ? (last.content as Part[]) : [];
}

const isJudgeRequest = (r: Recorded) => userParts(r).some((p) => p.type === "image_url");

test.beforeEach(async ({ request }) => resetFake(request));

test("openai: Check image asks the judge model, and Fix misses mends the misses in a round", async ({
  page,
  request,
}) => {
  await request.post(`${FAKE_OPENAI}/__fake/mode`, { data: { mode: "judgeFixable", endpoint: "chat" } });
  await page.goto("/");
  const { prompt } = await refineIdea(page, "two red foxes under a full moon");
  const checklist = page.getByRole("region", { name: "Checklist" });
  await expect(checklist.getByRole("listitem").first()).toBeVisible();
  const items = await checklist.getByRole("listitem").count();
  expect(items).toBeGreaterThanOrEqual(1);
  await generateAndWait(page, prompt);

  // A paid judge does not check by itself: the person asks.
  const checkButton = page.getByRole("button", { name: "Check image", exact: true }).first();
  await expect(checkButton).toBeVisible({ timeout: 30_000 });
  expect((await chatRequests(request)).filter(isJudgeRequest)).toHaveLength(0);
  await checkButton.click();

  const receipt = page
    .getByRole("button", { name: new RegExp(`of ${items} passed.*checked by gpt-5\\.4-mini`) })
    .first();
  await expect(receipt).toBeVisible({ timeout: 30_000 });
  await expect(receipt).toContainText("missed");

  // The judge request: the refiner's model (JUDGE_MODEL unset), the image as a data URL, the
  // checklist in the text, a strict structured answer.
  const judged = (await chatRequests(request)).filter(isJudgeRequest);
  expect(judged).toHaveLength(1);
  const ask = judged[0] as Recorded;
  expect(ask.body?.model).toBe("gpt-5.4-mini");
  expect(userParts(ask).find((p) => p.type === "image_url")?.image_url?.url).toMatch(/^data:image\/png;base64,/);
  expect(
    userParts(ask)
      .map((p) => p.text ?? "")
      .join("\n"),
  ).toContain("<checklist>");
  expect((ask.body?.response_format as { type?: string } | undefined)?.type).toBe("json_schema");

  await page.getByRole("button", { name: "Fix misses" }).first().click();
  const loop = page.getByRole("region", { name: "Fix loop" });
  await expect(loop).toBeVisible();
  await expect(loop.getByText("Round 1", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(loop.getByRole("status")).toHaveText("Done: every item passes", { timeout: 90_000 });
  await expect(loop.getByText("Best", { exact: true })).toBeVisible();

  // The round was refined by the chat model with the misses named, made by the image model, and
  // judged again by the judge model.
  const chats = await chatRequests(request);
  const fixRefine = chats.find((r) => !isJudgeRequest(r) && JSON.stringify(r.body?.messages).includes("Fix: "));
  expect(fixRefine, "the round's refinement named the misses").toBeTruthy();
  expect(chats.filter(isJudgeRequest)).toHaveLength(2);

  // The loop lives on the server: a reload finds it through the address.
  expect(page.url()).toMatch(/[?&]fix=/);
  await page.reload();
  await expect(page.getByRole("region", { name: "Fix loop" }).getByRole("status")).toHaveText(
    "Done: every item passes",
    { timeout: 30_000 },
  );
});

test("openai: a judge that refuses is said plainly and changes nothing", async ({ page, request }) => {
  await page.goto("/");
  const { prompt } = await refineIdea(page, "a red umbrella in the rain");
  await generateAndWait(page, prompt);
  await request.post(`${FAKE_OPENAI}/__fake/mode`, { data: { mode: "refusal", endpoint: "chat" } });
  await page.getByRole("button", { name: "Check image", exact: true }).first().click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /refused|declined/i })
      .first(),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("button", { name: "Check image", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /passed.*checked by/ })).toHaveCount(0);
});
