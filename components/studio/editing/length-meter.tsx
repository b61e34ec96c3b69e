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
  backendLabel,
}: {
  id: string;
  text: string;
  maxChars?: number;
  maxTokens?: number;
  /** The server's count, when known; otherwise the meter estimates and says "about". */
  exactTokens?: number | null;
  backendLabel: string;
}) {
  const n = text.length;
  const over = maxChars !== undefined && n > maxChars;
  const exact = typeof exactTokens === "number";
  const tokens = exact ? exactTokens : approxTokens(text);
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
        {maxTokens ? `, ${exact ? "" : "about "}${formatCount(tokens)} / ${formatCount(maxTokens)} tokens` : ""}
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
            ·&nbsp;{backendLabel} reads about the first {formatCount(maxTokens)} tokens
          </span>
        ) : null}
      </p>
    </div>
  );
}
