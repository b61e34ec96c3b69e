import { formatDateTime, plural } from "@/lib/client/format";
import { type DiffSegment, wordDiff } from "@/lib/diff/word-diff";
import type { SharedImage, SharedStep, SharedView } from "@/lib/schemas/shares";
import { type Html, html, toHtmlString, trusted } from "./html";
import { STORY_CSS } from "./story-css";
import { comparisonLine, HOW_WORDS, imageLine, stepTitle, styleWords } from "./step-words";

/*
 * `index.html`: the story as one page that works from a folder on a disk, with no network: the
 * style sheet inline, images by relative path (`images/…`), and no script at all (the policy in
 * the page forbids any, as a second lock behind the escaping in ./html.ts).
 */

const POLICY =
  "default-src 'none'; img-src * file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Added words underlined on green, removed ones struck through on red; said in words to screen readers too. */
function diffText(segments: readonly DiffSegment[]): Html[] {
  return segments.map((s) => {
    if (s.kind === "same") return html`${s.text}`;
    // Surrounding spaces stay outside the mark, so tints hug the words.
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.text);
    const [lead, body, trail] = m ? [m[1] ?? "", m[2] ?? "", m[3] ?? ""] : ["", s.text, ""];
    if (!body) return html`${s.text}`;
    return s.kind === "added"
      ? html`${lead}<ins><span class="sr-only">added: </span>${body}<span class="sr-only"> (end added)</span></ins>${trail}`
      : html`${lead}<del><span class="sr-only">removed: </span>${body}<span class="sr-only"> (end removed)</span></del>${trail}`;
  });
}

function figure(image: SharedImage): Html {
  return html`<figure><img src="${image.src}" width="${image.width}" height="${image.height}" alt="${image.alt}"><figcaption class="caption">${imageLine(image)}</figcaption></figure>`;
}

/** A step's card; `context` leads the line saying how it was made (a comparison cell names its step there). */
function stepBody(step: SharedStep, heading: string, id: string, context?: string): Html {
  const prompt =
    step.parentPrompt === null || step.parentPrompt === step.prompt
      ? html`${step.prompt}`
      : diffText(wordDiff(step.parentPrompt, step.prompt));
  const how = [context, HOW_WORDS[step.how], formatDateTime(step.createdAt), step.style ? styleWords(step.style) : ""]
    .filter(Boolean)
    .join(" · ");
  return html`<article class="step" id="${id}" aria-labelledby="${id}-title">
<div class="step-head"><h2 id="${id}-title">${heading}</h2>${step.approvedAt ? html`<span class="badge" title="Approved ${formatDateTime(step.approvedAt)}">Approved</span>` : null}</div>
<p class="how">${how}</p>
${step.instruction ? html`<p class="label">Asked</p><p class="text">${step.instruction}</p>` : null}
<p class="label">Prompt${step.parentPrompt !== null && step.parentPrompt !== step.prompt ? " (changes marked)" : ""}</p>
<p class="text prompt">${prompt}</p>
${step.negativePrompt ? html`<p class="label">Negative prompt</p><p class="text">${step.negativePrompt}</p>` : null}
${step.notes.length ? html`<p class="label">Notes</p><ul class="notes">${step.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}
${step.images.length ? html`<div class="images">${step.images.map(figure)}</div>` : html`<p class="none">No images for this step.</p>`}
</article>`;
}

type PageParts = { eyebrow: string; summary: string; legend: string | null; body: Html };

function page(view: SharedView, { eyebrow, summary, legend, body }: PageParts, exportedAt: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${view.title} · Promptsmith</title>
<style>${trusted(STORY_CSS)}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">${eyebrow}</p>
<h1>${view.title}</h1>
<p class="idea">${view.ideaText}</p>
<p class="meta">${summary}</p>
${legend ? html`<p class="legend">${legend}</p>` : null}
</header>
${body}
<footer>Exported from Promptsmith on ${formatDateTime(exportedAt)}. The images are in the images folder beside this page; idea.json holds the full record.</footer>
</main>
</body>
</html>
`;
}

export function storyHtml(view: SharedView, exportedAt: string): string {
  if (view.kind === "idea") {
    const images = view.steps.reduce((n, s) => n + s.images.length, 0);
    const steps = view.steps.map((s) => html`<li>${stepBody(s, stepTitle(s), `step-${s.number}`)}</li>`);
    const summary = `${plural(view.steps.length, "step")} · ${plural(images, "image")}`;
    const legend =
      "In each step's prompt, words added since the step it came from are underlined, and words taken out are struck through.";
    return toHtmlString(
      page(view, { eyebrow: "Idea", summary, legend, body: html`<ol class="steps">${steps}</ol>` }, exportedAt),
    );
  }
  if (view.kind === "comparison") {
    const cells = view.cells.map(
      (c, i) => html`<li>${stepBody(c.step, c.label, `cell-${i + 1}`, stepTitle(c.step))}</li>`,
    );
    const legend =
      view.comparisonKind === "versions"
        ? "Each prompt after the first marks the words it adds to the first (underlined) and takes out (struck through)."
        : "One prompt on several backends.";
    const body = html`<ol class="steps cells">${cells}</ol>`;
    return toHtmlString(page(view, { eyebrow: "Comparison", summary: comparisonLine(view), legend, body }, exportedAt));
  }
  const step = { ...view.step, images: [view.image] };
  const body = html`<ol class="steps"><li>${stepBody(step, stepTitle(step), "step")}</li></ol>`;
  return toHtmlString(page(view, { eyebrow: "Image", summary: imageLine(view.image), legend: null, body }, exportedAt));
}
