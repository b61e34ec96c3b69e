import type { Verdict } from "@/lib/schemas/checks";

/** The words a screen reader says for each mark (the marks themselves are hidden from it). */
export const VERDICT_WORDS: Record<Verdict, string> = { pass: "passed", fail: "missed", unsure: "unsure" };
const MARKS: Record<Verdict, string> = { pass: "✓", fail: "✗", unsure: "?" };
const TONES: Record<Verdict, string> = {
  pass: "border-success/40 text-success",
  fail: "border-danger/50 bg-danger-soft text-danger",
  unsure: "border-line-strong text-muted",
};

/** ✓, ✗ or ? in a small round badge, said in words as well as colour. */
export function VerdictMark({ verdict }: { verdict: Verdict }) {
  return (
    <span
      className={`inline-flex size-5 shrink-0 items-center justify-center rounded-full border text-xs font-bold ${TONES[verdict]}`}
    >
      <span aria-hidden="true">{MARKS[verdict]}</span>
      <span className="sr-only">{VERDICT_WORDS[verdict]}: </span>
    </span>
  );
}
