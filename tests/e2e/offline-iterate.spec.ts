import { expect, type Page, test } from "@playwright/test";
import { refineIdea } from "./helpers";

/** The "Load vN" buttons directly under vN's node in History, in order. */
async function childrenOf(page: Page, n: number): Promise<string[]> {
  const history = page.getByRole("region", { name: "History" });
  const node = history.getByRole("button", { name: `Load v${n}`, exact: true });
  return node.evaluate((b) => {
    const list = b.closest("li")?.querySelector(":scope > ol");
    return [...(list?.querySelectorAll(":scope > li > div button[data-tree-node]") ?? [])].map(
      (c) => c.getAttribute("aria-label") ?? "",
    );
  });
}

async function refineAgain(page: Page, instruction: string) {
  await page.getByRole("textbox", { name: "Instruction" }).fill(instruction);
  await page.getByRole("button", { name: "Refine again" }).click();
  // Saved: the notice names the new version, and the instruction box empties.
  await expect(page.getByRole("textbox", { name: "Instruction" })).toHaveValue("", { timeout: 30_000 });
}

test("offline: refine, refine again with a visible diff, branch from v1: the tree shows two children", async ({
  page,
}) => {
  await page.goto("/");
  const { prompt: first } = await refineIdea(page, "a lighthouse on a cliff above the sea");
  const promptBox = page.getByRole("textbox", { name: "Prompt", exact: true });
  const history = page.getByRole("region", { name: "History" });

  await refineAgain(page, "make it night");
  await expect(promptBox).toHaveValue(/night/i);
  expect(await promptBox.inputValue()).not.toBe(first);
  await expect(history.getByRole("button", { name: "Load v2", exact: true })).toHaveAttribute("aria-current", "true");

  // The diff against the parent shows at least one insertion.
  await page.getByText("Changes from v1").click();
  const inserted = page.locator("details[open] ins").first();
  await expect(inserted).toBeVisible();
  await expect(inserted).toContainText("added");

  // Branch: load v1 and refine it with another instruction.
  await history.getByRole("button", { name: "Load v1", exact: true }).click();
  await expect(promptBox).toHaveValue(first);
  await refineAgain(page, "in winter");
  await expect(history.getByRole("button", { name: "Load v3", exact: true })).toHaveAttribute("aria-current", "true");
  expect(await childrenOf(page, 1)).toEqual(["Load v2", "Load v3"]);
  await expect(history.getByText("“make it night”")).toBeVisible();
  await expect(history.getByText("“in winter”")).toBeVisible();

  // Two picked versions compare word by word.
  await history.getByRole("checkbox", { name: "Select v2", exact: true }).check();
  await history.getByRole("checkbox", { name: "Select v3", exact: true }).check();
  await history.getByRole("button", { name: "Compare prompts" }).click();
  const diff = page.getByRole("region", { name: "Prompt diff" });
  await expect(diff).toBeVisible();
  await expect(diff.locator("ins").first()).toBeVisible();
  await expect(diff.locator("del").first()).toBeVisible();

  // The idea page shows the same tree.
  await history.getByRole("link", { name: "Version tree" }).click();
  // (A dev server may compile the page first: give it time.)
  await expect(page).toHaveURL(/\/ideas\/[A-Za-z0-9_-]+$/, { timeout: 90_000 });
  await expect(page.getByRole("heading", { name: "v3", exact: true })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select v1", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Open in studio: v\d+$/ })).toHaveCount(3);
});

test("offline: three candidates side by side; Use this on the second makes it current; all stay in the tree", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("textbox", { name: "Idea", exact: true }).fill("a fox in the snow");
  await page.getByRole("combobox", { name: "Candidates" }).selectOption("3");
  await page.getByRole("button", { name: "Refine", exact: true }).click();

  const use = page.getByRole("button", { name: /^Use this: / });
  await expect(use).toHaveCount(3, { timeout: 30_000 });
  await expect(use.first()).toBeEnabled();
  const second = use.nth(1);
  const name = (await second.getAttribute("aria-label")) ?? (await second.textContent()) ?? "";
  const direction = name.replace(/^Use this:\s*/, "").trim();
  expect(direction.length).toBeGreaterThan(0);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("button", { name, exact: true }) });
  // The card's prompt as a person reads it: the words marked as added keep their screen-reader labels out.
  const candidatePrompt = (
    await card.locator("[data-candidate-prompt]").evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const sr of copy.querySelectorAll(".sr-only")) sr.remove();
      return copy.textContent ?? "";
    })
  ).trim();
  expect(candidatePrompt.length).toBeGreaterThan(40);

  await second.click();
  await expect(page.getByRole("button", { name: /^Use this: / })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Prompt", exact: true })).toHaveValue(candidatePrompt);

  const history = page.getByRole("region", { name: "History" });
  const nodes = history.locator("button[data-tree-node]");
  await expect(nodes).toHaveCount(3);
  const current = history.locator('button[data-tree-node][aria-current="true"]');
  await expect(current).toHaveCount(1);
  await expect(current).toContainText(direction);
});
