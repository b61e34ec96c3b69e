import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

async function seed(request: import("@playwright/test").APIRequestContext) {
  const v = await (
    await request.post("/api/refine", {
      data: { idea: "a paper boat on a rainy street" },
      headers: { accept: "application/json" },
    })
  ).json();
  const g = await (
    await request.post("/api/generate", { data: { promptId: v.id, backend: "offline", params: { size: "512x512" } } })
  ).json();
  for (let i = 0; i < 100; i++) {
    const current = await (await request.get(`/api/generations/${g.id}`)).json();
    if (current.status === "succeeded") return { version: v, image: current.images[0] };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the seed generation did not finish");
}

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on any page (${scheme})`, async ({ page, request }) => {
    const { version, image } = await seed(request);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of [
      "/",
      "/gallery",
      `/images/${image.id}`,
      `/ideas/${version.ideaId}`,
      `/?version=${version.id}`,
      "/no-such-page",
    ]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        bad.map(
          (v) =>
            `${path}: ${v.id} (${v.impact}) ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(" | ")}`,
        ),
      ).toEqual([]);
    }
  });
}
