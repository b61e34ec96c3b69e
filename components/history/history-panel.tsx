"use client";

import Link from "next/link";
import dynamic from "next/dynamic";
import { Suspense, useId } from "react";
import { FeedbackCount } from "@/components/feedback/feedback-count";
import type { HistoryTreeProps } from "./history-tree";

/**
 * The tree (its items, selection and compare bar) loads once there are versions, not with the
 * page (issue 12: first-load JS). A page opened on an idea renders it on the server; after a
 * first Refine, its code was fetched while the prompt streamed (preloadHistoryTree).
 */
const HistoryTree = dynamic(() => import("./history-tree").then((m) => m.HistoryTree));

export function preloadHistoryTree(): void {
  void import("./history-tree").catch(() => undefined);
}

type Props = HistoryTreeProps & { ideaHref: string | null };

/**
 * The idea's versions as a tree (branches nested under the version they came from); choosing
 * one loads it into the Prompt, ticking two or more compares them.
 */
export function HistoryPanel({ ideaHref, ...p }: Props) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="min-w-0">
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="eyebrow">
          History
        </h2>
        <span className="flex flex-wrap items-baseline justify-end gap-x-3">
          {p.ideaId ? <FeedbackCount ideaId={p.ideaId} /> : null}
          {ideaHref ? (
            <Link href={ideaHref} className="link text-xs">
              Version tree
            </Link>
          ) : null}
        </span>
      </div>
      {p.versions.length ? (
        // One version's row high while the tree's code loads: the first version fills it.
        <Suspense fallback={<div aria-hidden="true" className="min-h-14" />}>
          <HistoryTree {...p} />
        </Suspense>
      ) : (
        <p className="text-sm text-muted">
          Every refinement and edit is kept here as a tree. Choose one to load it again, or branch from it.
        </p>
      )}
    </section>
  );
}
