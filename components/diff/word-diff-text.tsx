import type { DiffSegment } from "@/lib/diff/word-diff";

// Added words: underlined on a green tint; removed: struck through on a red tint. Each is also
// said in words to screen readers (they do not announce <ins>/<del> by themselves), so nothing
// depends on colour. Both pairings keep ink/danger text at AA contrast in light and dark themes.
const INS = "rounded-sm bg-success/15 text-ink underline decoration-success decoration-2 underline-offset-2";
const DEL = "rounded-sm bg-danger-soft text-danger line-through decoration-danger/70";

/** A word diff as running text: <ins> for added words, <del> for removed ones. */
export function WordDiffText({ segments }: { segments: readonly DiffSegment[] }) {
  return (
    <>
      {segments.map((s, i) => {
        const key = `${i}-${s.kind}`;
        if (s.kind === "same") return <span key={key}>{s.text}</span>;
        // Keep surrounding spaces outside the mark, so underlines and tints hug the words.
        const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s.text);
        const [lead, body, trail] = m ? [m[1], m[2], m[3]] : ["", s.text, ""];
        if (!body) return <span key={key}>{s.text}</span>;
        // A replacement comes as removed then added with no space between: keep the two marks apart.
        const next = segments[i + 1];
        const abutting = s.kind === "removed" && !trail && next?.kind === "added" && !/^\s/.test(next.text);
        return (
          <span key={key}>
            {lead}
            {s.kind === "added" ? (
              <ins className={INS}>
                <span className="sr-only">added: </span>
                {body}
                <span className="sr-only"> (end added)</span>
              </ins>
            ) : (
              <del className={`${DEL} ${abutting ? "me-1" : ""}`}>
                <span className="sr-only">removed: </span>
                {body}
                <span className="sr-only"> (end removed)</span>
              </del>
            )}
            {trail}
          </span>
        );
      })}
    </>
  );
}

/** "+4 words, −2 words", in words for everyone. */
export function DiffCounts({ added, removed, className }: { added: number; removed: number; className?: string }) {
  if (!added && !removed) return <span className={className}>no word changes</span>;
  const w = (n: number) => `${n} ${n === 1 ? "word" : "words"}`;
  return (
    <span className={className}>
      {added ? <span className="text-success">+{w(added)}</span> : null}
      {added && removed ? ", " : null}
      {removed ? <span className="text-danger">−{w(removed)}</span> : null}
    </span>
  );
}
