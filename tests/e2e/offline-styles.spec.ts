import { expect, test } from "@playwright/test";
import { generateAndWait, refineIdea } from "./helpers";

test("offline: a person makes a style, refines in it, and sees it in the image's recipe", async ({ page, request }) => {
  const name = `Harbour zine ${Date.now()}`;
  await page.goto("/library");
  await page.getByRole("link", { name: "Open styles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Styles" })).toBeVisible();

  await page.getByRole("button", { name: "New style" }).click();
  const form = page.getByRole("form", { name: "New style" });
  // An empty form is refused field by field, before anything is sent.
  await form.getByRole("button", { name: "Create style" }).click();
  await expect(form.getByText("Medium: required")).toBeVisible();
  await expect(form.getByRole("textbox", { name: "Name" })).toBeFocused();
  await form.getByRole("textbox", { name: "Name" }).fill(name);
  await form.getByRole("textbox", { name: "Medium" }).fill("risograph zine print");
  await form.getByRole("textbox", { name: "Lighting" }).fill("flat even daylight with no cast shadows");
  await form.getByRole("textbox", { name: "Palette" }).fill("fluorescent pink and teal ink on cream paper");
  await form.getByRole("textbox", { name: "Camera" }).fill("centered frontal composition with wide margins");
  await form.getByRole("textbox", { name: "Detail" }).fill("visible misregistration, grainy ink texture");
  await form.getByRole("textbox", { name: "Detail" }).press("Enter");
  await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();
  // Its sample is drawn by the offline renderer on first ask.
  const own = (await (await request.get("/api/styles")).json()) as {
    items: { id: string; label: string; sample: string }[];
  };
  const style = own.items.find((s) => s.label === name);
  expect(style).toBeDefined();
  const sample = await request.get(style?.sample ?? "");
  expect(sample.headers()["content-type"]).toBe("image/webp");

  await page.getByRole("link", { name: "Studio", exact: true }).click();
  await page.getByRole("combobox", { name: "Style" }).selectOption({ label: name });
  const { prompt } = await refineIdea(page, "a heron in a misty marsh");
  expect(prompt).toContain("risograph zine print");
  expect(prompt).toContain("fluorescent pink and teal ink");
  const image = await generateAndWait(page, prompt);
  await image.click();
  await expect(page).toHaveURL(/\/images\//);

  const recipe = page.getByRole("definition").filter({ hasText: name });
  await expect(recipe).toBeVisible();
  await recipe.getByText(name).click();
  await expect(recipe).toContainText("Palette: fluorescent pink and teal ink on cream paper");

  // Edited later, the recipe still says what was used.
  await request.patch(`/api/styles/${style?.id}`, {
    data: {
      label: `${name} v2`,
      medium: "linocut print",
      lighting: "flat light",
      palette: "black ink",
      camera: "close crop",
      detail: "carved marks",
    },
  });
  await page.reload();
  await expect(page.getByRole("definition").filter({ hasText: name })).toContainText("(own style)");
  await expect(page.getByText(`${name} v2`)).toHaveCount(0);
});
