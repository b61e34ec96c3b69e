"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { getIdeaFeedback } from "@/lib/client/feedback";
import { plural } from "@/lib/client/format";

type Counts = { comments: number; votes: number };

/**
 * "3 comments · 5 votes" for the studio's History, linking to the idea page's Feedback section.
 * Fetched once the line scrolls into view (on a phone History is the last zone), and shows
 * nothing while there is no feedback, or when the count cannot be had: it is a hint, not a page.
 */
export function FeedbackCount({ ideaId }: { ideaId: string }) {
  const [counts, setCounts] = useState<Counts | null>(null);
  const ref = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === "undefined") return;
    const controller = new AbortController();
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      getIdeaFeedback(ideaId, controller.signal)
        .then((f) =>
          setCounts({
            comments: f.items.filter((i) => i.comment !== null).length,
            votes: f.votes.reduce((n, v) => n + v.count, 0),
          }),
        )
        .catch(() => {});
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      controller.abort();
    };
  }, [ideaId]);

  const shown = counts && counts.comments + counts.votes > 0;
  return (
    <span ref={ref} className="text-xs">
      {shown ? (
        <Link href={`/ideas/${encodeURIComponent(ideaId)}#feedback`} className="link">
          {plural(counts.comments, "comment")} · {plural(counts.votes, "vote")}
        </Link>
      ) : null}
    </span>
  );
}
