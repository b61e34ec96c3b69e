"use client";

import { formatCount, plural } from "@/lib/client/format";
import { LIMITS } from "@/lib/schemas/limits";

/**
 * The Idea box's length, said where the person types: "1,234 / 2,000", and past the limit a
 * plain message instead. The box never cuts a paste short (no maxLength): a long paste stays
 * whole for the person to shorten, and Refine waits until it fits.
 */

/** Counted as the API counts it: surrounding spaces do not count. */
export function ideaLength(text: string): number {
  return text.trim().length;
}

export function ideaTooLong(text: string): boolean {
  return ideaLength(text) > LIMITS.ideaChars;
}

export function IdeaLength({ id, text }: { id: string; text: string }) {
  const length = ideaLength(text);
  const over = length - LIMITS.ideaChars;
  if (over > 0) {
    return (
      <p id={id} role="alert" className="mt-1 text-sm font-medium text-danger">
        The idea is {formatCount(length)} characters; the limit is {formatCount(LIMITS.ideaChars)}. Shorten it by{" "}
        {plural(over, "character").replace(String(over), formatCount(over))} to refine.
      </p>
    );
  }
  return (
    <p id={id} className="field-hint mt-1 tabular-nums">
      {formatCount(length)} / {formatCount(LIMITS.ideaChars)} characters
    </p>
  );
}
