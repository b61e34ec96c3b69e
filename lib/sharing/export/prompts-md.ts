import { formatDateTime, plural } from "@/lib/client/format";
import type { SharedStep, SharedView } from "@/lib/schemas/shares";
import { comparisonLine, HOW_WORDS, imageLine, stepTitle, styleWords } from "./step-words";

/*
 * `prompts.md`: the story for a person to read in any text editor, or rendered by any Markdown
 * viewer. What people typed (idea, instructions, prompts) goes in fenced blocks, exactly as
 * written and never read as Markdown or HTML; short texts (titles, notes) are escaped.
 */

/** A fenced block that no run of backticks inside the text can close early. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** One line of text, with Markdown's and HTML's special characters taken literally. */
export function mdText(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>#|~&]/g, "\\$&");
}

/** One step; `context` leads its line of how it was made (a comparison cell names its step there). */
function stepBlock(heading: string, step: SharedStep, context?: string): string {
  const lines = [`## ${mdText(heading)}`, ""];
  const meta = [...(context ? [context] : []), HOW_WORDS[step.how], formatDateTime(step.createdAt)];
  if (step.style) meta.push(mdText(styleWords(step.style)));
  if (step.approvedAt) meta.push(`**Approved** ${formatDateTime(step.approvedAt)}`);
  lines.push(meta.join(" · "), "");
  if (step.instruction) lines.push("Instruction:", "", fenced(step.instruction), "");
  lines.push("Prompt:", "", fenced(step.prompt), "");
  if (step.negativePrompt) lines.push("Negative prompt:", "", fenced(step.negativePrompt), "");
  if (step.notes.length) lines.push("Notes:", "", ...step.notes.map((n) => `- ${mdText(n)}`), "");
  if (step.images.length) {
    lines.push(
      "Images:",
      "",
      ...step.images.map((img) => `- [${img.src}](${img.src}) · ${mdText(imageLine(img))}`),
      "",
    );
  }
  return lines.join("\n");
}

export function promptsMd(view: SharedView, exportedAt: string): string {
  const head = [`# ${mdText(view.title)}`, "", "The idea, as typed:", "", fenced(view.ideaText), ""];
  if (view.kind === "idea") {
    const images = view.steps.reduce((n, s) => n + s.images.length, 0);
    head.push(
      `Exported from Promptsmith on ${formatDateTime(exportedAt)} · ${plural(view.steps.length, "step")} · ${plural(images, "image")}.`,
      "",
    );
    return `${[...head, ...view.steps.map((s) => stepBlock(stepTitle(s), s))].join("\n").trimEnd()}\n`;
  }
  if (view.kind === "comparison") {
    head.push(
      `A comparison: ${mdText(comparisonLine(view))}.`,
      "",
      `Exported from Promptsmith on ${formatDateTime(exportedAt)}.`,
      "",
    );
    const cells = view.cells.map((c, i) => stepBlock(`${i + 1}. ${c.label}`, c.step, stepTitle(c.step)));
    return `${[...head, ...cells].join("\n").trimEnd()}\n`;
  }
  return `${[...head, stepBlock(stepTitle(view.step), { ...view.step, images: [view.image] })].join("\n").trimEnd()}\n`;
}
