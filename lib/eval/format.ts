import { preferenceRate } from "./judge";
import type { ReportCard } from "./run-card";
import type { EvalItem } from "./score";

const pct = (v: number | null): string => (v === null ? "–" : `${Math.round(v * 100)}%`);
const clip = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const pad = (s: string, n: number): string => (s.length >= n ? s : s + " ".repeat(n - s.length));

const COLUMNS = ["idea", "category", "words", "quoted", "numbers", "contra", "budget", "parts", "checks"] as const;
const WIDTHS = [42, 18, 6, 7, 8, 7, 8, 6, 6];

function row(cells: string[]): string {
  return cells
    .map((c, i) => pad(c, WIDTHS[i] ?? 8))
    .join(" ")
    .trimEnd();
}

function itemRow(item: EvalItem): string {
  return row([
    clip(item.idea.replace(/\s+/g, " "), WIDTHS[0]!),
    clip(item.category, WIDTHS[1]!),
    pct(item.wordsKept),
    pct(item.quotedKept),
    pct(item.numbersKept),
    String(item.contradictions),
    item.withinBudget
      ? `yes${item.tokens !== null ? ` ${item.tokens}` : ""}`
      : `NO${item.tokens !== null ? ` ${item.tokens}` : ""}`,
    pct(item.partsFilled),
    pct(item.checklistCoverage),
  ]);
}

/** The card as text: one row per idea, what each lost underneath when it lost anything, then the summary. */
export function formatCard(card: ReportCard, heading: string): string {
  const lines: string[] = [heading, "", row([...COLUMNS]), row(WIDTHS.map((w) => "-".repeat(w)))];
  for (const item of card.items) {
    lines.push(itemRow(item));
    const lost: string[] = [];
    if (item.error) lost.push(`error: ${item.error}`);
    if (item.missing.words.length) lost.push(`words lost: ${item.missing.words.join(", ")}`);
    if (item.missing.quoted.length) lost.push(`quotes lost: ${item.missing.quoted.map((q) => `“${q}”`).join(", ")}`);
    if (item.missing.numbers.length) lost.push(`numbers lost: ${item.missing.numbers.join(", ")}`);
    for (const c of item.contradictionsFound) lost.push(`contradiction (${c.axis}, ${c.id}): “${c.found}”`);
    if (item.judge) {
      const j = item.judge;
      lost.push(
        `judge: refined ${j.refinedWins}, idea ${j.ideaWins}, tie ${j.ties}${j.unparsed ? `, unreadable ${j.unparsed}` : ""}`,
      );
    }
    for (const l of lost) lines.push(`    ${l}`);
  }
  const s = card.summary;
  lines.push(
    "",
    "Summary",
    `  ideas                ${s.ideas}`,
    `  content words kept   ${pct(s.wordsKept)}`,
    `  quoted text kept     ${pct(s.quotedKept)}`,
    `  numbers kept         ${pct(s.numbersKept)}`,
    `  contradictions       ${s.contradictions}`,
    `  within budget        ${pct(s.withinBudget)}`,
    `  parts filled         ${pct(s.partsFilled)}`,
    `  checklist coverage   ${pct(s.checklistCoverage)}`,
  );
  const verdicts = card.items.flatMap((i) => (i.judge ? [i.judge] : []));
  if (verdicts.length > 0) {
    const p = preferenceRate(verdicts);
    lines.push(
      `  judge: refined preferred ${pct(p.rate)} of ${p.asked - p.unparsed} readable answers (${p.asked} asked, both orders)`,
    );
  }
  return `${lines.join("\n")}\n`;
}
