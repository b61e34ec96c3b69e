import { formatCount } from "@/lib/client/format";

/** A rough token count: about four characters per token for English prose. */
function approxTokens(text: string): number {
  return Math.ceil(text.trim().length / 4);
}

/** Length against the backend's budget: in words and a thin bar; over the limit is said plainly. */
export function LengthMeter({
  id,
  text,
  maxChars,
  maxTokens,
  exactTokens,
  tokenizer,
  backendLabel,
}: {
  id: string;
  text: string;
  maxChars?: number;
  maxTokens?: number;
  /** The server's count, when known; otherwise the meter estimates and says "about". */
  exactTokens?: number | null;
  /**
   * Whose tokens the budget counts. CLIP's are counted by the server's real BPE; T5's (FLUX, SD3)
   * are only ever estimated (lib/tokens/t5-estimate.ts), so they always read "≈ … (estimate)".
   */
  tokenizer?: "clip" | "t5";
  backendLabel: string;
}) {
  const n = text.length;
  const over = maxChars !== undefined && n > maxChars;
  const known = typeof exactTokens === "number";
  const tokens = known ? exactTokens : approxTokens(text);
  const t5 = tokenizer === "t5";
  const exact = known && !t5;
  const unit = t5 ? "T5 tokens" : tokenizer === "clip" ? "CLIP tokens" : "tokens";
  const fraction = maxChars ? Math.min(1, n / maxChars) : 0;
  return (
    <div id={id} className="text-xs text-muted">
      {maxChars ? (
        <div aria-hidden="true" className="mb-1 h-1 overflow-hidden rounded-full bg-surface-2">
          <div
            className={`h-full rounded-full ${over ? "bg-danger" : fraction > 0.9 ? "bg-warning" : "bg-accent"}`}
            style={{ width: `${fraction * 100}%` }}
          />
        </div>
      ) : null}
      <p>
        {formatCount(n)}
        {maxChars ? ` / ${formatCount(maxChars)}` : ""} characters
        {maxTokens
          ? t5
            ? `, ≈ ${formatCount(tokens)} / ${formatCount(maxTokens)} ${unit} (estimate)`
            : `, ${exact ? "" : "about "}${formatCount(tokens)} / ${formatCount(maxTokens)} ${unit}`
          : ""}
        {over ? (
          <strong className="font-semibold text-danger">
            {" "}
            {/* A no-break space keeps the "·" with the words it leads when the line wraps. */}·&nbsp;
            {formatCount(n - maxChars)} over the limit for {backendLabel}
          </strong>
        ) : null}
        {maxTokens && tokens > maxTokens && !over ? (
          <span className="text-warning">
            {" "}
            ·&nbsp;{backendLabel} reads about the first {formatCount(maxTokens)} {unit}
          </span>
        ) : null}
      </p>
    </div>
  );
}
