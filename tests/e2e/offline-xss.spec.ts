/**
 * XSS attempts in ideas, prompts, negative prompts, instructions, library names and query
 * parameters render as text on every page: no dialog fires, no element or attribute the
 * payloads try to inject exists, and the payload text shows literally.
 */
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

const P = {
  img: `<img src=x onerror=alert('xss-img')>`,
  script: `<script>alert('xss-script')</script>`,
  js: `javascript:alert('xss-js')`,
  svg: `"><svg onload=alert('xss-svg')>`,
  iframe: `<iframe srcdoc="<script>parent.alert('xss-iframe')</script>"></iframe>`,
  attr: `' onmouseover='alert(1)' x='`,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
  template: "{{constructor.constructor('alert(1)')()}} ${alert(1)}",
};

type Version = { id: string; ideaId: string; prompt: string };

async function postJson<T>(request: APIRequestContext, url: string, data: unknown, ok = [200, 201, 202]): Promise<T> {
  const res = await request.post(url, { data, headers: { accept: "application/json" } });
  expect(ok, `${url} → ${res.status()} ${await res.text()}`).toContain(res.status());
  return (await res.json()) as T;
}

/** Fails the test on any dialog, and records it. */
function watchDialogs(page: Page): string[] {
  const fired: string[] = [];
  page.on("dialog", (d) => {
    fired.push(d.message());
    void d.dismiss();
  });
  return fired;
}

/** Nothing the payloads try to create exists in the page. */
async function expectNothingInjected(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      for (const a of Array.from(el.attributes)) {
        // React never writes inline handlers; one here came from a payload.
        if (/^on/i.test(a.name)) bad.push(`<${tag} ${a.name}>`);
        if (
          ["href", "src", "action", "formaction", "xlink:href", "srcdoc"].includes(a.name) &&
          /^\s*javascript:/i.test(a.value)
        )
          bad.push(`<${tag} ${a.name}="${a.value}">`);
      }
      if (tag === "img" && el.getAttribute("src") === "x") bad.push("<img src=x>");
      if (tag === "iframe") bad.push("<iframe>");
      if (tag === "script" && /^\s*(parent\.)?alert\(/.test(el.textContent ?? "")) bad.push("<script>alert…");
    }
    return bad;
  });
  expect(found, `${where}: injected markup`).toEqual([]);
}

/** The text shows as typed: in the page's text, or as a text box's value. */
async function expectLiteral(page: Page, text: string, where: string) {
  const shown = await page.evaluate((t) => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visibly, not hidden text
    if (document.body.innerText.includes(t)) return true;
    return Array.from(document.querySelectorAll("input, textarea")).some((el) =>
      (el as HTMLInputElement | HTMLTextAreaElement).value.includes(t),
    );
  }, text);
  expect(shown, `${where}: "${text}" shown literally`).toBe(true);
}

async function visit(page: Page, url: string, literals: string[]) {
  const fired = watchDialogs(page);
  const res = await page.goto(url);
  expect(res?.status(), url).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  // Hovering and focusing give mouseover/focus payloads their chance too.
  for (const el of (await page.locator("main img, main a, main button").all()).slice(0, 12)) {
    await el.hover({ timeout: 1_000 }).catch(() => undefined);
  }
  for (const text of literals) await expectLiteral(page, text, url);
  await expectNothingInjected(page, url);
  expect(fired, `${url}: dialogs`).toEqual([]);
}

test("XSS payloads in ideas and prompts render as text on every page", async ({ page, request }) => {
  test.setTimeout(120_000);
  // An idea whose text, prompt and negative prompt are payloads; a child from an instruction.
  const root = await postJson<Version>(request, "/api/prompts", {
    idea: `${P.img} ${P.js}`,
    prompt: `${P.script} a fox ${P.svg}`,
    negativePrompt: `${P.iframe} ${P.attr}`,
  });
  const child = await postJson<Version>(request, "/api/prompts", {
    parentId: root.id,
    prompt: `${P.template} a fox at night ${P.img}`,
  });
  const refined = await postJson<Version>(request, "/api/refine", {
    parentId: root.id,
    instruction: `${P.svg} make it night`,
  });

  // An image for the gallery and the image page.
  const g = await postJson<{ id: string }>(request, "/api/generate", {
    promptId: root.id,
    backend: "offline",
    params: { size: "512x512" },
  });
  let imageId = "";
  await expect
    .poll(
      async () => {
        const gen = (await (await request.get(`/api/generations/${g.id}`)).json()) as {
          status: string;
          images: { id: string }[];
        };
        imageId = gen.images[0]?.id ?? "";
        return gen.status;
      },
      { timeout: 30_000 },
    )
    .toBe("succeeded");

  const pages: { url: string; literals: string[] }[] = [
    { url: `/?idea=${root.ideaId}`, literals: [`${P.img} ${P.js}`] },
    { url: `/?version=${child.id}`, literals: [child.prompt] },
    { url: "/gallery", literals: [] },
    { url: `/images/${imageId}`, literals: [`${P.img} ${P.js}`, root.prompt] },
    { url: `/ideas/${root.ideaId}`, literals: [`${P.img} ${P.js}`, root.prompt, child.prompt] },
    // Query parameters that pages echo.
    { url: `/gallery?q=${encodeURIComponent(P.svg)}`, literals: [] },
    { url: `/?text=${encodeURIComponent(P.script)}`, literals: [P.script] },
    { url: `/?idea=${encodeURIComponent(P.img)}`, literals: [] },
    { url: `/login?next=${encodeURIComponent(P.js)}&error=${encodeURIComponent(P.img)}`, literals: [] },
  ];
  expect(refined.prompt.length).toBeGreaterThan(0);

  // The library and comparisons, where they exist.
  const star = await request.post("/api/library", { data: { versionId: root.id, name: `${P.svg} ${P.script}` } });
  if (star.status() === 201 || star.status() === 200) {
    pages.push({ url: "/library", literals: [`${P.svg} ${P.script}`] });
    pages.push({ url: `/library?q=${encodeURIComponent(P.img)}`, literals: [] });
  }
  const cmp = await request.post("/api/comparisons", {
    data: { versionIds: [root.id, child.id], backend: "offline", params: { size: "512x512" } },
  });
  if (cmp.status() === 201) {
    const { id } = (await cmp.json()) as { id: string };
    pages.push({ url: `/compare/${id}`, literals: [] });
  }

  for (const { url, literals } of pages) await visit(page, url, literals);
});
